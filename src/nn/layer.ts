/**
 * What every layer of the engine implements: a forward pass that caches what its backward pass
 * needs, and the backward pass beside it (cs231n / llm.c style). Activations are tfjs tensors of
 * shape [n, ...example shape]; heavy work runs on the backend's kernels, cheap glue as one JS pass
 * over the values (a heap view on wasm, a copy elsewhere; see src/backend/heap-tensor.ts).
 *
 * A layer instance belongs to one network on one thread and is used strictly as
 * forward(batch) → backward(gradient), so it keeps its caches in fields.
 */
import type * as tf from '@tensorflow/tfjs';

/** A trained parameter a layer declares; the network allocates and initializes it. */
export interface ParamDecl {
  name: string;
  shape: readonly number[];
  /** Weight decay applies (conv and linear weights). */
  decay: boolean;
  /** How to initialize it: fan-based weight or bias (src/init), or a constant. */
  init: { kind: 'weight' } | { kind: 'bias'; fanIn: number } | { kind: 'const'; value: number };
}

/** A non-trained state array (batch-norm running statistics). */
export interface BufferDecl {
  name: string;
  size: number;
  value: number;
}

export interface ForwardContext {
  train: boolean;
  /** This layer's parameters as tensors (declaration order) and as host arrays. */
  params: readonly tf.Tensor[];
  host: readonly Float32Array[];
  /** This layer's buffers (running statistics), read in eval mode. */
  buffers: readonly Float32Array[];
  /** This layer's dropout mask for the batch (maskSize values per example), train mode only. */
  mask: Float32Array | null;
  /** Where a batch-norm layer leaves its batch statistics (mean, unbiased variance) in train mode. */
  stats: Float32Array[];
}

export interface BackwardContext {
  /** False for the first layer: its input gradient is never used. */
  needInputGrad: boolean;
  /** This layer's parameters (declaration order). */
  params: readonly tf.Tensor[];
  host: readonly Float32Array[];
  /** One array per parameter to receive d(loss)/d(param). */
  grads: Float32Array[];
}

export interface Layer {
  readonly kind: string;
  /** Shape of one example in and out, e.g. [28, 28, 1] or [320]. */
  readonly inShape: readonly number[];
  readonly outShape: readonly number[];
  readonly params: readonly ParamDecl[];
  readonly buffers: readonly BufferDecl[];
  /** Dropout values drawn per example (0 for every other layer). */
  readonly maskSize: number;
  /** Batch-norm statistics arrays this layer adds to ForwardContext.stats in train mode (0 or 2). */
  readonly statCount: number;
  forward(x: tf.Tensor, ctx: ForwardContext): tf.Tensor;
  /** Gradient with respect to the input (null when not needed); fills ctx.grads. */
  backward(dy: tf.Tensor, ctx: BackwardContext): tf.Tensor | null;
}

export const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** The fields of a layer without parameters, buffers, masks or statistics. */
export abstract class StatelessLayer {
  readonly params: readonly ParamDecl[] = [];
  readonly buffers: readonly BufferDecl[] = [];
  readonly maskSize: number = 0;
  readonly statCount = 0;
}
