import { plural } from '../util/plural';
/**
 * Pseudo-labels (Lee 2013): for unlabelled images, treat the class with the highest predicted
 * probability as if it were the true label. An optional confidence threshold masks out images the
 * network is unsure about (the FixMatch-style refinement; threshold 0 keeps all, as in Lee).
 */

export interface PseudoLabelTargets {
  /** argmax class per row; ties go to the lowest index so the result does not depend on float noise order. */
  labels: Int32Array;
  /** 1 where the max probability ≥ threshold, else 0 — multiply it into the per-example loss. */
  mask: Float32Array;
  /** The max probability per row. */
  confidence: Float32Array;
}

/** `probs` is row-major n×k (one row of class probabilities per image). */
export function pseudoLabelTargets(probs: Float32Array, n: number, k: number, threshold = 0): PseudoLabelTargets {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(k) || k < 1) {
    throw new Error(`pseudoLabelTargets: expected integers n ≥ 0 and k ≥ 1, got n=${n}, k=${k}`);
  }
  if (probs.length !== n * k) {
    throw new Error(`pseudoLabelTargets: probs must hold n×k = ${n}×${k} = ${plural(n * k, 'value')}, got ${probs.length}`);
  }
  if (!(threshold >= 0 && threshold <= 1)) {
    throw new Error(`pseudoLabelTargets: threshold must be in [0, 1], got ${threshold}`);
  }
  const labels = new Int32Array(n);
  const mask = new Float32Array(n);
  const confidence = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * k;
    let best = 0;
    let bestP = probs[row];
    for (let j = 0; j < k; j++) {
      const p = probs[row + j];
      // A NaN would silently lose every comparison and yield class 0; a diverged model should fail loudly.
      if (p !== p) throw new Error(`pseudoLabelTargets: probability at row ${i}, class ${j} is NaN`);
      if (p > bestP) {
        bestP = p;
        best = j;
      }
    }
    labels[i] = best;
    confidence[i] = bestP;
    mask[i] = bestP >= threshold ? 1 : 0;
  }
  return { labels, mask, confidence };
}

/** One-hot rows (n×k, row-major) for integer labels in [0, k). */
export function oneHot(labels: ArrayLike<number>, k: number): Float32Array {
  if (!Number.isInteger(k) || k < 1) throw new Error(`oneHot: k must be a positive integer, got ${k}`);
  const out = new Float32Array(labels.length * k);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i];
    if (!Number.isInteger(c) || c < 0 || c >= k) {
      throw new Error(`oneHot: label ${i} must be an integer in [0, ${k}), got ${c}`);
    }
    out[i * k + c] = 1;
  }
  return out;
}
