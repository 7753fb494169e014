/**
 * Cheap element-wise passes shared by several layers, written once over host values: on wasm they
 * read and write the heap in place (src/backend/heap-tensor.ts), elsewhere they work on copies.
 */
import * as tf from '@tensorflow/tfjs';
import { filledTensor, hostView } from '../backend/heap-tensor';
import { plural } from '../util/plural';

/**
 * dz = dy · [y > 0] (the backward of a ReLU fused into the layer that produced y); when `biasGrad`
 * is given, also adds Σ dz per channel (the last axis has `channels` values) into it.
 */
export function reluBackward(dy: tf.Tensor, y: tf.Tensor, channels: number, biasGrad: Float64Array | null): tf.Tensor {
  return filledTensor([...dy.shape], (out) => {
    const g = hostView(dy), a = hostView(y);
    for (let i = 0, c = 0; i < out.length; i++, c = c + 1 === channels ? 0 : c + 1) {
      const v = a[i] > 0 ? g[i] : 0;
      out[i] = v;
      if (biasGrad !== null) biasGrad[c] += v;
    }
  });
}

/** Adds Σ over all rows of t (last axis `channels` wide) into `sums`. */
export function addChannelSums(t: tf.Tensor, channels: number, sums: Float64Array): void {
  const g = hostView(t);
  for (let i = 0, c = 0; i < g.length; i++, c = c + 1 === channels ? 0 : c + 1) sums[c] += g[i];
}

/** Copies a float64 accumulator into a float32 gradient array. */
export function store(target: Float32Array, source: Float64Array): void {
  if (target.length !== source.length) throw new Error(`nn: gradient of ${plural(target.length, 'value')} received ${source.length}`);
  for (let i = 0; i < source.length; i++) target[i] = source[i];
}

/** Copies a tensor's values into a gradient array of the same size. */
export function storeTensor(target: Float32Array, t: tf.Tensor): void {
  const v = hostView(t);
  if (v.length !== target.length) throw new Error(`nn: gradient of ${plural(target.length, 'value')} received a tensor of ${v.length}`);
  target.set(v);
}
