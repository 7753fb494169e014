/**
 * One training step of the starter CNN with a hand-written backward pass (micrograd style: each
 * layer's backward sits next to its forward), instead of tfjs autodiff.
 *
 * Why: autodiff records ~60 kernels per step (broadcast adds, tape bookkeeping, MatMul gradients
 * through wasm's transposed-matmul slow path, MaxPoolGrad's pixel-by-window loop) and the
 * optimizer ~40 more. Here the heavy parts (convolutions, their gradients, the big matmuls) stay
 * on the backend's kernels, bias and ReLU ride inside the fused conv/matmul, and the cheap glue
 * (pooling with argmax, dropout masks, softmax/NLL, bias sums, the small fc2 layer) is one pass of
 * plain JS over each tensor, read from the wasm heap without copies where the backend is wasm.
 *
 * Numerics match tfjs autodiff of `StarterCnn.logProbs` + `nllLoss` up to float rounding
 * (test/models/starter-cnn-step.test.ts compares them on the cpu backend):
 * - ReLU is applied before max-pooling (inside the conv): relu(maxpool(z)) = maxpool(relu(z))
 *   exactly, and the pool gradient still goes to the window's first maximum of z whenever the
 *   pooled value is positive (otherwise ReLU's gradient is 0 either way).
 * - conv2's channel dropout scales a window by one factor m >= 0, so maxpool(z*m) = m*maxpool(z).
 */
import * as tf from '@tensorflow/tfjs';
import { hostView } from '../backend/heap-tensor';
import { maxPool2x2Argmax } from '../nn/pool-argmax';
import type { Rng } from '../util/rng';
import { convInputGradient, filterTransposed } from './conv-input-gradient';
import { pooledConvFilterGradient } from './pooled-conv-filter-gradient';
import type { CnnConfig } from './config';
import { plural } from '../util/plural';

/** Parameter shapes in `StarterCnn.variables` order (weights and biases interleaved). */
export const STARTER_PARAM_SHAPES: readonly (readonly number[])[] = [
  [5, 5, 1, 10], [10], [5, 5, 10, 20], [20], [320, 50], [50], [50, 10], [10],
];

/**
 * Eval-mode log-probabilities ([n*10], row-major) of [n,28,28,1] images, in batches, from parameter
 * tensors. Same function as `StarterCnn.logProbs(x)`: ReLU rides inside the fused conv before the
 * pool, which gives identical values (max-pool and ReLU commute).
 */
export function starterCnnLogProbs(params: readonly tf.Tensor[], config: CnnConfig, images: Float32Array, batchSize = 1000): Float32Array {
  const n = images.length / 784;
  if (!Number.isInteger(n)) throw new Error(`starterCnnLogProbs: expected a whole number of 28x28 images, found ${plural(images.length, 'value')}`);
  const out = new Float32Array(n * 10);
  for (let start = 0; start < n; start += batchSize) {
    const end = Math.min(n, start + batchSize);
    const lp = tf.tidy(() => starterCnnForward(params, config, tf.tensor4d(images.subarray(start * 784, end * 784), [end - start, 28, 28, 1])));
    out.set(lp.dataSync() as Float32Array, start * 10);
    lp.dispose();
  }
  return out;
}

/** starterCnnLogProbs from host arrays in `StarterCnn.variables` order, through temporary tensors. */
export function starterCnnLogProbsFromHost(params: readonly Float32Array[], config: CnnConfig, images: Float32Array, batchSize = 1000): Float32Array {
  const local = params.map((p, i) => tf.tensor(p, [...STARTER_PARAM_SHAPES[i]]));
  try {
    return starterCnnLogProbs(local, config, images, batchSize);
  } finally {
    tf.dispose(local);
  }
}

/** The eval-mode forward pass on tensors (fused conv+bias+ReLU, fused matmul+bias+ReLU). */
export function starterCnnForward(params: readonly tf.Tensor[], config: CnnConfig, x: tf.Tensor4D): tf.Tensor2D {
  return tf.tidy(() => {
    const [w1, b1, w2, b2, w3, b3, w4, b4] = params;
    const n = x.shape[0];
    let h = tf.fused.conv2d({ x, filter: w1 as tf.Tensor4D, strides: 1, pad: 'valid', bias: b1, activation: 'relu' });
    h = tf.maxPool(h, 2, 2, 'valid');
    h = tf.fused.conv2d({ x: h, filter: w2 as tf.Tensor4D, strides: 1, pad: 'valid', bias: b2, activation: 'relu' });
    h = tf.maxPool(h, 2, 2, 'valid');
    const z = tf.fused.matMul({ a: tf.reshape(h, [n, 320]), b: w3 as tf.Tensor2D, bias: b3, activation: 'relu' });
    const logits = tf.fused.matMul({ a: z, b: w4 as tf.Tensor2D, bias: b4, activation: config.reluOnLogits ? 'relu' : 'linear' });
    return tf.logSoftmax(logits) as tf.Tensor2D;
  });
}

