import { existsSync, renameSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { initBackend } from '../backend/select';
import { loadCourseSplit } from '../data/split';
import { plural } from '../util/plural';
import { manifestChanges } from '../results/provenance';
import { readJsonObject } from '../results/read-json';
import { readRunRecord } from '../results/run-record';
import type { TrainData } from '../train/run-state';
import { checkCheckpoint } from './checkpoint-check';
import type { RunConfig } from './config';
import { currentProfile, resultsDir, retrainForced } from './profile';
import { recordInconsistency } from './record-consistency';
import { checkpointPath, runRecordPath } from './result-paths';
import { runDependencies } from './run-deps';
import { runKey } from './run';

/** One run about to go through runTraining, as its caller will ask for it. */
export interface PlannedRecord {
  config: RunConfig;
  seed: number;
  path: string;
  /** As in RunOptions: other data than the course split, and where a student's teacher lives. */
  data?: TrainData;
  root?: string;
}

export interface PreflightOptions {
  /** The caller will reuse a record whose key matches (false: it trains every run again). */
  reuse: boolean;
  /** The caller reads stale records as they are (REPORT_ALLOW_STALE), so they need no retrain. */
  allowStale?: boolean;
  /** Asked for (--retrain, REPORT_RETRAIN=1): committed records may be trained over. Default retrainForced(). */
  retrain?: boolean;
  /** Where the committed records live (default data/results/); tests point it at a temporary folder. */
  committedRoot?: string;
}

/** A committed record that runTraining would train again and overwrite. */
interface StaleRecord {
  path: string;
  reason: string;
  wallSeconds: number;
}

/** Records a person agreed at the terminal to retrain: a later check of the same process (the next part of a plan) does not ask again. */
const confirmedPaths = new Set<string>();

/** Raised instead of training over committed records nobody asked to retrain. */
export class StaleRecordsError extends Error {}

/**
 * Runs before runTraining (which is hashed and cannot change): refuses a record that contradicts
 * itself, sets aside a checkpoint of another key instead of letting the trainer overwrite it, and
 * never lets committed full-profile records be trained over unless that was asked for (--retrain,
 * or "yes" at a terminal). A student's teacher is checked with it.
 */
export async function preflightRuns(runs: readonly PlannedRecord[], options: PreflightOptions): Promise<void> {
  const backend = (await initBackend()).name;
  const stale: StaleRecord[] = [];
  for (const run of uniqueByPath(withTeachers(runs))) {
    const key = runKey(run.config, run.seed, backend, run.data);
    setAsideForeignCheckpoint(run.path, key);
    // A checkpoint of this key is resumed by the trainer, which trusts it: every field is checked against the run first.
    checkCheckpoint(checkpointPath(run.path), run.config, run.seed, key);
    if (!existsSync(run.path)) continue;
    const saved = readRunRecord(run.path);
    if (options.reuse && saved.key === key) {
      assertConsistent(run, backend);
      continue;
    }
    if (options.reuse && options.allowStale) continue;
    if (isUnder(run.path, options.committedRoot ?? resultsDir('full'))) stale.push({ path: run.path, reason: staleReason(run.path, saved.key === key), wallSeconds: saved.wallSeconds ?? 0 });
  }
  const unconfirmed = stale.filter((s) => !confirmedPaths.has(resolve(s.path)));
  if (unconfirmed.length === 0 || (options.retrain ?? retrainForced())) return;
  const message = staleMessage(unconfirmed);
  if (!(await confirmedAtTerminal(message))) throw new StaleRecordsError(message);
  for (const s of unconfirmed) confirmedPaths.add(resolve(s.path));
}

/** The runs and, before each, the runs runTraining reads first (its start, its teachers), depth first. */
function withTeachers(runs: readonly PlannedRecord[]): PlannedRecord[] {
  return runs.flatMap((run) => {
    const root = run.root ?? resultsDir(currentProfile());
    const deps = runDependencies(run.config, run.seed).map((d) => ({ config: d.config, seed: d.seed, path: runRecordPath(root, d.config, d.seed), root, data: d.role === 'start' ? run.data : undefined }));
    return [...withTeachers(deps), run];
  });
}

/** Each record once (a teacher of every seed is read by every student), first occurrence kept. */
function uniqueByPath(runs: readonly PlannedRecord[]): PlannedRecord[] {
  const seen = new Set<string>();
  return runs.filter((r) => !seen.has(resolve(r.path)) && seen.add(resolve(r.path)) !== undefined);
}

/** Records under data/results/ are the committed, frozen ones; the quick profile and --out elsewhere train freely. */
function isUnder(path: string, root: string): boolean {
  return resolve(path).startsWith(resolve(root) + sep);
}

let courseLabels: Uint8Array | undefined;

function assertConsistent(run: PlannedRecord, backend: string): void {
  const raw = readJsonObject(run.path, 'run record');
  const keyFromContent = runKey(raw.config as RunConfig, raw.seed as number, backend, run.data);
  const validationLabels = run.data?.validation.labels ?? (courseLabels ??= loadCourseSplit().validation.labels);
  const problem = recordInconsistency(run.path, raw, { config: run.config, seed: run.seed, keyFromContent, validationLabels });
  if (problem) throw new Error(`${run.path}: ${problem}; the record is not reused (restore it from git, or delete it to train the run again)`);
}

/** Why a record is stale, from the code manifest it carries (or says that it carries none). */
function staleReason(path: string, keyMatches: boolean): string {
  if (keyMatches) return 'retraining was asked for';
  const manifest = readJsonObject(path, 'run record').codeFiles as Record<string, string> | undefined;
  if (manifest === undefined || manifest === null || typeof manifest !== 'object') return 'it has no code manifest (written before records carried codeFiles), so what changed is unknown';
  const { added, removed, changed } = manifestChanges(manifest);
  const parts = [
    changed.length ? `changed ${changed.join(', ')}` : '',
    added.length ? `added ${added.join(', ')}` : '',
    removed.length ? `removed ${removed.join(', ')}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : 'its code is unchanged, so its config, seed, backend or data differ from this run';
}

function staleMessage(stale: readonly StaleRecord[]): string {
  const minutes = stale.reduce((sum, s) => sum + s.wallSeconds, 0) / 60;
  // One reason per group of records: a code change usually stales them all for the same files.
  const groups = new Map<string, string[]>();
  for (const s of stale) groups.set(s.reason, [...(groups.get(s.reason) ?? []), s.path]);
  const lines = [...groups].flatMap(([reason, paths]) => [`  ${plural(paths.length, 'record')}, because ${reason}:`, ...paths.map((p) => `    ${p}`)]);
  return [
    `${plural(stale.length, 'committed record')} in data/results/ ${stale.length === 1 ? 'is' : 'are'} stale and would be trained again and overwritten:`,
    ...lines,
    `Retraining them would take about ${minutes.toFixed(1)} min (their own recorded wall times).`,
    'Nothing was trained. To retrain: npm run experiments -- --retrain, or npm run report -- --retrain (REPORT_RETRAIN=1); REPORT_ALLOW_STALE=1 drafts with the stale records as they are.',
  ].join('\n');
}

/** An explicit "yes" from a person at a terminal; never in a notebook kernel or a pipe. */
async function confirmedAtTerminal(message: string): Promise<boolean> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question(`${message}\nRetrain them now? Type 'yes' to go on: `);
    return answer.trim().toLowerCase() === 'yes';
  } finally {
    rl.close();
  }
}

/**
 * A checkpoint of another key would be overwritten by the first epoch of this run (the trainer
 * restores only its own key): it is moved aside, to a name .gitignore still covers, and said so.
 */
function setAsideForeignCheckpoint(recordPath: string, key: string): void {
  const path = checkpointPath(recordPath);
  if (!existsSync(path)) return;
  const found = readJsonObject(path, 'checkpoint').key;
  if (found === key) return;
  const aside = recordPath.replace(/\.json$/, '') + `.${typeof found === 'string' ? found : 'unkeyed'}.checkpoint.json`;
  renameSync(path, aside);
  process.stderr.write(`${path}: checkpoint of another run (key ${JSON.stringify(found)}, this run is ${key}); kept as ${aside}, this run starts from epoch 1\n`);
}
