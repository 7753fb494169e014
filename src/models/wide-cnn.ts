import * as tf from '@tensorflow/tfjs';
import { fans } from '../init/fans';
import { initBias, initWeights, type InitializerName } from '../init/initializers';
import { trainable } from './trainable';
import type { Rng } from '../util/rng';
import { dropoutMask } from './dropout-masks';

/**
 * The starter CNN's layout with free widths: conv 5×5 1→c1 → max-pool 2 → ReLU → conv 5×5 c1→c2
 * → channel dropout → max-pool 2 → ReLU → fc 16·c2→f → ReLU → dropout → fc f→10 → log-softmax.
 * No batch norm, so train and eval mode differ only by dropout, as in the starter net; this keeps
 * pseudo-labels computed in eval mode comparable between the two models.
 */
export interface WideCnnConfig {
  arch: 'wide';
  initializer: InitializerName;
  conv1: number;
  conv2: number;
  fc: number;
  conv2DropRate: number;
  fc1DropRate: number;
}

export const WIDE_CNN: WideCnnConfig = Object.freeze({
  arch: 'wide',
  initializer: 'pytorch-default',
  conv1: 32,
  conv2: 64,
  fc: 256,
  conv2DropRate: 0.25,
  fc1DropRate: 0.5,
});

export function validateWideCnnConfig(config: WideCnnConfig): void {
  if (config.arch !== 'wide') throw new Error(`model.arch: expected 'wide', found '${config.arch}'`);
  for (const key of ['conv1', 'conv2', 'fc'] as const) {
    const v = config[key];
    if (!Number.isInteger(v) || v < 1) throw new Error(`model.${key}: expected a positive integer width, found ${v}`);
  }
  for (const key of ['conv2DropRate', 'fc1DropRate'] as const) {
    const p = config[key];
    if (!(p >= 0 && p < 1)) throw new Error(`model.${key}: expected a probability in [0, 1), found ${p}`);
  }
}

type Layer = 'conv1' | 'conv2' | 'fc1' | 'fc2';
const LAYERS: Layer[] = ['conv1', 'conv2', 'fc1', 'fc2'];

export function wideShapes(c: WideCnnConfig): Record<Layer, number[]> {
  return { conv1: [5, 5, 1, c.conv1], conv2: [5, 5, c.conv1, c.conv2], fc1: [16 * c.conv2, c.fc], fc2: [c.fc, 10] };
}

/** Same interface as StarterCnn: logProbs(x, rng?) (rng given = train mode), variables, dispose(). */
export class WideCnn {
  readonly weights: Record<Layer, tf.Variable>;
  readonly biases: Record<Layer, tf.Variable>;

  constructor(readonly config: WideCnnConfig, rng: Rng) {
    validateWideCnnConfig(config);
    const shapes = wideShapes(config);
    const weights = {} as Record<Layer, tf.Variable>;
    const biases = {} as Record<Layer, tf.Variable>;
    for (const layer of LAYERS) {
      const shape = shapes[layer];
      const { fanIn } = fans(shape);
      weights[layer] = trainable(initWeights(config.initializer, shape, rng), shape, `wide/${layer}/w`);
      biases[layer] = trainable(initBias(config.initializer, fanIn, shape[shape.length - 1], rng), [shape[shape.length - 1]], `wide/${layer}/b`);
    }
    this.weights = weights;
    this.biases = biases;
  }

  get variables(): tf.Variable[] {
    return LAYERS.flatMap((l) => [this.weights[l], this.biases[l]]);
  }

  logProbs(x: tf.Tensor4D, rng?: Rng): tf.Tensor2D {
    return tf.tidy(() => {
      const n = x.shape[0];
      const { weights: w, biases: b, config: c } = this;
      let h: tf.Tensor4D = tf.conv2d(x, w.conv1 as tf.Tensor4D, 1, 'valid').add(b.conv1);
      h = tf.relu(tf.maxPool(h, 2, 2, 'valid'));
      h = tf.conv2d(h, w.conv2 as tf.Tensor4D, 1, 'valid').add(b.conv2);
      if (rng && c.conv2DropRate > 0) h = h.mul(dropoutMask([n, 1, 1, c.conv2], c.conv2DropRate, rng));
      h = tf.relu(tf.maxPool(h, 2, 2, 'valid'));
      let z = tf.relu(tf.reshape(h, [n, 16 * c.conv2]).matMul(w.fc1 as tf.Tensor2D).add(b.fc1)) as tf.Tensor2D;
      if (rng && c.fc1DropRate > 0) z = z.mul(dropoutMask([n, c.fc], c.fc1DropRate, rng)) as tf.Tensor2D;
      return tf.logSoftmax(z.matMul(w.fc2 as tf.Tensor2D).add(b.fc2)) as tf.Tensor2D;
    });
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}
