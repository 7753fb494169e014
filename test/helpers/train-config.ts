// A run config trained through the one trainer, the way src/experiments/run.ts starts it, for tests
// that need the outcome (curves, the kept network) rather than a saved record.
import type { Dataset } from '../../src/data/split';
import type { RunConfig } from '../../src/experiments/config';
import { trainerConfig } from '../../src/experiments/trainer-config';
import { buildNetwork } from '../../src/models/build-network';
import type { TrainData } from '../../src/train/run-state';
import { train, type TrainOptions } from '../../src/train/trainer';

export function trainSupervised(config: RunConfig, data: { train: Dataset; validation: Dataset }, seed: number, options: TrainOptions) {
  return train(trainerConfig(config), (rng) => buildNetwork(config.model, rng), { labeled: data.train, validation: data.validation }, seed, options);
}

/** `autodiff` forces the tfjs reference path for the starter CNN. */
export function trainSemi(config: RunConfig, data: TrainData, seed: number, options: TrainOptions & { autodiff?: boolean }) {
  return train(trainerConfig(config), (rng) => buildNetwork(config.model, rng, { autodiff: options.autodiff }), data, seed, options);
}
