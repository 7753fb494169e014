import { augmentBatch } from '../augment/pipeline';
import type { Dataset } from '../data/split';
import { MNIST_MEAN, MNIST_STD } from '../data/split';
import type { ExperimentConfig } from '../experiments/config';
import { StarterCnn } from '../models/starter-cnn';
import { HostParameters } from '../models/host-parameters';
import { drawDropoutMasks } from '../models/starter-cnn-step';
import { batchGradients } from '../parallel/batch-gradients';
import { gatherBatch } from './batches';
import { closeEpoch } from './close-epoch';
import { trainingStreams } from './random-streams';
import { DivergenceGuard } from './divergence';
import type { EpochRecord } from './records';
import { makeProgress, type Progress } from './progress';
import { RunResources } from './run-resources';

/** Pixel value of a blank background after normalization, used to fill outside warped images. */
export const BACKGROUND = (0 - MNIST_MEAN) / MNIST_STD;

export interface SupervisedData {
  train: Dataset;
  validation: Dataset;
}

export interface SupervisedOutcome {
  epochs: EpochRecord[];
  model: StarterCnn;
  /** Validation predictions of the final model, needed later for paired significance tests. */
  validationPredictions: Uint8Array;
}

export interface TrainOptions {
  progress?: Progress;
  /** Called after each epoch, e.g. to stream curves to a notebook. */
  onEpoch?: (record: EpochRecord) => void;
}

/**
 * Minibatch training on labeled data with per-epoch curves. Random streams (init, shuffling,
 * augmentation, dropout) are forked from one seed so that changing one, e.g. turning augmentation
 * on, does not shift the others.
 */
export function trainSupervised(config: ExperimentConfig, data: SupervisedData, seed: number, options: TrainOptions = {}): SupervisedOutcome {
  const progress = options.progress ?? makeProgress();
  const { init: initRng, shuffle: shuffleRng, augment: augmentRng, dropout: dropoutRng } = trainingStreams(seed);

  const { train, validation } = data;
  if (train.height !== 28 || train.width !== 28) {
    throw new Error(`${config.name}: the starter CNN needs 28x28 training images, found ${train.height}x${train.width}`);
  }
  if (!(config.epochs >= 1)) throw new Error(`${config.name}: epochs must be at least 1, found ${config.epochs}`);
  const run = new RunResources();
  let outcome: SupervisedOutcome | undefined;
  try {
    const model = run.own(new StarterCnn(config.model, initRng));
    const guard = new DivergenceGuard(config.name);
    const pixels = train.height * train.width;
    const batchSize = config.batchSize;
    const scratch = new Float32Array(batchSize * pixels);
    const epochs: EpochRecord[] = [];
    const params = new HostParameters(model.variables, config.optimizer);
    for (let epoch = 1; epoch <= config.epochs; epoch++) {
      const started = performance.now();
      const order = shuffleRng.permutation(train.count);
      let lossSum = 0;
      let correct = 0;
      for (let start = 0; start < train.count; start += batchSize) {
        const end = Math.min(train.count, start + batchSize);
        const n = end - start;
        const batch = gatherBatch(train, order, start, end);
        const images = config.augment
          ? augmentBatch(batch.images, n, train.height, train.width, config.augment, augmentRng, BACKGROUND, scratch.subarray(0, batch.images.length))
          : batch.images;
        const masks = drawDropoutMasks(n, config.model, dropoutRng);
        const step = batchGradients(params.variables, params.values, config.model, images, batch.labels, masks, 1 / n);
        params.step(step.grads);
        guard.check(step.lossSum / n, epoch, start / batchSize);
        lossSum += step.lossSum;
        correct += step.correct;
        progress.tick(end, train.count, `${config.name} epoch ${epoch}/${config.epochs}`);
      }
      const trainSeconds = (performance.now() - started) / 1000;
      const { record, validationPredictions } = closeEpoch(model, train, validation, { epoch, lossSum, correct, started, trainSeconds });
      epochs.push(record);
      progress.line(formatEpoch(config.name, config.epochs, record));
      options.onEpoch?.(record);
      if (epoch === config.epochs) outcome = { epochs, model, validationPredictions };
    }
    return outcome!;
  } finally {
    // Divergence, an error in a callback: the variables go, or the next run cannot register its own.
    run.close(outcome?.model);
  }
}

export function formatEpoch(name: string, total: number, r: EpochRecord): string {
  const pct = (v: number): string => (100 * v).toFixed(2);
  return (
    `${name} epoch ${r.epoch}/${total}: train loss ${r.trainLoss.toFixed(4)} acc ${pct(r.trainAccuracy)}% ` +
    `(eval mode ${pct(r.evalTrainAccuracy)}%) | validation loss ${r.validationLoss.toFixed(4)} acc ${pct(r.validationAccuracy)}% | ${r.seconds.toFixed(1)} s`
  );
}
