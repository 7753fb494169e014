/**
 * 2×2 max-pooling with stride 2 ('valid': an odd last row/column is dropped), NHWC. Forward records
 * the flat index of each window's first maximum; backward sends each gradient there.
 */
import * as tf from '@tensorflow/tfjs';
import { filledTensor, hostView } from '../../backend/heap-tensor';
import type { BackwardContext, ForwardContext, Layer } from '../layer';

export class MaxPool implements Layer {
  readonly kind = 'maxpool';
  readonly outShape: readonly number[];
  readonly params = [];
  readonly buffers = [];
  readonly maskSize = 0;
  readonly statCount = 0;
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
    this.outShape = [h >> 1, w >> 1, c];
  }

  forward(x: tf.Tensor, ctx: ForwardContext): tf.Tensor {
    // Eval mode needs no arg-max: XNNPACK's pooling is faster than the JS loop.
    if (!ctx.train) return tf.maxPool(x as tf.Tensor4D, 2, 2, 'valid');
    const [n, h, w, c] = x.shape;
    const [oh, ow] = this.outShape;
    const arg = new Int32Array(n * oh * ow * c);
    const y = filledTensor([n, oh, ow, c], (out) => {
      const a = hostView(x);
      const row = w * c;
      let o = 0;
      for (let b = 0; b < n; b++) for (let i = 0; i < oh; i++) for (let j = 0; j < ow; j++) {
        const p = ((b * h + 2 * i) * w + 2 * j) * c;
        for (let d = 0; d < c; d++, o++) {
          const i0 = p + d, i1 = i0 + c, i2 = i0 + row, i3 = i2 + c;
          let best = i0, m = a[i0];
          if (a[i1] > m) { m = a[i1]; best = i1; }
          if (a[i2] > m) { m = a[i2]; best = i2; }
          if (a[i3] > m) { m = a[i3]; best = i3; }
          out[o] = m;
          arg[o] = best;
        }
      }
    });
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
