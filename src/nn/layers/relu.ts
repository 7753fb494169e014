/** A ReLU on its own (the builder fuses it into a preceding conv, linear or batch norm where it can). */
import * as tf from '@tensorflow/tfjs';
import { reluBackward } from '../host-loops';
import type { BackwardContext, ForwardContext, Layer } from '../layer';
import { StatelessLayer } from '../layer';

export class Relu extends StatelessLayer implements Layer {
  readonly kind = 'relu';
  readonly outShape: readonly number[];
  private y: tf.Tensor | null = null;

  constructor(readonly inShape: readonly number[]) {
    super();
    this.outShape = inShape;
  }

  forward(x: tf.Tensor, ctx: ForwardContext): tf.Tensor {
    const y = tf.relu(x);
    if (ctx.train) this.y = y;
    return y;
  }

  backward(dy: tf.Tensor, ctx: BackwardContext): tf.Tensor | null {
    const y = this.y;
    if (y === null) throw new Error('Relu.backward: no train-mode forward pass to differentiate');
    this.y = null;
    return ctx.needInputGrad ? reluBackward(dy, y, this.inShape[this.inShape.length - 1], null) : null;
  }
}
