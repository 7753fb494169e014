/**
 * 2-D convolution, NHWC, filter [k, k, ci, co]; 'valid' or 'same' padding (tfjs's rule: for stride
 * 2 the extra row/column of padding goes at the bottom/right), stride 1 or 2, optional bias, and a
 * ReLU the builder may fuse in (then forward runs one fused XNNPACK call, and backward masks dy).
 */
import * as tf from '@tensorflow/tfjs';
import { hostView } from '../../backend/heap-tensor';
import { convInputGradient, filterTransposed } from '../../models/conv-input-gradient';
import { pooledConvFilterGradient } from '../../models/pooled-conv-filter-gradient';
import type { MaxPool } from './max-pool';
import { addChannelSums, reluBackward, store, storeTensor } from '../host-loops';
import type { BackwardContext, ForwardContext, Layer, ParamDecl } from '../layer';

export interface Conv2dOptions {
  filters: number;
  kernel: number;
  stride: 1 | 2;
  padding: 'valid' | 'same';
  bias: boolean;
  relu: boolean;
}

export function convOutSize(size: number, kernel: number, stride: number, padding: 'valid' | 'same'): number {
  return padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - kernel) / stride) + 1;
}

export class Conv2d implements Layer {
  readonly kind = 'conv2d';
  readonly outShape: readonly number[];
  readonly params: ParamDecl[];
  readonly buffers = [];
  readonly maskSize = 0;
  readonly statCount = 0;
  private x: tf.Tensor4D | null = null;
  private y: tf.Tensor4D | null = null;
  /**
   * The max-pool after this layer when the builder found the pooled filter-gradient trick applies
   * (first layer, one input channel, valid stride-1, ReLU fused): backward then receives the pooled
   * gradient and computes dW from the ≤ 1/4 of positions that carry one (src/models/pooled-conv-filter-gradient.ts).
   */
  pool: MaxPool | null = null;

  constructor(readonly inShape: readonly number[], readonly o: Conv2dOptions) {
    const [h, w, ci] = inShape;
    const { filters: co, kernel: k } = o;
    this.outShape = [convOutSize(h, k, o.stride, o.padding), convOutSize(w, k, o.stride, o.padding), co];
    this.params = [{ name: 'w', shape: [k, k, ci, co], decay: true, init: { kind: 'weight' } }];
    if (o.bias) this.params.push({ name: 'b', shape: [co], decay: false, init: { kind: 'bias', fanIn: k * k * ci } });
  }

  forward(x: tf.Tensor, ctx: ForwardContext): tf.Tensor {
    const x4 = x as tf.Tensor4D;
    const y = tf.fused.conv2d({
      x: x4, filter: ctx.params[0] as tf.Tensor4D, strides: this.o.stride, pad: this.o.padding,
      bias: this.o.bias ? ctx.params[1] : undefined, activation: this.o.relu ? 'relu' : 'linear',
    });
    if (ctx.train) [this.x, this.y] = [x4, y];
    return y;
  }

  backward(dy: tf.Tensor, ctx: BackwardContext): tf.Tensor | null {
    const { x, y, o } = this;
    if (x === null || y === null) throw new Error('Conv2d.backward: no train-mode forward pass to differentiate');
    const co = o.filters;
    if (this.pool !== null) return this.pooledBackward(x, dy, ctx);
    const biasGrad = o.bias ? new Float64Array(co) : null;
    let dz = dy;
    if (o.relu) dz = reluBackward(dy, y, co, biasGrad);
    else if (biasGrad !== null) addChannelSums(dy, co, biasGrad);
    const attrs = { strides: o.stride, pad: o.padding, dataFormat: 'NHWC' };
    const dW = tf.engine().runKernel('Conv2DBackpropFilter', { x, dy: dz }, { ...attrs, filterShape: ctx.params[0].shape } as unknown as tf.NamedAttrMap) as tf.Tensor;
    storeTensor(ctx.grads[0], dW);
    if (biasGrad !== null) store(ctx.grads[1], biasGrad);
    this.x = this.y = null;
    if (!ctx.needInputGrad) return null;
    const [n, h, w, ci] = x.shape;
    if (o.padding === 'valid' && o.stride === 1) {
      // One matmul and a col2im scatter: fewer flops than the padded convolution (see the file).
      const [, oh, ow] = y.shape;
      const dx = convInputGradient(tf.reshape(dz, [n * oh * ow, co]), filterTransposed(ctx.params[0]), { n, h, w, ci, k: o.kernel });
      return tf.reshape(dx, [n, h, w, ci]);
    }
    return tf.engine().runKernel('Conv2DBackpropInput', { dy: dz, filter: ctx.params[0] }, { ...attrs, inputShape: [n, h, w, ci] } as unknown as tf.NamedAttrMap) as tf.Tensor;
  }

  private pooledBackward(x: tf.Tensor4D, pooledGrad: tf.Tensor, ctx: BackwardContext): null {
    const { pooled, arg } = this.pool!.takePooled();
    const [n, h, w] = x.shape;
    const biasGrad = new Float64Array(this.o.filters);
    const dW = pooledConvFilterGradient(hostView(x), { n, h, w, k: this.o.kernel, co: this.o.filters }, hostView(pooledGrad), hostView(pooled), arg, biasGrad);
    ctx.grads[0].set(dW);
    if (this.o.bias) store(ctx.grads[1], biasGrad);
    this.x = this.y = null;
    return null;
  }
}
