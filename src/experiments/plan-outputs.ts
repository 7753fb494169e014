/**
 * What a finished plan leaves beside its records: the summary entries the answers notebook reads, and
 * predictions.csv from the one method chosen in advance.
 */
import { join } from 'node:path';
import { decodePredictions, requireSemiLog, type RunRecordWithSemiLog } from '../results/run-record';
import type { PlannedRun } from './plan';
import { writePredictionsCsv, majorityVote } from './predictions';
import { summarizeRuns, upsertSummaryEntries, type SummaryEntry } from './summary';

import { PREDICTION_RUN } from './final-recipe';

/**
 * The run whose seeds vote for predictions.csv, fixed before any of its results existed (the last
 * stage of the final recipe), so that the validation set is not used to choose it.
 */
export const PREDICTION_METHOD = PREDICTION_RUN;

/** One summary entry per config, in plan order; a run with an unlabeled term counts as semi-supervised. */
export function planSummaryEntries(runs: readonly PlannedRun[]): SummaryEntry[] {
  const names = [...new Set(runs.map((r) => r.name))];
  return names.map((name) => {
    const records = runs.filter((r) => r.name === name).map((r) => r.record);
    return summarizeRuns(records, records[0].config.unlabeled === null ? 'supervised' : 'semi-supervised');
  });
}

/** Writes the summary entries of `runs` into `<root>/summary.json` and, if the prediction method ran, `<root>/predictions.csv`. */
export function writePlanOutputs(runs: readonly PlannedRun[], root: string): void {
  const chosen = runs.filter((r) => r.name === PREDICTION_METHOD);
  if (chosen.length > 0) {
    writePredictionsCsv(join(root, 'predictions.csv'), majorityVote(chosen.map((r) => decodePredictions(r.record.validationPredictions))));
  }
  upsertSummaryEntries(planSummaryEntries(runs), { path: join(root, 'summary.json') });
}

/** The runs with their per-epoch unlabeled logs, for the semi-supervised figures; an error names a record without one. */
export function withSemiLogs(runs: readonly PlannedRun[]): (PlannedRun & { record: RunRecordWithSemiLog })[] {
  return runs.map((r) => ({ ...r, record: requireSemiLog(r.record, r.path) }));
}
