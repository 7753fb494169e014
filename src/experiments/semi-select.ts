/**
 * Learning-rate selection for the semi-supervised section on a held-out part of the labeled
 * images, so that the validation set (the MNIST test file) plays no part in choosing it.
 *
 * The last `perClass` labeled images of each digit are held out; the labeled-only reference trains
 * on the rest with each candidate rate and is scored on the held-out images. Runs are saved and
 * reused like every other run. The chosen rate is written into src/experiments/registry.ts by
 * hand (and notebook 07 asserts that it is still the held-out winner).
 *
 *   REPORT_PROFILE=full npx tsx src/experiments/semi-select.ts
 */
import { runCost } from './run-cost';
import { loadCourseSplit } from '../data/split';
import { heldOutSplit } from './held-out';
export { HELD_OUT_PER_CLASS } from './held-out';
import type { RunRecordWithSemiLog } from '../results/run-record';
import { makeProgress, type Progress } from '../train/progress';
import type { RunConfig } from './config';
import { currentProfile, resultsDir, retrainForced, type Profile } from './profile';
import type { ProfileProgress } from './profile-progress';
import { selectionRecordPath } from './result-paths';
import { getRunConfig } from './registry';
import { preflightRuns } from './preflight';
import { withRunLock } from './run-lock';
import { runTraining } from './run';

export const LR_CANDIDATES: readonly number[] = Object.freeze([0.01, 0.02, 0.05]);
export const SELECT_EPOCHS = { full: 15, quick: 1 } as const;

export interface LrTrial {
  lr: number;
  heldOutAccuracy: number;
  record: RunRecordWithSemiLog;
  reused: boolean;
}

export function selectionConfig(lr: number, profile: Profile): RunConfig {
  const base = getRunConfig('labeled-only');
  return { ...base, name: `select-lr-${lr}`, title: `labeled-only, lr ${lr}, held-out selection`, optimizer: { ...base.optimizer, lr }, epochs: SELECT_EPOCHS[profile] };
}

/** The selection's runs: one per candidate rate, seed 1, scored on the labeled images held out. */
export function lrSelectionRuns(profile: Profile, root: string) {
  const split = loadCourseSplit();
  const { train, heldOut } = heldOutSplit(split.labeled);
  const data = { labeled: train, unlabeled: split.unlabeled, validation: heldOut };
  return LR_CANDIDATES.map((lr) => {
    const config = selectionConfig(lr, profile);
    return { lr, config, seed: 1, path: selectionRecordPath(root, lr, config.epochs), data };
  });
}

/** Trains or reuses one run per candidate rate (seed 1) and returns them with held-out accuracy. */
export async function runLrSelection(options: { profile?: Profile; root?: string; reuse?: boolean; progress?: Progress; tracker?: ProfileProgress } = {}): Promise<LrTrial[]> {
  const profile = options.profile ?? currentProfile();
  const reuse = options.reuse ?? !retrainForced();
  const runs = lrSelectionRuns(profile, options.root ?? resultsDir(profile));
  // All of them first, so that a refusal lists every stale record of the selection at once.
  await preflightRuns(runs, { reuse });
  const trials: LrTrial[] = [];
  for (const { lr, config, path: out, data } of runs) {
    const { record, reused } = await withRunLock(out, () => runTraining(config, 1, { out, reuse, progress: options.progress ?? makeProgress(), data }));
    options.tracker?.finished(`select-lr-${lr}`, reused, record.wallSeconds, runCost(config));
    trials.push({ lr, heldOutAccuracy: record.final.validationAccuracy, record, reused });
  }
  return trials;
}

/** The candidate with the best held-out accuracy (the smaller rate on a tie). */
export function bestLr(trials: readonly LrTrial[]): number {
  if (trials.length === 0) throw new Error('bestLr: no trials');
  return trials.reduce((a, b) => (b.heldOutAccuracy > a.heldOutAccuracy ? b : a)).lr;
}

if (require.main === module) {
  runLrSelection()
    .then((trials) => {
      for (const t of trials) process.stdout.write(`lr ${t.lr}: held-out accuracy ${(100 * t.heldOutAccuracy).toFixed(2)}%\n`);
      process.stdout.write(`best lr ${bestLr(trials)}\n`);
    })
    .catch((err) => {
      process.stderr.write(`${(err as Error).stack ?? err}\n`);
      process.exit(1);
    });
}
