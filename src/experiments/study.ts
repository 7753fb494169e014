/**
 * The supervised study of Section 6, redone: every row trained with a tuned optimizer whose choices
 * were made on labeled images held out from training, never on the validation set.
 *
 * Protocol. Nesterov momentum 0.9 with a cosine schedule from the rate to zero, batch 64. On a
 * held-out part of the 3,000 labels (the last 50 of each digit) the baseline chooses the length
 * (and its rate) from the grid, and every other row chooses its own rate at that length
 * (src/experiments/study-selection.ts). The cosine ends at a rate of zero, so every run ends on a
 * flat curve; choosing the length on held-out labels makes "long enough" a measured statement
 * instead of a guess. Then every row trains on all 3,000 labels with its setting, for every seed.
 */
import { runCost } from './run-cost';
import { runConfigs, type PlannedRun } from './plan';
import { currentProfile, type Profile } from './profile';
import { runStudyChoices, studySelectionCosts, type StudyOptions, type StudySelection } from './study-selection';
import { STUDY_GRID, STUDY_ROWS, STUDY_SEEDS, studyRowConfig } from './study-rows';

export * from './study-rows';
export { bestHeldOutRow, chooseRowSettings, chooseSetting, heldOutTrialCount, runStudySelection, type BestRow, type StudyOptions, type StudyTrial } from './study-selection';

export interface StudyResult extends StudySelection {
  runs: PlannedRun[];
}

/** The held-out choices, then every row with its own setting for every seed of the profile. */
export async function runStudy(options: StudyOptions = {}): Promise<StudyResult> {
  const profile = options.profile ?? currentProfile();
  const choices = await runStudyChoices({ ...options, profile });
  const configs = STUDY_ROWS.map((r) => studyRowConfig(r.row, choices.rowSettings[r.row]));
  const runs = await runConfigs(configs, { ...options, profile, seeds: STUDY_SEEDS[profile] });
  return { ...choices, runs };
}

/** Every run of the study with its estimated cost, for the profile's ETA (rows costed at the grid's longest length). */
export function studyCosts(profile: Profile): number[] {
  const grid = STUDY_GRID[profile];
  const longest = { lr: grid.lr[0], epochs: Math.max(...grid.epochs) };
  const rows = STUDY_ROWS.flatMap((r) => STUDY_SEEDS[profile].map(() => runCost(studyRowConfig(r.row, longest))));
  return [...studySelectionCosts(profile), ...rows];
}
