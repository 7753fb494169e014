/**
 * The supervised study of Section 6, redone: one tuned optimizer for every row, chosen on labeled
 * images held out from training, never on the validation set.
 *
 * Protocol. Nesterov momentum 0.9 with a cosine schedule from the rate to zero, batch 64. The rate
 * and the number of epochs are chosen together on a held-out part of the 3,000 labels (the last 50
 * of each digit): the baseline trains on the other 2,500 with each pair of the grid and the pair
 * with the best held-out accuracy wins (ties go to fewer epochs, then the smaller rate). The
 * cosine ends at a rate of zero, so every run ends on a flat curve; choosing the length on held-out
 * labels makes "long enough" a measured statement instead of a guess. Then every row trains on all
 * 3,000 labels with the chosen pair, for every seed.
 */
import { runCost } from './run-cost';
import { loadCourseSplit } from '../data/split';
import { STARTER_CNN } from '../models/config';
import type { RunConfig } from './config';
import { heldOutSplit } from './held-out';
import { runConfigs, type PlannedRun } from './plan';
import { currentProfile, resultsDir, retrainForced, type Profile } from './profile';
import type { ProfileProgress } from './profile-progress';
import { DEFAULT_AUGMENT } from '../augment/pipeline';
import { runRecordPath } from './result-paths';
import { preflightRuns } from './preflight';
import { withRunLock } from './run-lock';
import { runTraining } from './run';
import { makeProgress, type Progress } from '../train/progress';

export interface StudySetting {
  lr: number;
  epochs: number;
}

/** The grid the held-out selection searches (full profile); quick tries one pair. */
export const STUDY_GRID: Readonly<Record<Profile, { lr: readonly number[]; epochs: readonly number[] }>> = Object.freeze({
  full: { lr: [0.01, 0.02, 0.05], epochs: [15, 30] },
  quick: { lr: [0.02], epochs: [2] },
});

/** Six seeds: with five, the exact sign-flip test cannot go below p = 2/32 = 0.0625. */
export const STUDY_SEEDS: Readonly<Record<Profile, readonly number[]>> = Object.freeze({ full: [1, 2, 3, 4, 5, 6], quick: [1, 2] });

/** The rows, in table order: what each changes from the baseline. */
export const STUDY_ROWS: readonly { row: string; title: string; change: Partial<RunConfig> }[] = Object.freeze([
  { row: 'baseline', title: 'Baseline (tuned NAG, dropout)', change: {} },
  { row: 'xavier', title: 'Baseline + Xavier', change: { model: { ...STARTER_CNN, initializer: 'xavier-uniform' } } },
  { row: 'he', title: 'Baseline + He', change: { model: { ...STARTER_CNN, initializer: 'he-normal' } } },
  { row: 'xavier-augment', title: 'Baseline + Xavier + augmentation', change: { model: { ...STARTER_CNN, initializer: 'xavier-uniform' }, labeledAugment: DEFAULT_AUGMENT } },
  { row: 'relu-logits', title: "Baseline with the starter's ReLU on the logits", change: { model: { ...STARTER_CNN, reluOnLogits: true } } },
]);

function studyBase(setting: StudySetting): Omit<RunConfig, 'name' | 'title'> {
  return {
    model: STARTER_CNN,
    optimizer: { kind: 'nesterov', lr: setting.lr, momentum: 0.9 },
    lrSchedule: 'cosine',
    batchSize: 64,
    epochs: setting.epochs,
    labeledAugment: null,
    unlabeled: null,
    unlabeledPool: null,
    stopping: { kind: 'fixed-epochs' },
  };
}

export function studySelectionConfig(setting: StudySetting): RunConfig {
  return { ...studyBase(setting), name: `study-select-lr${setting.lr}-e${setting.epochs}`, title: `Study baseline, lr ${setting.lr}, ${setting.epochs} epochs, held-out selection` };
}

export function studyRowConfig(row: string, setting: StudySetting): RunConfig {
  const found = STUDY_ROWS.find((r) => r.row === row);
  if (!found) throw new Error(`unknown study row '${row}'; valid rows: ${STUDY_ROWS.map((r) => r.row).join(', ')}`);
  return { ...studyBase(setting), ...found.change, name: `study-${row}`, title: found.title };
}

export interface StudyTrial extends StudySetting {
  heldOutAccuracy: number;
  reused: boolean;
  wallSeconds: number;
}

/** The pair with the best held-out accuracy; ties go to fewer epochs, then to the smaller rate. */
export function chooseSetting(trials: readonly StudyTrial[]): StudySetting {
  if (trials.length === 0) throw new Error('chooseSetting: no trials');
  const better = (a: StudyTrial, b: StudyTrial) =>
    b.heldOutAccuracy > a.heldOutAccuracy || (b.heldOutAccuracy === a.heldOutAccuracy && (b.epochs < a.epochs || (b.epochs === a.epochs && b.lr < a.lr)));
  const best = trials.reduce((a, b) => (better(a, b) ? b : a));
  return { lr: best.lr, epochs: best.epochs };
}

export interface StudyOptions {
  profile?: Profile;
  root?: string;
  reuse?: boolean;
  progress?: Progress;
  tracker?: ProfileProgress;
}

/** Trains (or reuses) one baseline run per grid pair, seed 1, on 2,500 labels; scores it on the 500 held out. */
export async function runStudySelection(options: StudyOptions = {}): Promise<StudyTrial[]> {
  const profile = options.profile ?? currentProfile();
  const reuse = options.reuse ?? !retrainForced();
  const runs = studySelectionRuns(profile, options.root ?? resultsDir(profile));
  // All of them first, so that a refusal lists every stale record of the grid at once.
  await preflightRuns(runs, { reuse });
  const trials: StudyTrial[] = [];
  for (const { lr, epochs, config, path, data } of runs) {
    const { record, reused } = await withRunLock(path, () => runTraining(config, 1, { out: path, reuse, progress: options.progress ?? makeProgress(), data }));
    options.tracker?.finished(config.name, reused, record.wallSeconds, runCost(config));
    trials.push({ lr, epochs, heldOutAccuracy: record.final.validationAccuracy, reused, wallSeconds: record.wallSeconds });
  }
  return trials;
}

export interface StudyResult {
  trials: StudyTrial[];
  setting: StudySetting;
  runs: PlannedRun[];
}

/** The selection's runs (seed 1, on 2,500 labels, scored on the 500 held out), one per grid pair. */
export function studySelectionRuns(profile: Profile, root: string) {
  const { train, heldOut } = heldOutSplit(loadCourseSplit().labeled);
  const grid = STUDY_GRID[profile];
  return grid.epochs.flatMap((epochs) => grid.lr.map((lr) => {
    const config = studySelectionConfig({ lr, epochs });
    return { lr, epochs, config, seed: 1, path: runRecordPath(root, config, 1), data: { labeled: train, validation: heldOut } };
  }));
}

/** The selection, then every row with the chosen setting for every seed of the profile. */
export async function runStudy(options: StudyOptions = {}): Promise<StudyResult> {
  const profile = options.profile ?? currentProfile();
  const trials = await runStudySelection(options);
  const setting = chooseSetting(trials);
  const configs = STUDY_ROWS.map((r) => studyRowConfig(r.row, setting));
  const runs = await runConfigs(configs, { ...options, profile, seeds: STUDY_SEEDS[profile] });
  return { trials, setting, runs };
}
