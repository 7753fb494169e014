import * as tf from '@tensorflow/tfjs';
import { augmentBatch } from '../augment/pipeline';
import type { Dataset } from '../data/split';
import type { Network } from '../nn/network';
import { addGradientArrays } from '../parallel/shards';
import { pseudoLabelTargets, type PseudoLabelTargets } from '../semi/pseudo-label';
import type { Rng } from '../util/rng';
import { withAveragedWeights } from './averaged-weights';
import { BACKGROUND, gatherBatch } from './batches';
import type { EpochTally } from './epoch-tally';
import type { RunState } from './run-state';

/** The student view of one unlabeled batch and the pseudo-labels it is fitted to. */
export interface PseudoLabeledBatch {
  student: Float32Array;
  targets: PseudoLabelTargets;
}

/**
 * Draws the next unlabeled batch, labels its weak view in eval mode (dropout off, running
 * statistics) with the teacher, and tallies the pseudo-labels against the hidden true labels. The
 * target is the teacher's best current guess, not one perturbed by a dropout mask; no gradient
 * flows through it. Returns null while α is 0 (the term would change nothing but the time).
 */
export function pseudoLabelBatch(state: RunState, pool: Dataset, alpha: number, tally: EpochTally): PseudoLabeledBatch | null {
  const u = state.config.unlabeled!;
  const { network, streams } = state;
  const n = u.batchSize;
  const raw = gatherBatch(pool, state.unlabeledStream!.next(n), 0, n);
  const weak = u.weakAugment ? augmentBatch(raw.images, n, pool.height, pool.width, u.weakAugment, streams.weak, BACKGROUND) : raw.images;
  const teacher = u.teacher === 'ema' ? state.ema : null;
  const logProbs = withAveragedWeights(network, teacher, () => network.logProbs(weak));
  const targets = pseudoLabelTargets(probabilities(logProbs), n, network.classes, u.threshold);
  tally.pseudoLabels(targets, raw.labels);
  if (!(alpha > 0)) return null;
  const student = u.strongAugment ? augmentBatch(raw.images, n, pool.height, pool.width, u.strongAugment, streams.strong, BACKGROUND) : weak;
  return { student, targets };
}

/** exp on the backend, as the runs before this trainer took it (its float32 rounding decides τ ties). */
function probabilities(logProbs: Float32Array): Float32Array {
  return tf.tidy(() => tf.exp(tf.tensor1d(logProbs)).dataSync() as Float32Array);
}

/**
 * Adds the gradient of scale · Σ_i m_i · CE(student_i, ŷ_i) into `grads`, with scale = factor·α/nU.
 * Only accepted images (m_i = 1) are passed, so rejected ones cost nothing and draw no dropout
 * masks. Returns (1/nU) Σ_i m_i · CE_i, the term's loss before α.
 */
export function addUnlabeledGradients(network: Network, batch: PseudoLabeledBatch, grads: Float32Array[], factor: number, alpha: number, dropout: Rng): number {
  const { student, targets } = batch;
  const n = targets.labels.length;
  const pixels = student.length / n;
  const keep: number[] = [];
  for (let i = 0; i < n; i++) if (targets.mask[i] === 1) keep.push(i);
  if (keep.length === 0) return 0;
  const images = new Float32Array(keep.length * pixels);
  const labels = new Int32Array(keep.length);
  keep.forEach((i, j) => {
    images.set(student.subarray(i * pixels, (i + 1) * pixels), j * pixels);
    labels[j] = targets.labels[i];
  });
  const g = network.gradients({ images, targets: { kind: 'hard', labels }, scale: (factor * alpha) / n, rng: dropout, updateBuffers: false });
  addGradientArrays(grads, g.grads);
  return g.lossSum / n;
}
