/**
 * What the seed report (/work/shared/seed/assignment-one-report.md, section "Methods for Improving
 * Accuracy") printed, kept as data so the notebook can quote it and set our measurements beside it.
 * These are the seed's claims, not our results.
 */
export interface SeedRow {
  /** Our config name for the same model. */
  name: string;
  label: string;
  trainAccuracy: number;
  validationAccuracy: number;
}

export const SEED_TABLE: readonly SeedRow[] = Object.freeze([
  { name: 'baseline', label: 'Baseline (with NAG and Dropout)', trainAccuracy: 97.83, validationAccuracy: 95.12 },
  { name: 'xavier', label: 'Baseline + Xavier', trainAccuracy: 95.78, validationAccuracy: 97.9 },
  { name: 'xavier-augment', label: 'Baseline + Xavier + Data Augmentation', trainAccuracy: 97.01, validationAccuracy: 93.29 },
]);
