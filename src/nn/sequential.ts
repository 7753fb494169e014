/**
 * One thread's engine for a spec: the layers, their device copies of the parameters, and the train
 * pass (forward, loss, backward) and eval pass over one shard of images. Parameters and buffers are
 * host arrays owned by the caller (shared memory when worker threads use them too).
 */
import * as tf from '@tensorflow/tfjs';
import { hostView } from '../backend/heap-tensor';
import type { BackwardContext, ForwardContext, Layer } from './layer';
import { sizeOf } from './layer';
import { type LossResult, logSoftmaxRows, softmaxCrossEntropy } from './loss';
import type { Targets } from './network';
import { planLayers } from './plan';
import type { ModelSpec } from './spec';
import { plural } from '../util/plural';

export interface ShardRequest {
  images: Float32Array;
  targets: Targets;
  weights: Float32Array | null;
  scale: number;
  /** One mask per layer (null where the layer draws none), for this shard's rows. */
  masks: (Float32Array | null)[];
}

export interface ShardResult {
  grads: Float32Array[];
  lossSum: number;
  correct: number;
  /** The loss's per-row CE and hits (src/nn/loss.ts), this shard's rows. */
  rowLoss: Float32Array;
  rowCorrect: Uint8Array;
  /** Batch-norm statistics in layer order: mean, unbiased variance, mean, ... */
  stats: Float32Array[];
}

export class Sequential {
  readonly layers: Layer[];
  readonly classes: number;
  /** Index of each layer's first parameter and buffer in the flat lists. */
  readonly paramStart: number[] = [];
  readonly bufferStart: number[] = [];
  private tensors: tf.Tensor[] | null = null;

  constructor(readonly spec: ModelSpec, readonly parameters: Float32Array[], readonly buffers: Float32Array[]) {
    ({ layers: this.layers, classes: this.classes } = planLayers(spec));
    let p = 0, b = 0;
    for (const l of this.layers) {
      this.paramStart.push(p);
      this.bufferStart.push(b);
      p += l.params.length;
      b += l.buffers.length;
    }
  }

  /** Drops the device copies; the next pass uploads the host values again. */
  parametersChanged(): void {
    if (this.tensors !== null) tf.dispose(this.tensors);
    this.tensors = null;
  }

  private deviceParams(): tf.Tensor[] {
    if (this.tensors === null) {
      const shapes = this.layers.flatMap((l) => l.params.map((d) => [...d.shape]));
      this.tensors = tf.tidy(() => this.parameters.map((v, i) => tf.keep(tf.tensor(v, shapes[i]))));
    }
    return this.tensors;
  }

  private context(i: number, train: boolean, mask: Float32Array | null, stats: Float32Array[]): ForwardContext {
    const l = this.layers[i], p = this.paramStart[i], b = this.bufferStart[i];
    const params = this.deviceParams().slice(p, p + l.params.length);
    return { train, params, host: this.parameters.slice(p, p + l.params.length), buffers: this.buffers.slice(b, b + l.buffers.length), mask, stats };
  }

  private input(images: Float32Array): tf.Tensor {
    const n = images.length / sizeOf(this.spec.input);
    if (!Number.isInteger(n)) throw new Error(`${this.spec.name}: expected whole images of [${this.spec.input.join(', ')}], found ${plural(images.length, 'value')}`);
    return tf.tensor(images, [n, ...this.spec.input]);
  }

  /** Train mode: the shard's gradients of scale · Σ w_i · CE_i, its loss sum and its statistics. */
  train(req: ShardRequest): ShardResult {
    const stats: Float32Array[] = [];
    const grads = this.parameters.map((p) => new Float32Array(p.length));
    let loss: LossResult | null = null;
    // The tidy returns nothing: tfjs walks a returned object, typed arrays element by element.
    tf.tidy(() => {
      let h = this.input(req.images);
      this.layers.forEach((l, i) => { h = l.forward(h, this.context(i, true, req.masks[i], stats)); });
      const lr = softmaxCrossEntropy(hostView(h).slice(), this.classes, req.targets, { scale: req.scale, weights: req.weights, labelSmoothing: this.spec.labelSmoothing });
      let g: tf.Tensor | null = tf.tensor(lr.dLogits, h.shape);
      for (let i = this.layers.length - 1; i >= 0 && g !== null; i--) {
        const l = this.layers[i], p = this.paramStart[i], k = l.params.length;
        const ctx: BackwardContext = { needInputGrad: i > 0, params: this.deviceParams().slice(p, p + k), host: this.parameters.slice(p, p + k), grads: grads.slice(p, p + k) };
        g = l.backward(g, ctx);
      }
      loss = lr;
    });
    const { lossSum, correct, rowLoss, rowCorrect } = loss as unknown as LossResult;
    return { grads, lossSum, correct, rowLoss, rowCorrect, stats };
  }

  /** Eval mode: log-probabilities, n × classes, computed `batchSize` images at a time. */
  logProbs(images: Float32Array, batchSize = 1000): Float32Array {
    const per = sizeOf(this.spec.input);
    const n = images.length / per;
    const out = new Float32Array(n * this.classes);
    for (let s = 0; s < n; s += batchSize) {
      const e = Math.min(n, s + batchSize);
      tf.tidy(() => {
        let h = this.input(images.subarray(s * per, e * per));
        this.layers.forEach((l, i) => { h = l.forward(h, this.context(i, false, null, [])); });
        out.set(logSoftmaxRows(hostView(h), this.classes), s * this.classes);
      });
    }
    return out;
  }

  dispose(): void {
    this.parametersChanged();
  }
}
