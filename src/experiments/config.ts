import type { AugmentConfig } from '../augment/pipeline';
import type { ModelConfig } from '../models/build-network';
import type { OptimizerConfig } from '../optim/functional';
import type { LrScheduleSpec } from '../optim/lr-schedule';
import type { TtaConfig } from '../train/label-pool';
import type { EmaConfig, UnlabeledTerm } from '../train/trainer-config';

/** More epochs than any run of this report needs by far; a larger count is a typo, not a plan. */
export const MAX_EPOCHS = 1000;

/**
 * Everything that determines a run apart from the seed and the backend; results are keyed by a
 * hash of this object, so two runs with equal configs are the same experiment. A supervised run is
 * one with `unlabeled: null`; a semi-supervised one pairs every labeled minibatch with an unlabeled
 * one. An epoch is one pass over the labeled images either way.
 */
export interface RunConfig {
  name: string;
  /** One line for tables and the report. */
  title: string;
  model: ModelConfig;
  optimizer: OptimizerConfig;
  /** 'constant', or e.g. 'cosine' (½(1 + cos(π t / epochs)) times every step); see src/optim/lr-schedule.ts. */
  lrSchedule: LrScheduleSpec;
  /** Decoupled weight decay λ (src/optim/weight-decay.ts); absent = none. */
  weightDecay?: number;
  /** EMA of the weights for evaluation and/or as the pseudo-label teacher; absent = none. */
  ema?: EmaConfig | null;
  batchSize: number;
  epochs: number;
  /** Augmentation of the labeled minibatch; null = the 3,000 labeled images as they are. */
  labeledAugment: AugmentConfig | null;
  /** How the unlabeled images enter the loss (the trainer's unlabeled term); null = a supervised run. */
  unlabeled: UnlabeledTerm | null;
  /** How many unlabeled images the run may draw from (the first N of a seeded shuffle of the 57,000); null = all. */
  unlabeledPool: number | null;
  /**
   * We train for a fixed number of epochs and report the last epoch. Picking the best epoch by
   * validation accuracy would select on the validation set, which the seed's protocol only uses
   * for reporting.
   */
  stopping: { kind: 'fixed-epochs' };
  /** After the last epoch, label the unlabeled images with test-time augmentation (a teacher for students); absent = no. */
  labelUnlabeled?: TtaConfig;
  /**
   * Distillation: train on the labeled images plus the unlabeled images labeled by this run of the
   * same seed (which must set labelUnlabeled); absent = the labeled images only. The teacher's whole
   * config is part of this one, so the student's key changes whenever the teacher's does.
   */
  teacher?: RunConfig;
  /**
   * The seeds whose teacher runs label the unlabeled images together: their test-time-augmented
   * probabilities are averaged and the student fits those soft rows. Absent = the same seed's teacher.
   */
  teacherSeeds?: readonly number[];
  /** Keep the final weights (the ones the run evaluates with) beside the record, for runs that start from it. */
  keepFinalState?: boolean;
  /**
   * Warm start: begin from the final weights and batch-norm buffers of this run of the same seed
   * (which must set keepFinalState) instead of the initialization. Its whole config is part of this
   * one, so this run's key changes whenever the start's does.
   */
  start?: RunConfig;
}
