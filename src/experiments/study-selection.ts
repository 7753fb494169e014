/**
 * The study's choices, made on labeled images held out from training (the last 50 of each digit),
 * never on the validation set:
 *  1. the length, and the baseline's rate: the baseline trains with every pair of the grid;
 *  2. every other row's own rate: the row trains with every rate of the grid at that length, so a
 *     row such as He (six times the default's weight variance) is measured at its own best rate;
 *  3. the best row (the highest held-out accuracy at its own rate) is also trained for
 *     STUDY_LONGER_FACTOR times the length, to measure on held-out labels what a longer run buys.
 * Trials are seed 1, saved and reused like every other run.
 */
import { runCost } from './run-cost';
import { loadCourseSplit } from '../data/split';
import type { RunConfig } from './config';
import { heldOutSplit } from './held-out';
import { currentProfile, resultsDir, retrainForced, type Profile } from './profile';
import type { ProfileProgress } from './profile-progress';
import { runRecordPath } from './result-paths';
import { preflightRuns } from './preflight';
import { withRunLock } from './run-lock';
import { runTraining } from './run';
import { makeProgress, type Progress } from '../train/progress';
import { STUDY_GRID, STUDY_LONGER_FACTOR, studyRowNames, studySelectionConfig, type StudySetting } from './study-rows';

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

/** Each row's setting: the winner of its own trials (chooseSetting's rule), never another row's. */
export function chooseRowSettings(rowTrials: Readonly<Record<string, readonly StudyTrial[]>>): Record<string, StudySetting> {
  return Object.fromEntries(Object.entries(rowTrials).map(([row, trials]) => {
    if (trials.length === 0) throw new Error(`chooseRowSettings: row '${row}' has no held-out trials`);
    return [row, chooseSetting(trials)];
  }));
}

export interface BestRow {
  row: string;
  setting: StudySetting;
  heldOutAccuracy: number;
}

/** The row whose chosen setting scored best on the held-out images; ties go to the earlier row of `order`. */
export function bestHeldOutRow(rowTrials: Readonly<Record<string, readonly StudyTrial[]>>, order: readonly string[]): BestRow {
  let best: BestRow | null = null;
  for (const row of order) {
    const trials = rowTrials[row];
    if (!trials || trials.length === 0) throw new Error(`bestHeldOutRow: row '${row}' has no held-out trials`);
    const setting = chooseSetting(trials);
    const chosen = trials.find((t) => t.lr === setting.lr && t.epochs === setting.epochs)!;
    if (best === null || chosen.heldOutAccuracy > best.heldOutAccuracy) best = { row, setting, heldOutAccuracy: chosen.heldOutAccuracy };
  }
  if (best === null) throw new Error('bestHeldOutRow: no rows');
  return best;
}

export interface StudyOptions {
  profile?: Profile;
  root?: string;
  reuse?: boolean;
  progress?: Progress;
  tracker?: ProfileProgress;
}

/** The records of held-out trials (seed 1, trained on 2,500 labels, scored on the 500 held out) under `root`. */
export function trialRecords(specs: readonly { row: string; setting: StudySetting }[], root: string) {
  const { train, heldOut } = heldOutSplit(loadCourseSplit().labeled);
  const data = { labeled: train, validation: heldOut };
  return specs.map(({ row, setting }) => {
    const config: RunConfig = studySelectionConfig(setting, row);
    return { row, setting, config, seed: 1, path: runRecordPath(root, config, 1), data };
  });
}

/** Step 1's trials: the baseline with every pair of the grid. */
export function baselineGridSpecs(profile: Profile): { row: string; setting: StudySetting }[] {
  const grid = STUDY_GRID[profile];
  return grid.epochs.flatMap((epochs) => grid.lr.map((lr) => ({ row: 'baseline', setting: { lr, epochs } })));
}

/** Step 2's trials: every other row with every rate of the grid at the baseline's chosen length. */
export function otherRowSpecs(profile: Profile, epochs: number): { row: string; setting: StudySetting }[] {
  const grid = STUDY_GRID[profile];
  return studyRowNames().filter((row) => row !== 'baseline').flatMap((row) => grid.lr.map((lr) => ({ row, setting: { lr, epochs } })));
}

