/**
 * A two-layer network small enough to enumerate every dropout subnetwork:
 * x (d) → [input mask] → W1, b1 → activation → h (m) → [hidden mask] → W2, b2 → softmax (k).
 *
 * Plain Float64 arrays, row-major W[out][in], so the ensemble arithmetic is exact to double
 * precision and independent of any tensor backend.
 */
import { Rng } from '../../util/rng';

export type Activation = 'identity' | 'relu' | 'sigmoid' | 'tanh';
export const ACTIVATIONS: readonly Activation[] = ['identity', 'relu', 'sigmoid', 'tanh'];

export interface TinyNet {
  inputs: number;
  hidden: number;
  classes: number;
  /** hidden × inputs, row-major. */
  w1: Float64Array;
  b1: Float64Array;
  /** classes × hidden, row-major. */
  w2: Float64Array;
  b2: Float64Array;
  activation: Activation;
}

export function activate(a: Activation, z: number): number {
  switch (a) {
    case 'identity':
      return z;
    case 'relu':
      return z > 0 ? z : 0;
    case 'sigmoid':
      return 1 / (1 + Math.exp(-z));
    case 'tanh':
      return Math.tanh(z);
    default:
      throw new Error(`activate (src/lab/dropout/tiny-net.ts): unknown activation ${JSON.stringify(a)}; expected one of ${ACTIVATIONS.join(', ')}`);
  }
}

/** Fixed random weights, N(0, scale²) entries; biases N(0, (scale/2)²). */
export function randomTinyNet(
  sizes: { inputs: number; hidden: number; classes: number },
  activation: Activation,
  rng: Rng,
  scale = 1,
): TinyNet {
  const { inputs, hidden, classes } = sizes;
  for (const [k, v] of Object.entries(sizes)) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`randomTinyNet (src/lab/dropout/tiny-net.ts): ${k} must be a positive integer, got ${v}`);
  }
  const fill = (n: number, s: number) => Float64Array.from({ length: n }, () => s * rng.normal());
  return {
    inputs,
    hidden,
    classes,
    w1: fill(hidden * inputs, scale),
    b1: fill(hidden, scale / 2),
    w2: fill(classes * hidden, scale),
    b2: fill(classes, scale / 2),
    activation,
  };
}

/** Per-unit multipliers on the inputs and on the hidden units (mask bits, or keep probabilities). */
export interface UnitScales {
  input?: ArrayLike<number>;
  hidden?: ArrayLike<number>;
}

/** Logits of the network with each input and hidden unit multiplied by the given factor (default 1). */
export function tinyLogits(net: TinyNet, x: ArrayLike<number>, scales: UnitScales = {}): Float64Array {
  const { inputs, hidden, classes, w1, b1, w2, b2, activation } = net;
  if (x.length !== inputs) throw new Error(`tinyLogits (src/lab/dropout/tiny-net.ts): expected ${inputs} inputs, got ${x.length}`);
  if (scales.input && scales.input.length !== inputs) {
    throw new Error(`tinyLogits (src/lab/dropout/tiny-net.ts): input scales must have ${inputs} entries, got ${scales.input.length}`);
  }
  if (scales.hidden && scales.hidden.length !== hidden) {
    throw new Error(`tinyLogits (src/lab/dropout/tiny-net.ts): hidden scales must have ${hidden} entries, got ${scales.hidden.length}`);
  }
  const h = new Float64Array(hidden);
  for (let j = 0; j < hidden; j++) {
    let z = b1[j];
    for (let i = 0; i < inputs; i++) z += w1[j * inputs + i] * x[i] * (scales.input ? scales.input[i] : 1);
    h[j] = activate(activation, z) * (scales.hidden ? scales.hidden[j] : 1);
  }
  const out = new Float64Array(classes);
  for (let c = 0; c < classes; c++) {
    let z = b2[c];
    for (let j = 0; j < hidden; j++) z += w2[c * hidden + j] * h[j];
    out[c] = z;
  }
  return out;
}

/** Numerically stable log-softmax. */
export function logSoftmax(z: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < z.length; i++) max = Math.max(max, z[i]);
  let sum = 0;
  for (let i = 0; i < z.length; i++) sum += Math.exp(z[i] - max);
  const lse = max + Math.log(sum);
  return Float64Array.from(z, (v) => v - lse);
}

export function softmax(z: ArrayLike<number>): Float64Array {
  return logSoftmax(z).map(Math.exp);
}
