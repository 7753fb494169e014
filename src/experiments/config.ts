import type { AugmentConfig } from '../augment/pipeline';
import type { CnnConfig } from '../models/config';
import type { OptimizerConfig } from '../optim/functional';
import type { LrScheduleSpec } from '../optim/lr-schedule';
import type { EmaConfig } from '../train/trainer-config';

/** More epochs than any run of this report needs by far; a larger count is a typo, not a plan. */
export const MAX_EPOCHS = 1000;

/**
 * Everything that determines a supervised run apart from the seed and the backend. Results are
 * keyed by a hash of this object, so two runs with equal configs are the same experiment.
 */
export interface ExperimentConfig {
  name: string;
  /** One line for tables and the report. */
  title: string;
  model: CnnConfig;
  optimizer: OptimizerConfig;
  batchSize: number;
  epochs: number;
  /** null: train on the 3,000 labeled images as they are. */
  augment: AugmentConfig | null;
  /**
   * We train for a fixed number of epochs and report the last epoch. Picking the best epoch by
   * validation accuracy would select on the validation set, which the seed's protocol only uses
   * for reporting.
   */
  stopping: { kind: 'fixed-epochs' };
  /** Optimizer recipes (absent = constant rate, no decay, no EMA: the configs of the frozen results). */
  lrSchedule?: LrScheduleSpec;
  weightDecay?: number;
  ema?: EmaConfig | null;
}
