/**
 * A convolution's filter gradient computed as a forward Conv2D (XNNPACK), for filters with many
 * taps (kh·kw·ci > 64), where it beats im2col + matmul (src/backend/filter-grad-im2col.ts): the
 * im2col matrix grows with kh·kw·ci and wasm's BatchMatMul repacks it on every call.
 *
 * Read with ci as the batch, n as the contracted channel and dy as a filter, the correlation
 * dW[kh,kw,ci,co] = Σ_{n,oh,ow} x[n, oh·s + kh·d − top, ow·s + kw·d − left, ci] · dy[n,oh,ow,co] is
 *   x  [n,H,W,ci] --pad--> [n,H',W',ci] --transpose--> [ci,H',W',n]
 *   dy [n,oh,ow,co] --transpose--> [oh,ow,n,co]
 *   Conv2D(strides = d, dilations = s, 'valid') -> [ci,kh',kw',co] --slice--> [ci,kh,kw,co]
 *   --transpose--> [kh,kw,ci,co]
 * Stride and dilation swap roles, so the inner conv may have both > 1: the conv2d *op* refuses
 * that, the wasm Conv2D *kernel* does not, so we call the kernels directly (no engine, no tape).
 */
import type * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { Im2colGeometry } from './im2col';
import type { RunWasmKernel } from './run-wasm-kernel';

export function filterGradAsConv(
  backend: BackendWasm, run: RunWasmKernel, x: tf.TensorInfo, dy: tf.TensorInfo, g: Im2colGeometry, co: number,
): tf.TensorInfo {
  const { h, w, ci, kh, kw, oh, ow, sh, sw, dh, dw, top, left } = g;
  const temps: tf.TensorInfo[] = [];
  const keep = (t: tf.TensorInfo): tf.TensorInfo => (temps.push(t), t);
  try {
    // Pad enough that every dy position reads inside x'; 'ceil' rounding can ask for rows past
    // the stated padding, which the cpu reference treats as zeros, and so do we.
    const bottom = Math.max(0, (oh - 1) * sh + (kh - 1) * dh + 1 - h - top);
    const right = Math.max(0, (ow - 1) * sw + (kw - 1) * dw + 1 - w - left);
    let xp = x;
    if (top + bottom + left + right > 0) {
      xp = keep(run('PadV2', { x }, { paddings: [[0, 0], [top, bottom], [left, right], [0, 0]], constantValue: 0 }));
    }
    const xt = keep(run('Transpose', { x: xp }, { perm: [3, 1, 2, 0] }));
    const dyt = keep(run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] }));
    const conv = keep(run('Conv2D', { x: xt, filter: dyt }, {
      strides: [dh, dw], dilations: [sh, sw], pad: 'valid', dataFormat: 'NHWC',
    }));
    let sliced = conv;
    if (conv.shape[1] !== kh || conv.shape[2] !== kw) {
      sliced = keep(run('Slice', { x: conv }, { begin: [0, 0, 0, 0], size: [ci, kh, kw, co] }));
    }
    return run('Transpose', { x: sliced }, { perm: [1, 2, 0, 3] });
  } finally {
    for (const t of temps) backend.disposeData(t.dataId);
  }
}
