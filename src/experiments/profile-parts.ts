/**
 * The parts of the full profile (`npm run experiments`) and the records each would write, known
 * before anything trains, so that one pre-flight can refuse with every stale record of every part
 * at once instead of stopping at the first part and leaving the rest for the next try.
 */
import { existsSync } from 'node:fs';
import { readRunRecord } from '../results/run-record';
import { FINAL_PLAN } from './final-recipe';
import { plannedRecords, planFor, planSeeds, SEMI_PLAN, SUPERVISED_PLAN } from './plan';
import { preflightRuns, type PlannedRecord, type PreflightOptions } from './preflight';
import type { Profile } from './profile';
import { lrSelectionRuns } from './semi-select';
import { chooseSetting, STUDY_ROWS, STUDY_SEEDS, studyRowConfig, studySelectionRuns } from './study';

// The study first (its rows are cheap and the report's first experiment section reads them), the final
// recipe next (the longest part), then the starter's semi-supervised rows and the seed's protocol.
export const PARTS = ['study', 'final', 'semi', 'supervised'] as const;
export type Part = (typeof PARTS)[number];

const planRecords = (names: readonly string[], profile: Profile, root: string) => plannedRecords(planFor(names, profile).map((e) => e.config), planSeeds(profile), root);

/**
 * The study's rows depend on the selection's winner; before the selection runs, the winner of
 * the saved selection records stands in (the rows on disk were trained with it). Without all of
 * them there is no saved winner and no saved rows to protect.
 */
function studyRecords(profile: Profile, root: string): PlannedRecord[] {
  const selection = studySelectionRuns(profile, root);
  if (!selection.every((r) => existsSync(r.path))) return selection;
  const trials = selection.map((r) => ({ lr: r.lr, epochs: r.epochs, heldOutAccuracy: readRunRecord(r.path).final.validationAccuracy, reused: true, wallSeconds: 0 }));
  const setting = chooseSetting(trials);
  return [...selection, ...plannedRecords(STUDY_ROWS.map((r) => studyRowConfig(r.row, setting)), STUDY_SEEDS[profile], root)];
}

/** Every record a part would write under `root`, as the pre-flight reads them. */
export function partRecords(part: Part, profile: Profile, root: string): PlannedRecord[] {
  if (part === 'study') return studyRecords(profile, root);
  if (part === 'final') return planRecords(FINAL_PLAN, profile, root);
  if (part === 'semi') return [...lrSelectionRuns(profile, root), ...planRecords(SEMI_PLAN, profile, root)];
  return planRecords(SUPERVISED_PLAN, profile, root);
}

/** One pre-flight over every record of `parts`: a refusal names the stale records of all of them. */
export async function preflightParts(parts: readonly Part[], profile: Profile, root: string, options: PreflightOptions): Promise<void> {
  await preflightRuns(parts.flatMap((p) => partRecords(p, profile, root)), options);
}
