/** The report's tables, built from summary entries and run records (never from typed numbers). */
import type { PairedResult } from '../experiments/ablation';
import type { PlannedRun } from '../experiments/plan';
import type { SummaryEntry } from '../experiments/summary';
import type { RunRecord } from '../results/run-record';
import { durationText, meanStdText, pCell, perSeedText } from './format';

export type Row = Record<string, string | number>;

/** The seed report's table, corrected: mean ± std over seeds of the three accuracies, and each seed's value. */
export function resultsTable(entries: readonly SummaryEntry[]): Row[] {
  return entries.map((e) => {
    const row: Row = { Model: e.title, Seeds: e.seeds.length };
    row['Train acc. (train mode) %'] = e.trainAccuracy ? meanStdText(e.trainAccuracy) : 'n/a';
    row['Train acc. (eval mode, clean) %'] = e.evalTrainAccuracy ? meanStdText(e.evalTrainAccuracy) : 'n/a';
    row['Validation acc. %'] = meanStdText(e.validationAccuracy);
    row[`Validation per seed (seeds ${e.seeds.join(', ')})`] = perSeedText(e.validationAccuracy);
    return row;
  });
}

/** Every seed's three final accuracies, for readers who want the raw values behind the means. */
export function perSeedTable(entries: readonly SummaryEntry[]): Row[] {
  return entries.flatMap((e) =>
    e.seeds.map((seed, i) => ({
      Model: e.title,
      Seed: seed,
      'Train acc. (train mode) %': e.trainAccuracy ? e.trainAccuracy[i].toFixed(2) : 'n/a',
      'Train acc. (eval mode, clean) %': e.evalTrainAccuracy ? e.evalTrainAccuracy[i].toFixed(2) : 'n/a',
      'Validation acc. %': e.validationAccuracy[i].toFixed(2),
    })),
  );
}

export function comparisonTable(rows: readonly { a: string; b: string; change: string; results: readonly PairedResult[] }[]): Row[] {
  return rows.flatMap(({ a, b, change, results }) =>
    results.map((r) => ({
      Change: change,
      'A → B': `${a} → ${b}`,
      Pairing: r.pairing === 'vote' ? 'majority vote of seeds' : `seed ${r.pairing}`,
      'A acc. %': r.accuracyA.toFixed(2),
      'B acc. %': r.accuracyB.toFixed(2),
      'A right, B wrong': r.b,
      'A wrong, B right': r.c,
      Test: r.exact ? 'exact binomial' : 'χ² (continuity-corrected)',
      'p (two-sided)': pCell(r.pValue),
    })),
  );
}

function when(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** For each result: reused from disk or recomputed by this notebook run, when, where and how long it took. */
export function provenanceTable(runs: readonly PlannedRun[], repoRoot: string): Row[] {
  return runs.map((r) => ({
    Experiment: r.name,
    Seed: r.seed,
    Result: r.stale ? 'reused although STALE (key differs: code, data or backend changed)' : r.reused ? 'reused (saved record, key matches)' : 'recomputed in this run',
    'Finished at': when(r.computedAt),
    Backend: `${r.backend.name} (${r.backend.detail})`,
    'tfjs': r.record.versions['@tensorflow/tfjs'] ?? 'unknown',
    'Wall time': durationText(r.wallSeconds),
    Key: r.record.key,
    Record: r.path.startsWith(repoRoot) ? r.path.slice(repoRoot.length + 1) : r.path,
  }));
}

export interface Timing {
  name: string;
  runs: number;
  epochs: number;
  /** Mean over runs. */
  wallSecondsPerRun: number;
  trainSecondsPerEpoch: number;
  evalSecondsPerEpoch: number;
  totalWallSeconds: number;
}

/** Time per experiment from the records' own clocks (wall time per run, and per epoch split into training and evaluation). */
export function timings(groups: ReadonlyMap<string, readonly RunRecord[]>): Timing[] {
  return [...groups].map(([name, records]) => {
    const epochs = records.flatMap((r) => r.epochs);
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    return {
      name,
      runs: records.length,
      epochs: records[0].epochs.length,
      wallSecondsPerRun: avg(records.map((r) => r.wallSeconds)),
      trainSecondsPerEpoch: avg(epochs.map((e) => e.trainSeconds)),
      evalSecondsPerEpoch: avg(epochs.map((e) => e.seconds - e.trainSeconds)),
      totalWallSeconds: records.reduce((a, r) => a + r.wallSeconds, 0),
    };
  });
}

export function timingTable(rows: readonly Timing[]): Row[] {
  return rows.map((t) => ({
    Experiment: t.name,
    Runs: t.runs,
    Epochs: t.epochs,
    'Training pass, s/epoch': t.trainSecondsPerEpoch.toFixed(1),
    'Evaluation (13,000 images), s/epoch': t.evalSecondsPerEpoch.toFixed(1),
    'Wall time per run': durationText(t.wallSecondsPerRun),
    'Wall time, all runs': durationText(t.totalWallSeconds),
  }));
}
