import type { TrainerConfig } from '../train/trainer-config';
import type { RunConfig } from './config';

/** What the trainer needs from a run config: everything but the model, the title and the stopping rule. */
export function trainerConfig(c: RunConfig): TrainerConfig {
  return {
    name: c.name,
    batchSize: c.batchSize,
    epochs: c.epochs,
    optimizer: c.optimizer,
    lrSchedule: c.lrSchedule,
    weightDecay: c.weightDecay,
    ema: c.ema,
    labeledAugment: c.labeledAugment,
    unlabeled: c.unlabeled,
    unlabeledPool: c.unlabeledPool,
    labelUnlabeled: c.labelUnlabeled,
  };
}
