/**
 * 2×2 max-pooling with stride 2 ('valid': an odd last row/column is dropped), NHWC. Forward records
 * the flat index of each window's first maximum; backward sends each gradient there. On wasm both
 * run as our SIMD kernels on the heap (max-pool-wasm.ts), elsewhere as JavaScript loops.
 */
import * as tf from '@tensorflow/tfjs';
import { filledTensor, hostView } from '../../backend/heap-tensor';
import { simdKernels } from '../../backend/simd/module';
import { maxPool2x2Argmax, scatterToArgmax } from '../pool-argmax';
import type { BackwardContext, ForwardContext, Layer } from '../layer';
import { StatelessLayer } from '../layer';
import { maxPoolArgmaxWasm, maxPoolBackwardWasm } from './max-pool-wasm';

export class MaxPool extends StatelessLayer implements Layer {
  readonly kind = 'maxpool';
  readonly outShape: readonly number[];
  /** Arg-max indices: a heap tensor from the wasm kernel, else a host array. */
  private arg: Int32Array | tf.Tensor | null = null;
  private inputShape: number[] = [];
  private y: tf.Tensor | null = null;
  /**
   * Set by the builder when the layer before is a first conv that computes its filter gradient
   * from the pooled gradient (see conv2d.ts): backward then hands dy back unscattered.
   */
  handsBack = false;

  constructor(readonly inShape: readonly number[]) {
    const [h, w, c] = inShape;
    super();
    this.outShape = [h >> 1, w >> 1, c];
  }

  forward(x: tf.Tensor, ctx: ForwardContext): tf.Tensor {
    // Eval mode needs no arg-max: XNNPACK's pooling is faster than the JS loop.
    if (!ctx.train) return tf.maxPool(x as tf.Tensor4D, 2, 2, 'valid');
    const simd = simdKernels();
    this.inputShape = [...x.shape];
    if (simd !== null) {
      const { pooled, arg } = maxPoolArgmaxWasm(simd, x);
      [this.arg, this.y] = [arg, pooled];
      return pooled;
    }
    const [n, h, w, c] = x.shape;
    const [oh, ow] = this.outShape;
    const arg = new Int32Array(n * oh * ow * c);
    const y = filledTensor([n, oh, ow, c], (out) => maxPool2x2Argmax(hostView(x), out, arg, n, h, w, c, null));
    [this.arg, this.y] = [arg, y];
    return y;
  }

  /** The last train-mode pass's pooled values and arg-max indices; clears them. */
  takePooled(): { pooled: tf.Tensor; arg: Int32Array } {
    const { y, arg } = this;
    if (y === null || arg === null) throw new Error('MaxPool.takePooled: no train-mode forward pass');
    this.arg = this.y = null;
    return { pooled: y, arg: arg instanceof Int32Array ? arg : (arg.dataSync() as Int32Array) };
  }

  backward(dy: tf.Tensor, ctx: BackwardContext): tf.Tensor | null {
    const arg = this.arg;
    if (arg === null) throw new Error('MaxPool.backward: no train-mode forward pass to differentiate');
    if (this.handsBack) return dy;
    this.arg = this.y = null;
    if (!ctx.needInputGrad) return null;
    const simd = simdKernels();
    if (simd !== null && !(arg instanceof Int32Array)) return maxPoolBackwardWasm(simd, dy, arg, this.inputShape);
    const host = arg instanceof Int32Array ? arg : (arg.dataSync() as Int32Array);
    return filledTensor(this.inputShape, (out) => scatterToArgmax(hostView(dy), host, out));
  }
}