/** Dropout masks for one batch, with inverted scaling (0 or 1/(1-rate)); null when the rate is 0. */
export interface DropoutMasks {
  /** [n, 20]: one factor per (image, conv2 channel). */
  conv2: Float32Array | null;
  /** [n, 50]: one factor per (image, fc1 unit). */
  fc1: Float32Array | null;
}

/** Draws masks exactly as `StarterCnn.logProbs(x, rng)` does (conv2 first, then fc1, same rng calls). */
export function drawDropoutMasks(n: number, config: CnnConfig, rng: Rng): DropoutMasks {
  const draw = (size: number, rate: number): Float32Array | null => {
    if (!(rate > 0)) return null;
    const keepScale = 1 / (1 - rate);
    const values = new Float32Array(size);
    for (let i = 0; i < size; i++) values[i] = rng.uniform() < rate ? 0 : keepScale;
    return values;
  };
  const conv2 = draw(n * 20, config.conv2DropRate);
  const fc1 = draw(n * 50, config.fc1DropRate);
  return { conv2, fc1 };
}

/** Rows [start, end) of a batch's masks, for a worker that computes part of the batch. */
export function sliceMasks(masks: DropoutMasks, start: number, end: number): DropoutMasks {
  return {
    conv2: masks.conv2 === null ? null : masks.conv2.subarray(start * 20, end * 20),
    fc1: masks.fc1 === null ? null : masks.fc1.subarray(start * 50, end * 50),
  };
}

export interface StepGradients {
  /** Gradients in `StarterCnn.variables` order (conv1 w, b, conv2 w, b, fc1 w, b, fc2 w, b). */
  grads: Float32Array[];
  /** Sum over the batch of −log p(label) (not scaled). */
  lossSum: number;
  /** Images whose arg-max class equals the label. */
  correct: number;
}

/**
 * 2x2 stride-2 max-pool of a non-negative [n,h,w,c] map (post-ReLU), optionally scaled per
 * (image, channel); records the flat index of each window's first maximum.
 */
function poolForward(a: Float32Array, n: number, h: number, w: number, c: number, scale: Float32Array | null): { out: Float32Array; arg: Int32Array } {
  const out = new Float32Array(n * (h >> 1) * (w >> 1) * c);
  const arg = new Int32Array(out.length);
  maxPool2x2Argmax(a, out, arg, n, h, w, c, scale);
  return { out, arg };
}

/**
 * Backward of ReLU∘(scale)∘maxpool: sends g to its window's maximum where the pooled value is
 * positive (ReLU's gradient is 0 elsewhere), times the dropout factor; also sums the result per
 * channel, which is the conv bias gradient.
 */
function poolBackward(g: Float32Array, pooled: Float32Array, arg: Int32Array, size: number, c: number, scale: Float32Array | null, biasGrad: Float64Array): Float32Array {
  const dz = new Float32Array(size);
  const perImage = pooled.length / (scale === null ? 1 : scale.length / c);
  for (let o = 0; o < pooled.length; o++) {
    if (!(pooled[o] > 0)) continue;
    const d = o % c;
    const v = scale === null ? g[o] : g[o] * scale[Math.floor(o / perImage) * c + d];
    dz[arg[o]] = v;
    biasGrad[d] += v;
  }
  return dz;
}

const f64to32 = (v: Float64Array): Float32Array => Float32Array.from(v);

/** Registers a tensor for disposal at the end of the step and returns it. */
type Keep = <T extends tf.Tensor>(x: T) => T;

/** What the backward pass needs from the convolutional half of the forward pass. */
interface ConvActivations {
  /** conv1's pooled output as a tensor (conv2's input). */
  h1: tf.Tensor4D;
  p1: { out: Float32Array; arg: Int32Array };
  p2: { out: Float32Array; arg: Int32Array };
  /** conv2's pooled, dropped-out output, flattened to [n, 320] (fc1's input). */
  h2: tf.Tensor2D;
}

