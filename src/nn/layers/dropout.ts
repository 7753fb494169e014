/**
 * Inverted dropout: each unit (Dropout) or each whole channel of an image (Dropout2d, PyTorch's
 * channel dropout) is multiplied by 0 or 1/(1 − rate). The masks are drawn by the network for the
 * whole batch before it is split into shards (so they do not depend on the thread count), and
 * arrive in ForwardContext.mask: `maskSize` values per example. Eval mode passes x through.
 */
import type * as tf from '@tensorflow/tfjs';
import { filledTensor, hostView } from '../../backend/heap-tensor';
import { simdKernels } from '../../backend/simd/module';
import { dropoutApplyWasm } from '../masks-wasm';
import type { BackwardContext, ForwardContext, Layer } from '../layer';
import { sizeOf } from '../layer';
import { plural } from '../../util/plural';

export class Dropout implements Layer {
  readonly kind: 'dropout' | 'dropout2d';
  readonly outShape: readonly number[];
  readonly params = [];
  readonly buffers = [];
  readonly maskSize: number;
  readonly statCount = 0;
  /** Consecutive values that share one mask value: 1, or the channel count's spatial repeat. */
  private readonly c: number;
  private mask: Float32Array | null = null;

  constructor(readonly inShape: readonly number[], readonly rate: number, channelwise: boolean) {
    this.kind = channelwise ? 'dropout2d' : 'dropout';
    this.outShape = inShape;
    this.c = inShape[inShape.length - 1];
    this.maskSize = channelwise ? this.c : sizeOf(inShape);
  }

  forward(x: tf.Tensor, ctx: ForwardContext): tf.Tensor {
    if (!ctx.train || !(this.rate > 0)) return x;
    const mask = ctx.mask;
    if (mask === null || mask.length !== x.shape[0] * this.maskSize) {
      throw new Error(`${this.kind}: expected a mask of ${plural(x.shape[0] * this.maskSize, 'value')}, found ${mask?.length ?? 'none'}`);
    }
    this.mask = mask;
    return this.apply(x, mask);
  }

  backward(dy: tf.Tensor, ctx: BackwardContext): tf.Tensor | null {
    const mask = this.mask;
    this.mask = null;
    if (!ctx.needInputGrad) return null;
    return mask === null ? dy : this.apply(dy, mask);
  }

  /** v · mask, the mask broadcast over the spatial positions for channel dropout. */
  private apply(t: tf.Tensor, mask: Float32Array): tf.Tensor {
    const perExample = sizeOf(this.inShape);
    const channelwise = this.kind === 'dropout2d';
    const simd = simdKernels();
    if (simd !== null) return dropoutApplyWasm(simd, t, mask, channelwise ? perExample : 0, this.c);
    return filledTensor([...t.shape], (out) => applyMask(hostView(t), mask, channelwise ? perExample : 0, this.c, out));
  }
}

/**
 * out = v·mask: one mask value per element (perImage = 0), or c per image of perImage values, each
 * shared by every position of its channel.
 */
export function applyMask(v: Float32Array, mask: Float32Array, perImage: number, c: number, out: Float32Array): void {
  if (perImage === 0) {
    for (let i = 0; i < v.length; i++) out[i] = v[i] * mask[i];
    return;
  }
  for (let i = 0; i < v.length; i++) out[i] = v[i] * mask[Math.floor(i / perImage) * c + (i % c)];
}
