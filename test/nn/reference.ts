// A spec's train-mode loss written with plain tfjs ops, so tfjs autodiff gives reference gradients
// for the engine's hand-written backward passes. It follows the spec as written (no ReLU fusion).
import * as tf from '@tensorflow/tfjs';
import { BN_EPS } from '../../src/nn/layers/batch-norm';
import type { Targets } from '../../src/nn/network';
import type { ModelSpec } from '../../src/nn/spec';

export interface ReferenceInput {
  images: Float32Array;
  targets: Targets;
  weights: Float32Array | null;
  scale: number;
  /** Masks as the engine draws them: one per spec layer position that is a dropout (in order). */
  masks: Float32Array[];
}

function layerForward(l: ModelSpec['layers'][number], h: tf.Tensor, next: () => Float32Array, params: () => tf.Tensor): tf.Tensor {
  const n = h.shape[0];
  switch (l.type) {
    case 'conv2d': {
      const y = tf.conv2d(h as tf.Tensor4D, params() as tf.Tensor4D, l.stride ?? 1, l.padding ?? 'valid');
      return l.bias === false ? y : tf.add(y, params());
    }
    case 'batchnorm': {
      const axes = h.rank === 4 ? [0, 1, 2] : [0];
      const { mean, variance } = tf.moments(h, axes);
      const xhat = tf.div(tf.sub(h, mean), tf.sqrt(tf.add(variance, BN_EPS)));
      return tf.add(tf.mul(xhat, params()), params());
    }
    case 'relu': return tf.relu(h);
    case 'maxpool': return tf.maxPool(h as tf.Tensor4D, 2, 2, 'valid');
    case 'dropout': return l.rate > 0 ? tf.mul(h, tf.tensor(next(), h.shape)) : h;
    case 'dropout2d': return l.rate > 0 ? tf.mul(h, tf.tensor(next(), [n, 1, 1, h.shape[3] as number])) : h;
    case 'flatten': return tf.reshape(h, [n, -1]);
    case 'gap': return tf.mean(h, [1, 2]);
    case 'linear': {
      const y = tf.matMul(h as tf.Tensor2D, params() as tf.Tensor2D);
      return l.bias === false ? y : tf.add(y, params());
    }
  }
}

/** scale · Σ_i w_i · CE_i for the spec with `params` (tensors in the engine's parameter order). */
export function referenceLoss(spec: ModelSpec, params: readonly tf.Tensor[], input: ReferenceInput, classes: number): tf.Scalar {
  const n = input.images.length / (spec.input[0] * spec.input[1] * spec.input[2]);
  let p = 0, m = 0;
  let h: tf.Tensor = tf.tensor(input.images, [n, ...spec.input]);
  for (const l of spec.layers) h = layerForward(l, h, () => input.masks[m++], () => params[p++]);
  const logp = tf.logSoftmax(h as tf.Tensor2D);
  const eps = spec.labelSmoothing ?? 0;
  const t0 = input.targets.kind === 'hard' ? tf.oneHot(tf.tensor1d(input.targets.labels, 'int32'), classes) : tf.tensor2d(input.targets.probs, [n, classes]);
  const t = tf.add(tf.mul(t0, 1 - eps), eps / classes);
  let ce = tf.neg(tf.sum(tf.mul(t, logp), 1));
  if (input.weights !== null) ce = tf.mul(ce, tf.tensor1d(input.weights));
  return tf.mul(tf.sum(ce), input.scale) as tf.Scalar;
}
