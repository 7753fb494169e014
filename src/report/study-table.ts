/**
 * Tables and checks of the supervised study (Section 7): one row per configuration with its seed
 * statistics and, beside them, the across-seed tests against the configuration it changes one thing
 * of, with McNemar's per-seed p-values next to them (never alone).
 */
import type { ConfigComparison } from '../experiments/comparison';
import type { StudySetting, StudyTrial } from '../experiments/study';
import type { RunRecord } from '../results/run-record';
import { meanInterval } from '../stats/across-seeds';
import type { EpochRecord } from '../train/records';
import { meanStdText, pCell, pct, signedPoints } from './format';
import type { Row } from './tables';

export interface EpochsChange {
  /** Mean over seeds at the last epoch and `back` epochs before it. */
  last: number;
  before: number;
  change: number;
  /** change / |before| (NaN when before is 0). */
  relative: number;
}

/**
 * How much a curve still moves at the end: the seed-mean of `pick` at the last epoch minus its value
 * `back` epochs earlier. A run has converged, in the report's sense, when this is small for the
 * validation accuracy and the clean training loss.
 */
export function lastEpochsChange(records: readonly RunRecord[], pick: (e: EpochRecord) => number, back = 3): EpochsChange {
  if (records.length === 0) throw new Error('lastEpochsChange (src/report/study-table.ts): expected at least one run record');
  const n = records[0].epochs.length;
  if (records.some((r) => r.epochs.length !== n)) throw new Error('lastEpochsChange (src/report/study-table.ts): the runs have different epoch counts');
  const at = Math.max(0, n - 1 - back);
  const mean = (i: number) => records.reduce((s, r) => s + pick(r.epochs[i]), 0) / records.length;
  const last = mean(n - 1);
  const before = mean(at);
  return { last, before, change: last - before, relative: before === 0 ? Number.NaN : (last - before) / Math.abs(before) };
}

export interface StudyTableRow {
  title: string;
  /** Final validation accuracy per seed, percent, in seed order. */
  values: readonly number[];
  /** The seed report's single-run validation accuracy for the same model, if it has one. */
  seedReport?: number;
  /** The across-seed comparison with the configuration this row changes one thing of. */
  versus?: { label: string; comparison: ConfigComparison };
}

/** The study's main table: seed statistics, the seed report's number, and the paired tests. */
export function studyTable(rows: readonly StudyTableRow[]): Row[] {
  return rows.map((r) => {
    const ci = r.values.length > 1 ? meanInterval(r.values) : null;
    const c = r.versus?.comparison;
    const mcLow = c ? Math.min(...c.mcnemarP) : Number.NaN;
    const mcHigh = c ? Math.max(...c.mcnemarP) : Number.NaN;
    return {
      Model: r.title,
      'Validation % (mean ± std)': meanStdText(r.values),
      '95 % CI': ci ? `${pct(ci.low)}–${pct(ci.high)}` : 'n/a',
      'Seed report %': r.seedReport === undefined ? '—' : pct(r.seedReport),
      'Compared with': r.versus ? r.versus.label : '—',
      'Δ points [95 % CI]': c ? `${signedPoints(c.paired.interval.mean)} [${signedPoints(c.paired.interval.low)}, ${signedPoints(c.paired.interval.high)}]` : '—',
      'Paired t p': c ? pCell(c.paired.tTestP) : '—',
      'Sign-flip p': c ? pCell(c.paired.permutationP) : '—',
      'McNemar p, per seed': c ? (c.mcnemarP.length === 1 ? pCell(mcLow) : `${pCell(mcLow)} to ${pCell(mcHigh)}`) : '—',
      'Real?': c ? (c.real ? 'yes' : 'no') : '—',
    };
  });
}

/** The held-out grid as rates × lengths, the chosen pair marked. */
export function heldOutGridTable(trials: readonly StudyTrial[], setting: StudySetting): Row[] {
  const rates = [...new Set(trials.map((t) => t.lr))].sort((a, b) => a - b);
  const lengths = [...new Set(trials.map((t) => t.epochs))].sort((a, b) => a - b);
  return rates.map((lr) => {
    const row: Row = { 'Learning rate': String(lr) };
    for (const e of lengths) {
      const t = trials.find((x) => x.lr === lr && x.epochs === e);
      const chosen = lr === setting.lr && e === setting.epochs;
      row[`${e} epochs: held-out %`] = t ? `${pct(100 * t.heldOutAccuracy)}${chosen ? ' (chosen)' : ''}` : '—';
    }
    return row;
  });
}

/** Every row's held-out accuracy at each rate of the shared length, its chosen rate marked. */
export function heldOutRateTable(rows: readonly { title: string; trials: readonly StudyTrial[]; setting: StudySetting }[]): Row[] {
  const rates = [...new Set(rows.flatMap((r) => r.trials.map((t) => t.lr)))].sort((a, b) => a - b);
  return rows.map((r) => {
    const row: Row = { Row: r.title };
    for (const lr of rates) {
      const t = r.trials.find((x) => x.lr === lr && x.epochs === r.setting.epochs);
      row[`lr ${lr}: held-out %`] = t ? `${pct(100 * t.heldOutAccuracy)}${lr === r.setting.lr ? ' (chosen)' : ''}` : '—';
    }
    return row;
  });
}

/** Final validation accuracy of every row for every seed: the values behind the main table. */
export function studyPerSeedTable(columns: readonly { title: string; records: readonly RunRecord[] }[]): Row[] {
  const seeds = [...new Set(columns.flatMap((c) => c.records.map((r) => r.seed)))].sort((a, b) => a - b);
  return seeds.map((seed) => {
    const row: Row = { Seed: seed };
    for (const c of columns) {
      const r = c.records.find((x) => x.seed === seed);
      row[c.title] = r ? pct(100 * r.final.validationAccuracy) : '—';
    }
    return row;
  });
}
