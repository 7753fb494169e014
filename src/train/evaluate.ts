import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/split';
import { sliceImages } from './batches';

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
