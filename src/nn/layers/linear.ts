/**
 * Fully connected layer y = x·W (+ b), W [in, out], with a ReLU the builder may fuse in (one fused
 * matmul forward; backward masks dy). Transposes are made explicit in backward: wasm's matmul has a
 * slow path for transposed operands.
 */
import * as tf from '@tensorflow/tfjs';
import { addChannelSums, reluBackward, store, storeTensor } from '../host-loops';
import type { BackwardContext, ForwardContext, Layer, ParamDecl } from '../layer';

export interface LinearOptions {
  units: number;
  bias: boolean;
  relu: boolean;
}

export class Linear implements Layer {
  readonly kind = 'linear';
  readonly outShape: readonly number[];
  readonly params: ParamDecl[];
  readonly buffers = [];
  readonly maskSize = 0;
  readonly statCount = 0;
  private x: tf.Tensor2D | null = null;
  private y: tf.Tensor2D | null = null;

  constructor(readonly inShape: readonly number[], readonly o: LinearOptions) {
    const fanIn = inShape[0];
    this.outShape = [o.units];
    this.params = [{ name: 'w', shape: [fanIn, o.units], decay: true, init: { kind: 'weight' } }];
    if (o.bias) this.params.push({ name: 'b', shape: [o.units], decay: false, init: { kind: 'bias', fanIn } });
  }

  forward(x: tf.Tensor, ctx: ForwardContext): tf.Tensor {
    const x2 = x as tf.Tensor2D;
    const y = tf.fused.matMul({
      a: x2, b: ctx.params[0] as tf.Tensor2D, bias: this.o.bias ? ctx.params[1] : undefined, activation: this.o.relu ? 'relu' : 'linear',
    });
    if (ctx.train) [this.x, this.y] = [x2, y as unknown as tf.Tensor2D];
    return y;
  }

  backward(dy: tf.Tensor, ctx: BackwardContext): tf.Tensor | null {
    const { x, y, o } = this;
    if (x === null || y === null) throw new Error('Linear.backward: no train-mode forward pass to differentiate');
    const biasGrad = o.bias ? new Float64Array(o.units) : null;
    let dz = dy as tf.Tensor2D;
    if (o.relu) dz = reluBackward(dy, y, o.units, biasGrad) as tf.Tensor2D;
    else if (biasGrad !== null) addChannelSums(dy, o.units, biasGrad);
    storeTensor(ctx.grads[0], tf.matMul(tf.transpose(x), dz));
    if (biasGrad !== null) store(ctx.grads[1], biasGrad);
    this.x = this.y = null;
    return ctx.needInputGrad ? tf.matMul(dz, tf.transpose(ctx.params[0] as tf.Tensor2D)) : null;
  }
}
