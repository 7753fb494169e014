import * as tf from '@tensorflow/tfjs';
import { augmentBatch } from '../augment/pipeline';
import type { Dataset } from '../data/split';
import { MNIST_MEAN, MNIST_STD } from '../data/split';
import type { ExperimentConfig } from '../experiments/config';
import { StarterCnn } from '../models/starter-cnn';
import { nllLoss } from '../models/loss';
import { makeTfOptimizer } from '../optim/tf-optimizer';
import { Rng } from '../util/rng';
import { gatherBatch, imagesTensor } from './batches';
import { evaluate } from './evaluate';
import { DivergenceGuard } from './divergence';
import type { EpochRecord } from './records';
import { makeProgress, type Progress } from './progress';

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
  const root = new Rng(seed);
  const initRng = root.fork();
  const shuffleRng = root.fork();
  const augmentRng = root.fork();
  const dropoutRng = root.fork();

  const model = new StarterCnn(config.model, initRng);
  const optimizer = makeTfOptimizer(config.optimizer);
  const guard = new DivergenceGuard(config.name);
  const { train, validation } = data;
  const pixels = train.height * train.width;
  const batchSize = config.batchSize;
  const scratch = new Float32Array(batchSize * pixels);
  const epochs: EpochRecord[] = [];

  for (let epoch = 1; epoch <= config.epochs; epoch++) {
    const started = performance.now();
    const order = shuffleRng.permutation(train.count);
    let lossSum = 0;
    let correct = 0;
    for (let start = 0; start < train.count; start += batchSize) {
      const end = Math.min(train.count, start + batchSize);
      const batch = gatherBatch(train, order, start, end);
      const images = config.augment
        ? augmentBatch(batch.images, end - start, train.height, train.width, config.augment, augmentRng, BACKGROUND, scratch.subarray(0, batch.images.length))
        : batch.images;
      const input = imagesTensor(images, train);
      const y = tf.tensor1d(batch.labels, 'int32');
      let batchCorrect = 0;
      const cost = optimizer.minimize(() => {
        const logp = model.logProbs(input, dropoutRng);
        batchCorrect = tf.tidy(() => logp.argMax(1).equal(y).sum().dataSync()[0]);
        return nllLoss(logp, y);
      }, true, model.variables);
      const loss = cost!.dataSync()[0];
      cost!.dispose();
      input.dispose();
      y.dispose();
      guard.check(loss, epoch, start / batchSize);
      lossSum += loss * (end - start);
      correct += batchCorrect;
      progress.tick(end, train.count, `${config.name} epoch ${epoch}/${config.epochs}`);
    }
    const trainSeconds = (performance.now() - started) / 1000;
    const evalTrain = evaluate(model, train);
    const evalValidation = evaluate(model, validation);
    const record: EpochRecord = {
      epoch,
      trainLoss: lossSum / train.count,
      trainAccuracy: correct / train.count,
      evalTrainLoss: evalTrain.loss,
      evalTrainAccuracy: evalTrain.accuracy,
      validationLoss: evalValidation.loss,
      validationAccuracy: evalValidation.accuracy,
      trainSeconds,
      seconds: (performance.now() - started) / 1000,
    };
    epochs.push(record);
    progress.line(formatEpoch(config.name, config.epochs, record));
    options.onEpoch?.(record);
    if (epoch === config.epochs) {
      optimizer.dispose();
      return { epochs, model, validationPredictions: evalValidation.predictions };
    }
  }
  throw new Error(`${config.name}: epochs must be at least 1, found ${config.epochs}`);
}

export function formatEpoch(name: string, total: number, r: EpochRecord): string {
  const pct = (v: number): string => (100 * v).toFixed(2);
  return (
    `${name} epoch ${r.epoch}/${total}: train loss ${r.trainLoss.toFixed(4)} acc ${pct(r.trainAccuracy)}% ` +
    `(eval mode ${pct(r.evalTrainAccuracy)}%) | validation loss ${r.validationLoss.toFixed(4)} acc ${pct(r.validationAccuracy)}% | ${r.seconds.toFixed(1)} s`
  );
}