/** Trains (or reuses) one seed-1 run per row and setting on 2,500 labels and scores it on the 500 held out. */
async function runTrials(specs: readonly { row: string; setting: StudySetting }[], options: StudyOptions): Promise<StudyTrial[]> {
  const profile = options.profile ?? currentProfile();
  const reuse = options.reuse ?? !retrainForced();
  const runs = trialRecords(specs, options.root ?? resultsDir(profile));
  // All of them first, so that a refusal lists every stale record of this step at once.
  await preflightRuns(runs, { reuse });
  const trials: StudyTrial[] = [];
  for (const { setting, config, path, data } of runs) {
    const { record, reused } = await withRunLock(path, () => runTraining(config, 1, { out: path, reuse, progress: options.progress ?? makeProgress(), data }));
    options.tracker?.finished(config.name, reused, record.wallSeconds, runCost(config));
    trials.push({ ...setting, heldOutAccuracy: record.final.validationAccuracy, reused, wallSeconds: record.wallSeconds });
  }
  return trials;
}

/** Step 1: the baseline with every pair of the grid. */
export async function runStudySelection(options: StudyOptions = {}): Promise<StudyTrial[]> {
  return runTrials(baselineGridSpecs(options.profile ?? currentProfile()), options);
}

export interface StudySelection {
  /** The baseline's grid (step 1) and its winner, whose length every row shares. */
  trials: StudyTrial[];
  setting: StudySetting;
  /** Every row's trials at that length (the baseline's are its grid trials of that length) and its chosen setting. */
  rowTrials: Record<string, StudyTrial[]>;
  rowSettings: Record<string, StudySetting>;
  best: BestRow;
  /** The best row at its own rate, STUDY_LONGER_FACTOR times as long, on the same held-out images. */
  longer: StudyTrial;
}

/** Steps 1–3 of the file comment. */
export async function runStudyChoices(options: StudyOptions = {}): Promise<StudySelection> {
  const grid = STUDY_GRID[options.profile ?? currentProfile()];
  const trials = await runStudySelection(options);
  const setting = chooseSetting(trials);
  const others = studyRowNames().filter((row) => row !== 'baseline');
  const otherTrials = await runTrials(otherRowSpecs(options.profile ?? currentProfile(), setting.epochs), options);
  const rowTrials: Record<string, StudyTrial[]> = { baseline: trials.filter((t) => t.epochs === setting.epochs) };
  others.forEach((row, i) => (rowTrials[row] = otherTrials.slice(i * grid.lr.length, (i + 1) * grid.lr.length)));
  const rowSettings = chooseRowSettings(rowTrials);
  const best = bestHeldOutRow(rowTrials, studyRowNames());
  const [longer] = await runTrials([{ row: best.row, setting: { lr: best.setting.lr, epochs: STUDY_LONGER_FACTOR * setting.epochs } }], options);
  return { trials, setting, rowTrials, rowSettings, best, longer };
}

/** How many held-out runs the choices took: the baseline's grid, every other row's rates, the probe. */
export function heldOutTrialCount(selection: StudySelection): number {
  const others = Object.entries(selection.rowTrials).filter(([row]) => row !== 'baseline');
  return selection.trials.length + others.reduce((n, [, trials]) => n + trials.length, 0) + 1;
}

/** The cost of every held-out trial of the study, for the profile's ETA (the probe costed at the longest length). */
export function studySelectionCosts(profile: Profile): number[] {
  const grid = STUDY_GRID[profile];
  const longest = Math.max(...grid.epochs);
  const baseline = grid.epochs.flatMap((epochs) => grid.lr.map((lr) => runCost(studySelectionConfig({ lr, epochs }))));
  const rows = studyRowNames().filter((r) => r !== 'baseline').flatMap((row) => grid.lr.map((lr) => runCost(studySelectionConfig({ lr, epochs: longest }, row))));
  const probe = runCost(studySelectionConfig({ lr: grid.lr[0], epochs: STUDY_LONGER_FACTOR * longest }));
  return [...baseline, ...rows, probe];
}
