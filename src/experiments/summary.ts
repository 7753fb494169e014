/**
 * data/results/summary.json: one entry per configuration (supervised here, semi-supervised from
 * src/semi), with the per-seed final accuracies the report's tables are built from. Entries are
 * merged by name, so each engineer's code rewrites only its own rows.
 */
import { closeSync, existsSync, openSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { writeJsonAtomic } from '../results/atomic-write';
import { readJsonObject } from '../results/read-json';
import type { RunRecord } from '../results/run-record';
import { meanInterval } from '../stats/across-seeds';
import { meanStd } from '../stats/summary';
import { currentProfile, resultsDir, type Profile } from './profile';
import { plural } from '../results/plural';

export const SUMMARY_SCHEMA = 'assignment-one/summary@1';

export interface SummaryEntry {
  /** The config name, unique across supervised and semi-supervised methods. */
  name: string;
  title: string;
  kind: 'supervised' | 'semi-supervised';
  /** Seeds in ascending order; every per-seed array below is in this order. */
  seeds: number[];
  epochs: number;
  /** Final-epoch validation accuracy per seed, in percent. */
  validationAccuracy: number[];
  /** Final-epoch accuracy in train mode (dropout on, augmented if the config augments), percent. */
  trainAccuracy?: number[];
  /** Final-epoch accuracy in eval mode on the unaugmented training images, percent. */
  evalTrainAccuracy?: number[];
  /** Mean and sample std (n − 1) of validationAccuracy; std is null for a single seed. */
  mean: number;
  std: number | null;
  /** 95 % t interval of the mean over seeds (absent for one seed). */
  ci95?: { low: number; high: number };
}

export interface SummaryFile {
  schema: typeof SUMMARY_SCHEMA;
  entries: SummaryEntry[];
}

export function summaryPath(profile: Profile = currentProfile()): string {
  return join(resultsDir(profile), 'summary.json');
}

/** Mean and std of per-seed values, with a single seed's std as null (JSON has no NaN). */
export function seedStats(values: readonly number[]): { mean: number; std: number | null } {
  const { mean, std } = meanStd(values);
  return { mean, std: Number.isNaN(std) ? null : std };
}

/** One summary entry from the final epochs of one config's runs (any seed order). */
export function summarizeRuns(records: readonly RunRecord[], kind: SummaryEntry['kind'] = 'supervised'): SummaryEntry {
  if (records.length === 0) throw new Error('summarizeRuns (src/experiments/summary.ts): expected at least one run record, got none');
  const first = records[0];
  for (const r of records) {
    if (r.experiment !== first.experiment || r.config.epochs !== first.config.epochs) {
      throw new Error(
        `summarizeRuns (src/experiments/summary.ts): all records must be one config at one epoch count; ` +
          `found ${first.experiment}@${first.config.epochs} and ${r.experiment}@${r.config.epochs}`,
      );
    }
  }
  const sorted = [...records].sort((a, b) => a.seed - b.seed);
  const seeds = sorted.map((r) => r.seed);
  if (new Set(seeds).size !== seeds.length) {
    throw new Error(`summarizeRuns (src/experiments/summary.ts): ${first.experiment}: duplicate seeds in [${seeds.join(', ')}]`);
  }
  const pct = (f: (r: RunRecord) => number): number[] => sorted.map((r) => 100 * f(r));
  const validationAccuracy = pct((r) => r.final.validationAccuracy);
  return {
    name: first.experiment,
    title: first.config.title,
    kind,
    seeds,
    epochs: first.config.epochs,
    validationAccuracy,
    trainAccuracy: pct((r) => r.final.trainAccuracy),
    evalTrainAccuracy: pct((r) => r.final.evalTrainAccuracy),
    ...seedStats(validationAccuracy),
    ...(validationAccuracy.length >= 2 ? { ci95: ci95(validationAccuracy) } : {}),
  };
}

function ci95(values: readonly number[]): { low: number; high: number } {
  const { low, high } = meanInterval(values, 0.95);
  return { low, high };
}

export function readSummary(path: string = summaryPath()): SummaryFile {
  if (!existsSync(path)) return { schema: SUMMARY_SCHEMA, entries: [] };
  const parsed = readJsonObject(path, 'results summary') as Partial<SummaryFile>;
  if (parsed.schema !== SUMMARY_SCHEMA || !Array.isArray(parsed.entries)) {
    throw new Error(`${path}: expected { schema: '${SUMMARY_SCHEMA}', entries: [...] }, found schema ${JSON.stringify(parsed.schema)}`);
  }
  return parsed as SummaryFile;
}

function checkEntry(e: SummaryEntry): void {
  const where = `upsertSummaryEntries (src/experiments/summary.ts): entry ${JSON.stringify(e?.name)}`;
  if (typeof e?.name !== 'string' || e.name === '') throw new Error(`${where}: name must be a non-empty string`);
  if (!Array.isArray(e.seeds) || !Array.isArray(e.validationAccuracy) || e.seeds.length !== e.validationAccuracy.length) {
    throw new Error(`${where}: expected one validationAccuracy per seed, found ${e.validationAccuracy?.length} for ${plural(e.seeds?.length ?? 0, 'seed')}`);
  }
  for (const key of ['trainAccuracy', 'evalTrainAccuracy'] as const) {
    const v = e[key];
    if (v !== undefined && v.length !== e.seeds.length) throw new Error(`${where}: ${key} has ${plural(v.length, 'value')} for ${plural(e.seeds.length, 'seed')}`);
  }
  if (e.validationAccuracy.some((v) => !(v >= 0 && v <= 100))) {
    throw new Error(`${where}: validationAccuracy must be percentages in [0, 100], found [${e.validationAccuracy.join(', ')}]`);
  }
}

/** Sleeps without spinning; the summary is written rarely, so a blocking wait is fine. */
function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * A lock file around read-merge-write, so that two processes upserting at once (the supervised
 * and the semi-supervised notebooks) cannot drop each other's entries. A lock older than 60 s is
 * left over from a crashed writer and is taken over.
 */
function withLock<T>(path: string, fn: () => T): T {
  const lock = `${path}.lock`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        // The folder does not exist yet: nobody else can be writing.
        return fn();
      }
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      try {
        if (Date.now() - statSync(lock).mtimeMs > 60_000) unlinkSync(lock);
      } catch {
        // The holder released it meanwhile.
      }
      if (Date.now() > deadline) throw new Error(`${lock}: still locked after 20 s; remove it if no report process is running`);
      sleepMs(50);
    }
  }
  try {
    return fn();
  } finally {
    try {
      unlinkSync(lock);
    } catch {
      // Already gone (taken over as stale); nothing to release.
    }
  }
}

/**
 * Replaces the entries with the same names and keeps every other one, then writes the file
 * atomically. Entry order: existing names keep their place, new names are appended.
 */
export function upsertSummaryEntries(entries: readonly SummaryEntry[], options: { profile?: Profile; path?: string } = {}): SummaryFile {
  const path = options.path ?? summaryPath(options.profile);
  entries.forEach(checkEntry);
  const names = entries.map((e) => e.name);
  if (new Set(names).size !== names.length) {
    throw new Error(`upsertSummaryEntries (src/experiments/summary.ts): duplicate names in [${names.join(', ')}]`);
  }
  return withLock(path, () => {
    const current = readSummary(path);
    const incoming = new Map(entries.map((e) => [e.name, e]));
    const merged = current.entries.map((e) => incoming.get(e.name) ?? e);
    for (const e of entries) if (!current.entries.some((c) => c.name === e.name)) merged.push(e);
    const file: SummaryFile = { schema: SUMMARY_SCHEMA, entries: merged };
    writeJsonAtomic(path, file);
    return file;
  });
}
