/**
 * Log-softmax followed by the negative log-likelihood of the targets, and its gradient, in one pass
 * over the logits (n × k, row-major). Targets are hard labels or probability rows (distillation);
 * label smoothing ε replaces each target row t by (1 − ε)·t + ε/k. Per example:
 *   CE_i = −Σ_k t_ik · log p_ik,   dCE_i/dz_ik = p_ik · Σ_k t_ik − t_ik
 * and the returned gradient is scale · w_i · dCE_i/dz (w_i = 1 without weights).
 */
import type { Targets } from './network';
import { plural } from '../util/plural';

export interface LossOptions {
  scale: number;
  weights?: Float32Array | null;
  labelSmoothing?: number;
}

export interface LossResult {
  /** scale · w_i · dCE_i/dlogits, n × k. */
  dLogits: Float32Array;
  /** Σ_i CE_i (unweighted, unscaled). */
  lossSum: number;
  /** Rows whose arg-max is the hard label (for soft targets: the target row's arg-max). */
  correct: number;
  /** CE_i per row (unweighted, unscaled) and 1 where row i counted as correct: a batch that mixes kinds of rows sums its own. */
  rowLoss: Float32Array;
  rowCorrect: Uint8Array;
}

/** Row-wise log-softmax of n × k logits. */
export function logSoftmaxRows(logits: Float32Array, k: number): Float32Array {
  const out = new Float32Array(logits.length);
  for (let o = 0; o < logits.length; o += k) {
    let max = -Infinity;
    for (let j = 0; j < k; j++) max = Math.max(max, logits[o + j]);
    let sum = 0;
    for (let j = 0; j < k; j++) sum += Math.exp(logits[o + j] - max);
    const lse = max + Math.log(sum);
    for (let j = 0; j < k; j++) out[o + j] = logits[o + j] - lse;
  }
  return out;
}

function checkTargets(targets: Targets, n: number, k: number, weights: Float32Array | null | undefined): void {
  if (targets.kind === 'hard') {
    if (targets.labels.length !== n) throw new Error(`loss: expected ${plural(n, 'label')}, found ${targets.labels.length}`);
    for (const l of targets.labels) if (!(l >= 0 && l < k)) throw new Error(`loss: labels must be 0..${k - 1}, found ${l}`);
  } else if (targets.probs.length !== n * k) {
    throw new Error(`loss: expected ${n}×${k} target probabilities, found ${targets.probs.length}`);
  }
  if (weights != null && weights.length !== n) throw new Error(`loss: expected ${n} weights, found ${weights.length}`);
}

export function softmaxCrossEntropy(logits: Float32Array, k: number, targets: Targets, o: LossOptions): LossResult {
  const n = logits.length / k;
  checkTargets(targets, n, k, o.weights);
  const eps = o.labelSmoothing ?? 0;
  if (!(eps >= 0 && eps < 1)) throw new Error(`loss: label smoothing must be in [0, 1), found ${eps}`);
  const logp = logSoftmaxRows(logits, k);
  const dLogits = new Float32Array(logits.length);
  const t = new Float64Array(k);
  const rowLoss = new Float32Array(n);
  const rowCorrect = new Uint8Array(n);
  let lossSum = 0, correct = 0;
  for (let i = 0; i < n; i++) {
    const r = i * k;
    if (targets.kind === 'hard') {
      t.fill(eps / k);
      t[targets.labels[i]] += 1 - eps;
    } else {
      for (let j = 0; j < k; j++) t[j] = (1 - eps) * targets.probs[r + j] + eps / k;
    }
    let total = 0, ce = 0, arg = 0, want = 0;
    for (let j = 0; j < k; j++) {
      total += t[j];
      ce -= t[j] * logp[r + j];
      if (logp[r + j] > logp[r + arg]) arg = j;
      if (t[j] > t[want]) want = j;
    }
    lossSum += ce;
    rowLoss[i] = ce;
    if (arg === (targets.kind === 'hard' ? targets.labels[i] : want)) {
      correct++;
      rowCorrect[i] = 1;
    }
    const g = o.scale * (o.weights == null ? 1 : o.weights[i]);
    for (let j = 0; j < k; j++) dLogits[r + j] = g * (Math.exp(logp[r + j]) * total - t[j]);
  }
  return { dLogits, lossSum, correct, rowLoss, rowCorrect };
}
