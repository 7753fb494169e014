import type { ModelConfig } from '../models/build-network';
import type { LrScheduleSpec } from '../optim/lr-schedule';
import type { TrainerConfig } from '../train/trainer-config';

/** More epochs than any run of this report needs by far; a larger count is a typo, not a plan. */
export const MAX_EPOCHS = 1000;

/**
 * Everything that determines a run apart from the seed and the backend; results are keyed by a
 * hash of this object, so two runs with equal configs are the same experiment. A supervised run is
 * one with `unlabeled: null`; a semi-supervised one pairs every labeled minibatch with an unlabeled
 * one. An epoch is one pass over the labeled images either way. The training fields are the
 * trainer's (src/train/trainer-config.ts, documented there); a run adds only what names, builds and
 * stops it, and its teacher.
 */
export interface RunConfig extends TrainerConfig {
  /** One line for tables and the report. */
  title: string;
  model: ModelConfig;
  /** Required here (the trainer's default is 'constant'), so that every run states its schedule. */
  lrSchedule: LrScheduleSpec;
  /**
   * We train for a fixed number of epochs and report the last epoch. Picking the best epoch by
   * validation accuracy would select on the validation set, which the seed's protocol only uses
   * for reporting.
   */
  stopping: { kind: 'fixed-epochs' };
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