/** conv1 (+bias, ReLU) -> pool, then conv2 (+bias, ReLU) -> channel dropout -> pool. */
function convForward(w1: tf.Tensor, b1: tf.Tensor, w2: tf.Tensor, b2: tf.Tensor, images: Float32Array, n: number, conv2Mask: Float32Array | null, t: Keep): ConvActivations {
  const x = t(tf.tensor4d(images, [n, 28, 28, 1]));
  const a1 = t(tf.fused.conv2d({ x, filter: w1 as tf.Tensor4D, strides: 1, pad: 'valid', bias: b1, activation: 'relu' }));
  const p1 = poolForward(hostView(a1), n, 24, 24, 10, null);
  const h1 = t(tf.tensor4d(p1.out, [n, 12, 12, 10]));
  const a2 = t(tf.fused.conv2d({ x: h1, filter: w2 as tf.Tensor4D, strides: 1, pad: 'valid', bias: b2, activation: 'relu' }));
  const p2 = poolForward(hostView(a2), n, 8, 8, 20, conv2Mask);
  const h2 = t(tf.tensor2d(p2.out, [n, 320]));
  return { h1, p1, p2, h2 };
}

/** fc2 in JS: 50x10 is too small for a kernel call to pay off. Logits [n, 10] of the dropped-out fc1 output d3. */
function fc2Forward(d3: Float32Array, W4: Float32Array, B4: Float32Array, n: number): Float32Array {
  const logits = new Float32Array(n * 10);
  for (let r = 0; r < n; r++) {
    for (let k = 0; k < 10; k++) {
      let s = B4[k];
      for (let u = 0; u < 50; u++) s += d3[r * 50 + u] * W4[u * 10 + k];
      logits[r * 10 + k] = s;
    }
  }
  return logits;
}

/** [ReLU] -> log-softmax -> NLL over the batch, and its gradient scale*(softmax - onehot) [* ReLU'] with respect to the logits. */
function nllAndGradient(logits: Float32Array, labels: Int32Array, reluOnLogits: boolean, scale: number): { g4: Float32Array; lossSum: number; correct: number } {
  const n = labels.length;
  let lossSum = 0;
  let correct = 0;
  const g4 = new Float32Array(n * 10);
  for (let r = 0; r < n; r++) {
    const o = r * 10;
    let max = Number.NEGATIVE_INFINITY, arg = 0;
    for (let k = 0; k < 10; k++) {
      const z = reluOnLogits ? Math.max(0, logits[o + k]) : logits[o + k];
      if (z > max) { max = z; arg = k; }
    }
    let sum = 0;
    for (let k = 0; k < 10; k++) sum += Math.exp((reluOnLogits ? Math.max(0, logits[o + k]) : logits[o + k]) - max);
    const lse = max + Math.log(sum);
    const label = labels[r];
    const zl = reluOnLogits ? Math.max(0, logits[o + label]) : logits[o + label];
    lossSum += lse - zl;
    if (arg === label) correct++;
    for (let k = 0; k < 10; k++) {
      const z = reluOnLogits ? Math.max(0, logits[o + k]) : logits[o + k];
      let g = scale * (Math.exp(z - lse) - (k === label ? 1 : 0));
      if (reluOnLogits && !(logits[o + k] > 0)) g = 0;
      g4[o + k] = g;
    }
  }
  return { g4, lossSum, correct };
}

/** fc2 backward (JS): dW4 = d3ᵀ g4, db4 = Σ g4, g_d3 = g4 W4ᵀ, then fc1's dropout and ReLU (a3 is fc1's output before dropout). */
function fc2Backward(g4: Float32Array, d3: Float32Array, a3: Float32Array, W4: Float32Array, fc1Mask: Float32Array | null, n: number): { gW4: Float64Array; gB4: Float64Array; gz3: Float32Array } {
  const gW4 = new Float64Array(500), gB4 = new Float64Array(10);
  const gz3 = new Float32Array(n * 50);
  for (let r = 0; r < n; r++) {
    for (let k = 0; k < 10; k++) gB4[k] += g4[r * 10 + k];
    for (let u = 0; u < 50; u++) {
      const du = d3[r * 50 + u];
      let s = 0;
      for (let k = 0; k < 10; k++) {
        const g = g4[r * 10 + k];
        gW4[u * 10 + k] += du * g;
        s += g * W4[u * 10 + k];
      }
      gz3[r * 50 + u] = a3[r * 50 + u] > 0 ? (fc1Mask === null ? s : s * fc1Mask[r * 50 + u]) : 0;
    }
  }
  return { gW4, gB4, gz3 };
}

/**
 * fc1 backward: dW3 = h2ᵀ gz3 and g_h2 = gz3 W3ᵀ (transposes made explicit: wasm's matmul has a
 * slow path for transposed operands), and the bias gradient.
 */
