import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/split';
import { sliceImages } from './batches';
import { StarterCnn } from '../models/starter-cnn';
import { predictParallel } from '../parallel/pool';

export interface Evaluation {
  loss: number;
  accuracy: number;
  /** argmax class per example. */
  predictions: Uint8Array;
}

/** Anything that maps a batch of images to log-probabilities in eval mode. */
export interface Classifier {
  logProbs(x: tf.Tensor4D): tf.Tensor2D;
}

/** Mean NLL and accuracy in eval mode (dropout off), in large batches because eval has no backward pass. */
export function evaluate(model: Classifier, ds: Dataset, batchSize = 1000): Evaluation {
  const predictions = new Uint8Array(ds.count);
  let lossSum = 0;
  let correct = 0;
  if (model instanceof StarterCnn && ds.height === 28 && ds.width === 28) {
    // Split across the worker threads (if any) like training is.
    const params = model.variables.map((v) => v.dataSync() as Float32Array);
    const logp = predictParallel(params, model.config, ds.images.subarray(0, ds.count * 784), batchSize);
    for (let i = 0; i < ds.count; i++) {
      let arg = 0;
      for (let k = 1; k < 10; k++) if (logp[i * 10 + k] > logp[i * 10 + arg]) arg = k;
      const label = ds.labels[i];
      lossSum -= logp[i * 10 + label];
      predictions[i] = arg;
      if (arg === label) correct++;
    }
    return { loss: lossSum / ds.count, accuracy: correct / ds.count, predictions };
  }
  for (let start = 0; start < ds.count; start += batchSize) {
    const end = Math.min(ds.count, start + batchSize);
    const [logp, argmax] = tf.tidy(() => {
      const lp = model.logProbs(sliceImages(ds, start, end));
      return [lp.dataSync() as Float32Array, lp.argMax(1).dataSync() as Int32Array];
    });
    const k = logp.length / (end - start);
    for (let i = 0; i < end - start; i++) {
      const label = ds.labels[start + i];
      lossSum -= logp[i * k + label];
      predictions[start + i] = argmax[i];
      if (argmax[i] === label) correct++;
    }
  }
  return { loss: lossSum / ds.count, accuracy: correct / ds.count, predictions };
}
