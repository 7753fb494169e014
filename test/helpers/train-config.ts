// A run config trained through the one trainer, the way src/experiments/run.ts starts it, for tests
// that need the outcome (curves, the kept network) rather than a saved record.
import type { Dataset } from '../../src/data/split';
import type { ExperimentConfig } from '../../src/experiments/config';
import type { SemiData } from '../../src/experiments/semi-plan';
import { semiTrainerConfig, supervisedTrainerConfig } from '../../src/experiments/trainer-config';
import { buildNetwork } from '../../src/models/build-network';
import type { SemiConfig } from '../../src/semi/config';
import { train, type TrainOptions } from '../../src/train/trainer';

export function trainSupervised(config: ExperimentConfig, data: { train: Dataset; validation: Dataset }, seed: number, options: TrainOptions) {
  return train(supervisedTrainerConfig(config), (rng) => buildNetwork(config.model, rng), { labeled: data.train, validation: data.validation }, seed, options);
}

/** `autodiff` forces the tfjs reference path for the starter CNN. */
export function trainSemi(config: SemiConfig, data: SemiData, seed: number, options: TrainOptions & { autodiff?: boolean }) {
  return train(semiTrainerConfig(config), (rng) => buildNetwork(config.model, rng, { autodiff: options.autodiff }), data, seed, options);
}
