/**
 * The semi-supervised runs of the report under each profile, with the same reuse scheme as the
 * supervised plan: a record keyed by resultKey(config, seed, backend, code, data) is reused unless
 * REPORT_RETRAIN=1; otherwise the run trains and its record is written atomically.
 *
 * Run the full profile in the background with
 *   REPORT_PROFILE=full npx tsx src/experiments/semi-plan.ts > semi.log 2>&1 &
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../results/atomic-write';
import { decodePredictions, type RunRecord } from '../results/run-record';
import type { SemiConfig } from '../semi/config';
import type { SemiRunRecord } from '../semi/semi-record';
import type { TrainData } from '../train/run-state';
import { makeProgress, type Progress } from '../train/progress';
import { currentProfile, resultsDir, retrainForced, type Profile } from './profile';
import type { ProfileProgress } from './profile-progress';
import { runRecordPath } from './result-paths';
import { runSemi } from './run';
import { getSemiMethod } from './semi-registry';
import { summarizeRuns, upsertSummaryEntries, type SummaryEntry } from './summary';

/** Table order. Each semi-supervised row sits under its labeled-only reference trained the same way. */
export const SEMI_PLAN: readonly string[] = Object.freeze(['labeled-only', 'pseudo-label', 'labeled-only-augment', 'fixmatch']);

/**
 * The method whose predictions go to predictions.csv, fixed before any full-profile result existed
 * (the strongest method by design), so that the validation set is not used to choose it.
 */
export const PREDICTION_METHOD = 'fixmatch';

export const SEMI_FULL_SEEDS: readonly number[] = Object.freeze([1, 2, 3]);
export const SEMI_QUICK_SEEDS: readonly number[] = Object.freeze([1]);
/** Quick profile: two epochs, unlabeled images drawn from a pool of 4,000 instead of 57,000. */
export const SEMI_QUICK_EPOCHS = 2;
export const SEMI_QUICK_POOL = 4000;

/** The config as it runs under `profile`. Quick shrinks epochs and pool and rescales the α ramp in proportion. */
export function plannedSemiConfig(name: string, profile: Profile = currentProfile()): SemiConfig {
  const config = getSemiMethod(name);
  if (profile === 'full') return config;
  const scale = SEMI_QUICK_EPOCHS / config.epochs;
  const u = config.unlabeled;
  return {
    ...config,
    epochs: SEMI_QUICK_EPOCHS,
    unlabeledPool: u ? SEMI_QUICK_POOL : null,
    unlabeled: u ? { ...u, alpha: { ...u.alpha, t1: u.alpha.t1 * scale, t2: u.alpha.t2 * scale } } : null,
  };
}

export function semiSeeds(profile: Profile = currentProfile()): number[] {
  return [...(profile === 'full' ? SEMI_FULL_SEEDS : SEMI_QUICK_SEEDS)];
}

export function semiRunPath(config: SemiConfig, seed: number, root: string): string {
  return runRecordPath(root, config, seed);
}

/** Labeled, unlabeled and validation images of a semi-supervised run. */
export type SemiData = TrainData;

export interface SemiPlannedRun {
  name: string;
  seed: number;
  record: SemiRunRecord;
  reused: boolean;
  path: string;
}

export interface SemiPlanOptions {
  profile?: Profile;
  reuse?: boolean;
  root?: string;
  progress?: Progress;
  names?: readonly string[];
  /** The whole profile's progress line with its ETA (npm run experiments). */
  tracker?: ProfileProgress;
}

/** Runs or reuses every seed of every planned method, writes predictions.csv and the summary entries. */
export async function runSemiPlan(options: SemiPlanOptions = {}): Promise<SemiPlannedRun[]> {
  const profile = options.profile ?? currentProfile();
  const root = options.root ?? resultsDir(profile);
  const reuse = options.reuse ?? !retrainForced();
  const progress = options.progress ?? makeProgress();
  const names = options.names ?? SEMI_PLAN;
  const runs: SemiPlannedRun[] = [];
  // Seed-major order: an interrupted run still leaves every method with its first seeds.
  for (const seed of semiSeeds(profile)) {
    for (const name of names) {
      const config = plannedSemiConfig(name, profile);
      const path = semiRunPath(config, seed, root);
      const { record, reused } = await runSemi(config, seed, { reuse, out: path, progress });
      progress.line(`${name} seed ${seed}: ${reused ? 'reused' : 'trained'} in ${record.wallSeconds.toFixed(0)} s (${path})`);
      options.tracker?.finished(`${name} seed ${seed}`, reused, record.wallSeconds);
      runs.push({ name, seed, record, reused, path });
    }
  }
  const chosen = runs.filter((r) => r.name === PREDICTION_METHOD);
  if (chosen.length > 0) {
    writePredictionsCsv(join(root, 'predictions.csv'), majorityVote(chosen.map((r) => decodePredictions(r.record.validationPredictions))));
  }
  upsertSummaryEntries(semiSummaryEntries(runs), { path: join(root, 'summary.json') });
  return runs;
}

/** One summary entry per method, in plan order. */
export function semiSummaryEntries(runs: readonly SemiPlannedRun[]): SummaryEntry[] {
  const names = [...new Set(runs.map((r) => r.name))];
  return names.map((name) => {
    const records = runs.filter((r) => r.name === name).map((r) => r.record as unknown as RunRecord);
    const kind = runs.find((r) => r.name === name)!.record.config.method === 'supervised' ? 'supervised' : 'semi-supervised';
    return summarizeRuns(records, kind);
  });
}

/**
 * Per-image majority vote over seeds. With three seeds a tie means three different answers; it goes
 * to the lowest seed's answer (the first array), so the vote never invents a class nobody predicted.
 */
export function majorityVote(predictions: readonly Uint8Array[]): Uint8Array {
  if (predictions.length === 0) throw new Error('majorityVote: expected at least one prediction array, got none');
  const n = predictions[0].length;
  for (const p of predictions) {
    if (p.length !== n) throw new Error(`majorityVote: all prediction arrays must have ${n} entries, found ${p.length}`);
  }
  const out = new Uint8Array(n);
  const votes = new Int32Array(10);
  for (let i = 0; i < n; i++) {
    votes.fill(0);
    for (const p of predictions) votes[p[i]]++;
    let best = predictions[0][i];
    for (let c = 0; c < 10; c++) if (votes[c] > votes[best]) best = c;
    out[i] = best;
  }
  return out;
}

/** `id,label` with id = index of the image in the MNIST test file, one row per image. */
export function predictionsCsv(labels: Uint8Array): string {
  const lines = ['id,label'];
  for (let i = 0; i < labels.length; i++) lines.push(`${i},${labels[i]}`);
  return `${lines.join('\n')}\n`;
}

export function writePredictionsCsv(path: string, labels: Uint8Array): void {
  if (labels.length !== 10000) throw new Error(`writePredictionsCsv: expected 10,000 test predictions, found ${labels.length}`);
  writeFileAtomic(path, predictionsCsv(labels));
}

if (require.main === module) {
  runSemiPlan()
    .then((runs) => {
      const progress = makeProgress(process.stdout);
      for (const e of semiSummaryEntries(runs)) {
        progress.line(`${e.name}: ${e.mean.toFixed(2)} ± ${e.std === null ? 'n/a' : e.std.toFixed(2)} (${e.validationAccuracy.map((v) => v.toFixed(2)).join(', ')})`);
      }
    })
    .catch((err) => {
      process.stderr.write(`${(err as Error).stack ?? err}\n`);
      process.exit(1);
    });
}
