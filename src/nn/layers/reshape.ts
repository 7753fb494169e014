/** Flatten ([n, h, w, c] → [n, h·w·c], NHWC order) and global average pooling ([n, h, w, c] → [n, c]). */
import * as tf from '@tensorflow/tfjs';
import { filledTensor, hostView } from '../../backend/heap-tensor';
import type { BackwardContext, ForwardContext, Layer } from '../layer';
import { StatelessLayer } from '../layer';
import { sizeOf } from '../layer';

export class Flatten extends StatelessLayer implements Layer {
  readonly kind = 'flatten';
  readonly outShape: readonly number[];

  constructor(readonly inShape: readonly number[]) {
    super();
    this.outShape = [sizeOf(inShape)];
  }

  forward(x: tf.Tensor, _ctx: ForwardContext): tf.Tensor {
    return tf.reshape(x, [x.shape[0], this.outShape[0]]);
  }

  backward(dy: tf.Tensor, ctx: BackwardContext): tf.Tensor | null {
    return ctx.needInputGrad ? tf.reshape(dy, [dy.shape[0], ...this.inShape]) : null;
  }
}

export class GlobalAvgPool extends StatelessLayer implements Layer {
  readonly kind = 'gap';
  readonly outShape: readonly number[];

  constructor(readonly inShape: readonly number[]) {
    super();
    this.outShape = [inShape[2]];
  }

  forward(x: tf.Tensor, _ctx: ForwardContext): tf.Tensor {
    const [n, h, w, c] = x.shape;
    const hw = h * w;
    return filledTensor([n, c], (out) => {
      const v = hostView(x);
      for (let b = 0; b < n; b++) {
        for (let d = 0; d < c; d++) {
          let s = 0;
          for (let p = 0; p < hw; p++) s += v[(b * hw + p) * c + d];
          out[b * c + d] = s / hw;
        }
      }
    });
  }

  backward(dy: tf.Tensor, ctx: BackwardContext): tf.Tensor | null {
    if (!ctx.needInputGrad) return null;
    const [h, w, c] = this.inShape;
    const hw = h * w;
    return filledTensor([dy.shape[0], h, w, c], (out) => {
      const g = hostView(dy);
      for (let i = 0; i < out.length; i++) out[i] = g[Math.floor(i / (hw * c)) * c + (i % c)] / hw;
    });
  }
}
