/**
 * Conv2DBackpropFilter for the wasm backend, which ships without it.
 *
 * Without this kernel, training any conv layer on wasm fails ("Kernel 'Conv2DBackpropFilter' not
 * registered for backend 'wasm'"), and the cpu backend's plain-JS loop takes seconds per batch.
 *
 * The filter gradient is a correlation of the input with the output gradient:
 *   dW[kh,kw,ci,co] = sum_{n,oh,ow} x[n, oh*s + kh*d - padTop, ow*s + kw*d - padLeft, ci] * dy[n,oh,ow,co]
 * Read with ci as the batch, n as the contracted channel and dy as a filter, that is itself a
 * forward convolution, which wasm runs through XNNPACK:
 *   x  [n,H,W,ci] --pad--> [n,H',W',ci] --transpose--> [ci,H',W',n]
 *   dy [n,oh,ow,co] --transpose--> [oh,ow,n,co]
 *   Conv2D(strides = d, dilations = s, 'valid') -> [ci,kh',kw',co] --slice--> [ci,kh,kw,co]
 *   --transpose--> [kh,kw,ci,co]
 * Stride and dilation swap roles, so the inner conv may have both > 1: the conv2d *op* refuses
 * that, the wasm Conv2D *kernel* does not, so we call the kernels directly (no engine, no tape).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { wasmKernelRunner } from './run-wasm-kernel';

const KERNEL = 'Conv2DBackpropFilter';
const BACKEND = 'wasm';

/** The kernel's attributes; `dilations` is our extension (tfjs's conv2d gradient never sets it). */
export interface Conv2DBackpropFilterWasmAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat?: string;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
  dilations?: [number, number] | number;
}

function pair(v: [number, number] | number | undefined, name: string, fallback: number): [number, number] {
  const p: [number, number] = v === undefined ? [fallback, fallback] : typeof v === 'number' ? [v, v] : [v[0], v[1]];
  if (!p.every((k) => Number.isInteger(k) && k >= 1)) {
    throw new Error(`${KERNEL} (wasm): attribute ${name} must be a positive integer or a pair of them, found ${JSON.stringify(v)}`);
  }
  return p;
}

export function conv2DBackpropFilterWasm(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: tf.KernelBackend;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const backend = args.backend as unknown as BackendWasm;
  const x = args.inputs.x as tf.TensorInfo | undefined;
  const dy = args.inputs.dy as tf.TensorInfo | undefined;
  if (x === undefined || dy === undefined) throw new Error(`${KERNEL} (wasm): inputs x and dy are required`);
  const attrs = (args.attrs ?? {}) as unknown as Conv2DBackpropFilterWasmAttrs;
  const { pad, dimRoundingMode, filterShape } = attrs;

  // tfjs spells channels-last two ways: 'NHWC' on kernels, 'channelsLast' inside convInfo.
  const dataFormat = attrs.dataFormat ?? 'NHWC';
  if (dataFormat !== 'NHWC' && dataFormat !== 'channelsLast') {
    throw new Error(`${KERNEL} (wasm): attribute dataFormat must be 'NHWC' (or 'channelsLast'), found ${JSON.stringify(dataFormat)}`);
  }
  for (const [name, t] of [['x', x], ['dy', dy]] as const) {
    if (t.shape.length !== 4) throw new Error(`${KERNEL} (wasm): input ${name} must be rank 4 (NHWC), found shape [${t.shape}]`);
    if (t.dtype !== 'float32') throw new Error(`${KERNEL} (wasm): input ${name} must be float32, found ${t.dtype}`);
  }
  if (!Array.isArray(filterShape) || filterShape.length !== 4) {
    throw new Error(`${KERNEL} (wasm): attribute filterShape must be [kh, kw, ci, co], found ${JSON.stringify(filterShape)}`);
  }
  const strides = pair(attrs.strides, 'strides', 1);
  const dilations = pair(attrs.dilations, 'dilations', 1);

  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number], filterShape, strides, dilations, pad, dimRoundingMode, false, 'channelsLast');
  const [n, inH, inW, ci] = x.shape;
  const [kh, kw, , co] = filterShape;
  const [sh, sw] = strides;
  const [dh, dw] = dilations;
  const [dyN, oh, ow, dyC] = dy.shape;
  if (dyN !== n || oh !== info.outHeight || ow !== info.outWidth || dyC !== co || filterShape[2] !== ci) {
    throw new Error(`${KERNEL} (wasm): dy has shape [${dy.shape}], but x [${x.shape}] with filterShape [${filterShape}] ` +
      `gives output [${info.outShape}]`);
  }
  if (n * oh * ow === 0) return backend.makeOutput(filterShape, 'float32', undefined, new Float32Array(kh * kw * ci * co));

  const run = wasmKernelRunner(backend, KERNEL);
  const temps: tf.TensorInfo[] = [];
  const keep = (t: tf.TensorInfo): tf.TensorInfo => (temps.push(t), t);
  try {
    // Pad enough that every dy position reads inside x'; 'ceil' rounding can ask for rows past
    // the stated padding, which the cpu reference treats as zeros, and so do we.
    const { top, left } = info.padInfo;
    const bottom = Math.max(info.padInfo.bottom, (oh - 1) * sh + (kh - 1) * dh + 1 - inH - top);
    const right = Math.max(info.padInfo.right, (ow - 1) * sw + (kw - 1) * dw + 1 - inW - left);
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

let registeredByUs = false;

/**
 * Registers the kernel for 'wasm' once; later calls do nothing. Returns true if our kernel is the
 * one registered (false if some other code, e.g. a future tfjs, registered its own first).
 */
export function registerWasmConv2DBackpropFilter(): boolean {
  if (registeredByUs) return true;
  if (tf.getKernel(KERNEL, BACKEND) !== undefined) return false;
  tf.registerKernel({ kernelName: KERNEL, backendName: BACKEND, kernelFunc: conv2DBackpropFilterWasm as unknown as tf.KernelFunc });
  registeredByUs = true;
  return true;
}

export function isWasmConv2DBackpropFilterRegisteredByUs(): boolean {
  return registeredByUs;
}
