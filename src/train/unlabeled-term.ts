import * as tf from '@tensorflow/tfjs';
import { augmentBatch } from '../augment/pipeline';
import type { Dataset } from '../data/split';
import type { Network, Targets } from '../nn/network';
import { shardBounds } from '../parallel/shards';
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

/** The labeled batch of a step, as the trainer gathered and augmented it. */
export interface LabeledRows {
  images: Float32Array;
  targets: Targets;
}

/** One step's gradients with the labeled and unlabeled terms, and each term's own loss and hits. */
export interface JointGradients {
  grads: Float32Array[];
  /** Σ CE over the labeled rows, and how many of them were right (train mode). */
  lossSum: number;
  correct: number;
  /** (1/nU) Σ_i m_i · CE_i over the student views: the unlabeled term before α. */
  unlabeledLoss: number;
}

/**
 * The gradient of factor · ((1/nL) Σ CE(labeled) + α · (1/nU) Σ_i m_i · CE(student_i, ŷ_i)) in ONE
 * train-mode pass over the labeled rows and every student view, as FixMatch trains (and as the
 * PyTorch peer does): batch norm normalizes both with the same batch statistics, and those update
 * the running ones. Two passes, each with its own statistics, let the teacher collapse every few
 * epochs (pseudo-label accuracy from 98 % to 45–54 % on held-out runs); one pass did not.
 * Rejected views stay in the batch with weight 0: they shape the statistics as in the peer.
 */
export function jointGradients(network: Network, labeled: LabeledRows, batch: PseudoLabeledBatch, factor: number, alpha: number, dropout: Rng): JointGradients {
  const nL = labeled.images.length / (batch.student.length / batch.targets.labels.length);
  const joint = interleave(labeled, batch, network.classes, alpha);
  const g = network.gradients({ images: joint.images, targets: joint.targets, weights: joint.weights, scale: factor, rng: dropout, updateBuffers: true });
  const { rowLoss, rowCorrect } = g;
  if (!rowLoss || !rowCorrect) throw new Error('FixMatch step: this network reports no per-image losses, so its labeled and unlabeled terms cannot share one pass (use the layer engine)');
  let lossSum = 0, correct = 0, unlabeledSum = 0;
  joint.source.forEach((row, r) => {
    if (row < nL) {
      lossSum += rowLoss[r];
      correct += rowCorrect[r];
    } else {
      unlabeledSum += batch.targets.mask[row - nL] * rowLoss[r];
    }
  });
  return { grads: g.grads, lossSum, correct, unlabeledLoss: unlabeledSum / batch.targets.labels.length };
}

interface JointBatch {
  images: Float32Array;
  targets: Targets;
  weights: Float32Array;
  /** For each joint row: the labeled row it holds (0..nL−1), or nL + the unlabeled row. */
  source: Int32Array;
}

/**
 * Labeled and unlabeled rows in shard order: each of the network's fixed gradient shards (ghost
 * batches, src/parallel/shards.ts) gets its share of both, so no shard normalizes one kind alone.
 * Weights: 1/nL on labeled rows, α · m_i / nU on unlabeled ones. Hard pseudo-labels become one-hot
 * rows when the labeled targets are soft.
 */
function interleave(labeled: LabeledRows, batch: PseudoLabeledBatch, classes: number, alpha: number): JointBatch {
  const nU = batch.targets.labels.length;
  const pixels = batch.student.length / nU;
  const nL = labeled.images.length / pixels;
  const lb = shardBounds(nL), ub = shardBounds(nU, lb.length - 1);
  const source = new Int32Array(nL + nU);
  let r = 0;
  for (let p = 0; p + 1 < lb.length; p++) {
    for (let i = lb[p]; i < lb[p + 1]; i++) source[r++] = i;
    for (let i = ub[p]; i < ub[p + 1]; i++) source[r++] = nL + i;
  }
  for (let i = ub[lb.length - 1]; i < nU; i++) source[r++] = nL + i;
  const images = new Float32Array(source.length * pixels);
  const weights = new Float32Array(source.length);
  source.forEach((row, j) => {
    const [from, at] = row < nL ? [labeled.images, row] : [batch.student, row - nL];
    images.set(from.subarray(at * pixels, (at + 1) * pixels), j * pixels);
    weights[j] = row < nL ? 1 / nL : (alpha * batch.targets.mask[at]) / nU;
  });
  return { images, targets: jointTargets(labeled.targets, batch.targets.labels, source, nL, classes), weights, source };
}

/** The joint rows' targets: hard labels if the labeled rows are hard, else probability rows for all. */
function jointTargets(labeled: Targets, pseudo: Int32Array, source: Int32Array, nL: number, classes: number): Targets {
  if (labeled.kind === 'hard') {
    return { kind: 'hard', labels: Int32Array.from(source, (row) => (row < nL ? labeled.labels[row] : pseudo[row - nL])) };
  }
  const probs = new Float32Array(source.length * classes);
  source.forEach((row, j) => {
    if (row < nL) probs.set(labeled.probs.subarray(row * classes, (row + 1) * classes), j * classes);
    else probs[j * classes + pseudo[row - nL]] = 1;
  });
  return { kind: 'soft', probs };
}
