import type { Rng } from '../util/rng';

/**
 * The seam between the layer engine (src/nn/) and the trainer (src/train/): everything the trainer
 * needs from a network, and nothing about how the network computes it. The starter CNN's
 * hand-written step and any sequential CNN built from a spec both implement it, so one trainer
 * trains either.
 *
 * Images are normalized [n, 28, 28, 1] rows in a Float32Array (n·784 values). Parameters live on
 * the host as Float32Arrays that the optimizer updates in place; `parametersChanged()` tells the
 * network to refresh whatever device copies it keeps.
 */

/** What a labeled or pseudo-labeled batch is fitted to. */
export type Targets =
  /** One class per image. */
  | { kind: 'hard'; labels: Int32Array }
  /** One probability row of `classes` values per image (distillation, label smoothing done by the caller). */
  | { kind: 'soft'; probs: Float32Array };

export interface GradientRequest {
  images: Float32Array;
  targets: Targets;
  /** Per-image weight on the loss (e.g. FixMatch's mask · α); null or absent means 1 for every image. */
  weights?: Float32Array | null;
  /** The gradient is that of `scale · Σ_i weight_i · CE_i`; usually 1/n. */
  scale: number;
  /** The stream dropout masks are drawn from, in a fixed order for a given batch size. */
  rng: Rng;
  /**
   * Whether train-mode batch statistics update the running statistics (buffers). True for the
   * labeled batch; a second pass on another batch in the same step may set it false.
   */
  updateBuffers?: boolean;
}

export interface GradientResult {
  /** One array per parameter, in `parameters` order: d(scale · Σ weight · CE)/dθ. */
  grads: Float32Array[];
  /** Σ_i CE_i over the batch, unweighted and unscaled (for the epoch's train loss). */
  lossSum: number;
  /** Images whose arg-max class equals the hard label (for soft targets: the target row's arg-max). */
  correct: number;
  /**
   * Per image, in batch order: CE_i (unweighted, unscaled) and 1 where it counted as correct. Absent
   * only from the hand-written starter step, which takes no per-image weights either.
   */
  rowLoss?: Float32Array;
  rowCorrect?: Uint8Array;
}

export interface ParameterInfo {
  name: string;
  shape: readonly number[];
  /** Weight decay applies to this parameter (conv and linear weights; not biases, not batch-norm scales). */
  decay: boolean;
}

export interface Network {
  readonly classes: number;
  readonly info: readonly ParameterInfo[];
  /** Host values, `info` order; the optimizer updates them in place. */
  readonly parameters: Float32Array[];
  /** Non-trained state (batch-norm running means and variances), updated by train-mode passes. */
  readonly buffers: Float32Array[];
  /** Train mode: dropout on, batch statistics; may update `buffers`. */
  gradients(request: GradientRequest): GradientResult;
  /** Eval mode (no dropout, running statistics): log-probabilities, n × classes, row-major. */
  logProbs(images: Float32Array): Float32Array;
  /** Call after changing `parameters` or `buffers` in place. */
  parametersChanged(): void;
  dispose(): void;
}
