import * as tf from '@tensorflow/tfjs';
import { fans } from '../init/fans';
import { initBias, initWeights } from '../init/initializers';
import { trainable } from './trainable';
import type { Rng } from '../util/rng';
import { type CnnConfig, validateCnnConfig } from './config';
import { dropoutMask } from './dropout-masks';
import { starterCnnForward } from './starter-cnn-step';

/** Parameter shapes in tfjs layout: conv kernels [kh, kw, cin, cout], dense kernels [in, out]. */
export const STARTER_SHAPES = {
  conv1: [5, 5, 1, 10],
  conv2: [5, 5, 10, 20],
  fc1: [320, 50],
  fc2: [50, 10],
} as const;

export type LayerName = keyof typeof STARTER_SHAPES;
export const LAYERS = Object.keys(STARTER_SHAPES) as LayerName[];

/**
 * The starter CNN as plain variables and a forward function. We skip the layers API because it has
 * no Dropout2d and costs time on every batch; the backward pass comes from tfjs autodiff.
 */
export class StarterCnn {
  readonly weights: Record<LayerName, tf.Variable>;
  readonly biases: Record<LayerName, tf.Variable>;

  constructor(readonly config: CnnConfig, rng: Rng) {
    validateCnnConfig(config);
    const weights = {} as Record<LayerName, tf.Variable>;
    const biases = {} as Record<LayerName, tf.Variable>;
    for (const layer of LAYERS) {
      const shape = STARTER_SHAPES[layer];
      const { fanIn } = fans(shape);
      const outSize = shape[shape.length - 1];
      weights[layer] = trainable(initWeights(config.initializer, shape, rng), shape, `${layer}/w`);
      biases[layer] = trainable(initBias(config.initializer, fanIn, outSize, rng), [outSize], `${layer}/b`);
    }
    this.weights = weights;
    this.biases = biases;
  }

  get variables(): tf.Variable[] {
    return LAYERS.flatMap((l) => [this.weights[l], this.biases[l]]);
  }

  /**
   * Log-probabilities for a batch x of shape [n, 28, 28, 1]. With `rng` given the net is in train
   * mode (dropout on); without it, eval mode.
   */
  logProbs(x: tf.Tensor4D, rng?: Rng): tf.Tensor2D {
    // Eval mode: fused conv/matmul with bias and ReLU (unfused by tfjs itself under a gradient tape).
    if (rng === undefined) return starterCnnForward(this.variables, this.config, x);
    return tf.tidy(() => {
      const n = x.shape[0];
      const { weights: w, biases: b, config } = this;
      let h: tf.Tensor4D = tf.conv2d(x, w.conv1 as tf.Tensor4D, 1, 'valid').add(b.conv1);
      h = tf.relu(tf.maxPool(h, 2, 2, 'valid'));
      h = tf.conv2d(h, w.conv2 as tf.Tensor4D, 1, 'valid').add(b.conv2);
      if (rng && config.conv2DropRate > 0) h = h.mul(dropoutMask([n, 1, 1, 20], config.conv2DropRate, rng));
      h = tf.relu(tf.maxPool(h, 2, 2, 'valid'));
      let z = tf.relu(tf.reshape(h, [n, 320]).matMul(w.fc1 as tf.Tensor2D).add(b.fc1)) as tf.Tensor2D;
      if (rng && config.fc1DropRate > 0) z = z.mul(dropoutMask([n, 50], config.fc1DropRate, rng)) as tf.Tensor2D;
      let logits: tf.Tensor2D = z.matMul(w.fc2 as tf.Tensor2D).add(b.fc2);
      if (config.reluOnLogits) logits = tf.relu(logits);
      return tf.logSoftmax(logits);
    });
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}
