import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../util/rng';

/**
 * Inverted-dropout masks drawn from our own generator, in bulk, so a run is reproducible on any
 * backend (tf.dropout's seeding differs between backends). Kept units are scaled by 1/(1−rate),
 * as in PyTorch, so nothing changes at test time.
 */
export function dropoutMask(shape: [number, number] | [number, number, number, number], rate: number, rng: Rng): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(size);
  const keepScale = 1 / (1 - rate);
  for (let i = 0; i < size; i++) values[i] = rng.uniform() < rate ? 0 : keepScale;
  return tf.tensor(values, shape);
}
