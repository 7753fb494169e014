// The library's trainRunConfig with the data shapes the tests build, for tests that need the
// outcome (curves, the kept network) rather than a saved record.
import type { Dataset } from '../../src/data/split';
import type { RunConfig } from '../../src/experiments/config';
import { trainRunConfig } from '../../src/experiments/run';
import type { TrainData } from '../../src/train/run-state';
import type { TrainOptions } from '../../src/train/trainer';

export function trainSupervised(config: RunConfig, data: { train: Dataset; validation: Dataset }, seed: number, options: TrainOptions) {
  return trainRunConfig(config, { labeled: data.train, validation: data.validation }, seed, options);
}

/** `autodiff` forces the tfjs reference path for the starter CNN. */
export function trainSemi(config: RunConfig, data: TrainData, seed: number, options: TrainOptions & { autodiff?: boolean }) {
  const { autodiff, ...trainOptions } = options;
  return trainRunConfig(config, data, seed, { ...trainOptions, network: { autodiff } });
}
