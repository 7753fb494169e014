import type { SemiConfig } from '../semi/config';
import type { TrainerConfig } from '../train/trainer-config';
import type { ExperimentConfig } from './config';

/** What the trainer needs from a supervised experiment: labeled batches only, constant rate. */
export function supervisedTrainerConfig(c: ExperimentConfig): TrainerConfig {
  return {
    name: c.name,
    batchSize: c.batchSize,
    epochs: c.epochs,
    optimizer: c.optimizer,
    lrSchedule: c.lrSchedule ?? 'constant',
    weightDecay: c.weightDecay,
    ema: c.ema,
    labeledAugment: c.augment,
    unlabeled: null,
    unlabeledPool: null,
  };
}

/** What the trainer needs from a semi-supervised (or labels-only reference) config. */
export function semiTrainerConfig(c: SemiConfig): TrainerConfig {
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
  };
}
