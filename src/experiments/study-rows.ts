/**
 * The rows of the supervised study (Section 7) and the configs they train with: what every row
 * shares (Nesterov momentum 0.9, a cosine from the rate to zero, batch 64), what each row changes,
 * the grid its rate and length are chosen from, and the seeds. Orchestration lives in study.ts, the
 * held-out choice in study-selection.ts.
 */
import { DEFAULT_AUGMENT } from '../augment/pipeline';
import { STARTER_CNN } from '../models/config';
import type { RunConfig } from './config';
import type { Profile } from './profile';

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

/**
 * The held-out probe of the best row trains this many times the chosen length: it measures, on
 * held-out labels, whether a longer run would have closed the gap to the seed's single run.
 */
export const STUDY_LONGER_FACTOR = 2;

const XAVIER = { ...STARTER_CNN, initializer: 'xavier-uniform' } as const;

/** The rows, in table order: what each changes from the baseline. */
export const STUDY_ROWS: readonly { row: string; title: string; change: Partial<RunConfig> }[] = Object.freeze([
  { row: 'baseline', title: 'Baseline (tuned NAG, dropout)', change: {} },
  { row: 'xavier', title: 'Baseline + Xavier', change: { model: XAVIER } },
  { row: 'he', title: 'Baseline + He', change: { model: { ...STARTER_CNN, initializer: 'he-normal' } } },
  { row: 'baseline-augment', title: 'Baseline + augmentation', change: { labeledAugment: DEFAULT_AUGMENT } },
  { row: 'xavier-augment', title: 'Baseline + Xavier + augmentation', change: { model: XAVIER, labeledAugment: DEFAULT_AUGMENT } },
  { row: 'relu-logits', title: "Baseline with the starter's ReLU on the logits", change: { model: { ...STARTER_CNN, reluOnLogits: true } } },
]);

export function studyRowNames(): string[] {
  return STUDY_ROWS.map((r) => r.row);
}

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

function findRow(row: string): (typeof STUDY_ROWS)[number] {
  const found = STUDY_ROWS.find((r) => r.row === row);
  if (!found) throw new Error(`unknown study row '${row}'; valid rows: ${studyRowNames().join(', ')}`);
  return found;
}

/**
 * A held-out trial of a row (trained on 2,500 labels, scored on the 500 held out). The baseline's
 * trials keep their original names (study-select-lr<lr>-e<n>); every other row's carry its name.
 */
export function studySelectionConfig(setting: StudySetting, row = 'baseline'): RunConfig {
  const found = findRow(row);
  const tag = row === 'baseline' ? '' : `${row}-`;
  const what = row === 'baseline' ? 'Study baseline' : `Study row ${row}`;
  return { ...studyBase(setting), ...found.change, name: `study-select-${tag}lr${setting.lr}-e${setting.epochs}`, title: `${what}, lr ${setting.lr}, ${setting.epochs} epochs, held-out selection` };
}

export function studyRowConfig(row: string, setting: StudySetting): RunConfig {
  const found = findRow(row);
  return { ...studyBase(setting), ...found.change, name: `study-${row}`, title: found.title };
}