function fc1Backward(gz3: Float32Array, h2: tf.Tensor2D, w3: tf.Tensor, n: number, t: Keep): { gW3t: tf.Tensor; gh2: tf.Tensor; gB3: Float64Array } {
  const gz3t = t(tf.tensor2d(gz3, [n, 50]));
  const gW3t = t(tf.matMul(t(tf.transpose(h2)), gz3t));
  const gh2 = t(tf.matMul(gz3t, t(tf.transpose(w3 as tf.Tensor2D))));
  const gB3 = new Float64Array(50);
  for (let i = 0; i < gz3.length; i++) gB3[i % 50] += gz3[i];
  return { gW3t, gh2, gB3 };
}

/** pool2 / dropout / ReLU backward, then conv2's filter, bias and input gradients. */
function conv2Backward(gh2: tf.Tensor, acts: ConvActivations, w2: tf.Tensor, conv2Mask: Float32Array | null, n: number, t: Keep): { gW2t: tf.Tensor; gB2: Float64Array; gh1: tf.Tensor } {
  const gB2 = new Float64Array(20);
  const gz2 = poolBackward(hostView(gh2), acts.p2.out, acts.p2.arg, n * 8 * 8 * 20, 20, conv2Mask, gB2);
  const gz2t = t(tf.tensor4d(gz2, [n, 8, 8, 20]));
  const convAttrs = { strides: 1, pad: 'valid', dataFormat: 'NHWC' };
  const gW2t = t(tf.engine().runKernel('Conv2DBackpropFilter', { x: acts.h1, dy: gz2t }, { ...convAttrs, filterShape: [5, 5, 10, 20] }) as tf.Tensor);
  const gh1 = t(convInputGradient(t(tf.reshape(gz2t, [n * 64, 20])), t(filterTransposed(w2)), { n, h: 12, w: 12, ci: 10, k: 5 }));
  return { gW2t, gB2, gh1 };
}

/**
 * Gradients of (sum of −log p(label)) × `scale` with respect to `params` (tensors in variables
 * order), for one batch of [n, 28, 28, 1] images. With scale = 1/N for a global batch of N images
 * split into parts, the parts' gradients add up to the batch-mean gradient.
 */
export function starterCnnGradients(
  params: readonly tf.Tensor[], config: CnnConfig, images: Float32Array, labels: Int32Array, masks: DropoutMasks, scale: number,
): StepGradients {
  const n = labels.length;
  if (images.length !== n * 784) throw new Error(`starterCnnGradients: expected ${plural(n, 'image')} of 28x28 (${plural(n * 784, 'value')}), found ${images.length}`);
  if (params.length !== 8) throw new Error(`starterCnnGradients: expected 8 parameter tensors, found ${params.length}`);
  const [w1, b1, w2, b2, w3, b3, w4, b4] = params;
  const keep: tf.Tensor[] = [];
  const t: Keep = (x) => (keep.push(x), x);
  try {
    const acts = convForward(w1, b1, w2, b2, images, n, masks.conv2, t);
    // fc1 (+bias, ReLU) -> dropout, then fc2 and the loss.
    const a3 = hostView(t(tf.fused.matMul({ a: acts.h2, b: w3 as tf.Tensor2D, bias: b3, activation: 'relu' }))).slice();
    const d3 = masks.fc1 === null ? a3 : a3.map((v, i) => v * masks.fc1![i]);
    const W4 = hostView(w4).slice(), B4 = hostView(b4).slice();
    const { g4, lossSum, correct } = nllAndGradient(fc2Forward(d3, W4, B4, n), labels, config.reluOnLogits, scale);
    const { gW4, gB4, gz3 } = fc2Backward(g4, d3, a3, W4, masks.fc1, n);
    const { gW3t, gh2, gB3 } = fc1Backward(gz3, acts.h2, w3, n, t);
    const { gW2t, gB2, gh1 } = conv2Backward(gh2, acts, w2, masks.conv2, n, t);
    // pool1 / ReLU backward fused with conv1's filter and bias gradients (the input needs none).
    const gB1 = new Float64Array(10);
    const gW1 = pooledConvFilterGradient(images, { n, h: 28, w: 28, k: 5, co: 10 }, hostView(gh1), acts.p1.out, acts.p1.arg, gB1);
    const grads = [
      gW1, f64to32(gB1),
      gW2t.dataSync() as Float32Array, f64to32(gB2),
      gW3t.dataSync() as Float32Array, f64to32(gB3),
      f64to32(gW4), f64to32(gB4),
    ];
    return { grads, lossSum, correct };
  } finally {
    tf.dispose(keep);
  }
}
