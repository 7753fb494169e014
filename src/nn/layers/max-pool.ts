/**
 * 2×2 max-pooling with stride 2 ('valid': an odd last row/column is dropped), NHWC. Forward records
 * the flat index of each window's first maximum; backward sends each gradient there.
 */
import * as tf from '@tensorflow/tfjs';
import { filledTensor, hostView } from '../../backend/heap-tensor';
import { maxPool2x2Argmax } from '../pool-argmax';
import type { BackwardContext, ForwardContext, Layer } from '../layer';
import { StatelessLayer } from '../layer';

export class MaxPool extends StatelessLayer implements Layer {
  readonly kind = 'maxpool';
  readonly outShape: readonly number[];
  private arg: Int32Array | null = null;
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
    const [n, h, w, c] = x.shape;
    const [oh, ow] = this.outShape;
    const arg = new Int32Array(n * oh * ow * c);
    const y = filledTensor([n, oh, ow, c], (out) => maxPool2x2Argmax(hostView(x), out, arg, n, h, w, c, null));
    [this.arg, this.inputShape, this.y] = [arg, [...x.shape], y];
    return y;
  }

  /** The last train-mode pass's pooled values and arg-max indices; clears them. */
  takePooled(): { pooled: tf.Tensor; arg: Int32Array } {
    const { y, arg } = this;
    if (y === null || arg === null) throw new Error('MaxPool.takePooled: no train-mode forward pass');
    this.arg = this.y = null;
    return { pooled: y, arg };
  }

  backward(dy: tf.Tensor, ctx: BackwardContext): tf.Tensor | null {
    const arg = this.arg;
    if (arg === null) throw new Error('MaxPool.backward: no train-mode forward pass to differentiate');
    if (this.handsBack) return dy;
    this.arg = this.y = null;
    if (!ctx.needInputGrad) return null;
    return filledTensor(this.inputShape, (out) => {
      out.fill(0);
      const g = hostView(dy);
      for (let o = 0; o < g.length; o++) out[arg[o]] = g[o];
    });
  }
}
