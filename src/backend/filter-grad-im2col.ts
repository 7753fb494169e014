/**
 * A convolution's filter gradient as one matrix product, for filters with few taps
 * (kh·kw·ci ≤ 64, e.g. conv1 on MNIST: 5·5·1):
 *   cols = im2col(x)                     [n·oh·ow, kh·kw·ci]  (src/backend/im2col.ts)
 *   dWᵀ  = dyᵀ · cols                    [co, kh·kw·ci]       (XNNPACK, one call)
 * Both operands go in untransposed: wasm's BatchMatMul is ~10x slower with transposeA or
 * transposeB set, so dy is transposed before and dWᵀ after, on the host. For conv1 of bn32x64
 * (batch 64, 32 filters) this takes ~15 ms where the Conv2D formulation (filter-grad-as-conv.ts)
 * takes ~21 ms: there, each input channel is a whole "batch" convolved with a 24×24 "filter".
 */
import type * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { im2col, type Im2colGeometry } from './im2col';
import type { RunWasmKernel } from './run-wasm-kernel';
import { simdKernels, type SimdKernels } from './simd/module';

/** Up to this many taps (kh·kw·ci) the im2col product is the faster formulation (measured on bn32x64). */
export const IM2COL_MAX_TAPS = 64;

export function filterGradIm2col(
  backend: BackendWasm, run: RunWasmKernel, x: tf.TensorInfo, dy: tf.TensorInfo, g: Im2colGeometry,
  filterShape: [number, number, number, number],
): tf.TensorInfo {
  const simd = simdKernels();
  if (simd !== null) return filterGradIm2colTransposed(simd, backend, run, x, dy, g, filterShape);
  const rows = g.n * g.oh * g.ow, taps = g.kh * g.kw * g.ci, co = filterShape[3];
  const temps: tf.TensorInfo[] = [];
  const keep = (t: tf.TensorInfo): tf.TensorInfo => (temps.push(t), t);
  try {
    const cols = keep(backend.makeOutput([rows, taps], 'float32'));
    const dyT = keep(backend.makeOutput([co, rows], 'float32'));
    // Views only after the allocations, which may grow (and so detach) the heap.
    const view = (t: tf.TensorInfo): Float32Array => backend.typedArrayFromHeap(t) as Float32Array;
    im2col(view(x), g, view(cols));
    transposeInto(view(dy), rows, co, view(dyT));
    const dWT = keep(run('BatchMatMul', { a: dyT, b: cols }, { transposeA: false, transposeB: false }));
    const out = backend.makeOutput(filterShape, 'float32');
    transposeInto(view(dWT), co, taps, view(out));
    return out;
  } finally {
    for (const t of temps) backend.disposeData(t.dataId);
  }
}

/**
 * The same product with im2col built transposed by our SIMD kernel (src/backend/simd/im2col.c):
 * dW = colsᵀ · dy, [kh·kw·ci, n·oh·ow] · [n·oh·ow, co], is already in the filter's layout, so
 * neither dy nor the result is transposed. Each dW value is the same dot product over the same
 * positions in the same order as dyᵀ · cols, so the bits are the same (test/backend/conv2d-backprop-filter.test.ts).
 */
function filterGradIm2colTransposed(
  simd: SimdKernels, backend: BackendWasm, run: RunWasmKernel, x: tf.TensorInfo, dy: tf.TensorInfo, g: Im2colGeometry,
  filterShape: [number, number, number, number],
): tf.TensorInfo {
  const rows = g.n * g.oh * g.ow, taps = g.kh * g.kw * g.ci, co = filterShape[3];
  const colsT = backend.makeOutput([taps, rows], 'float32');
  try {
    const geometry = Int32Array.of(g.n, g.h, g.w, g.ci, g.kh, g.kw, g.oh, g.ow, g.sh, g.sw, g.dh, g.dw, g.top, g.left);
    simd.withScratch((s) => simd.k.im2col_transposed(simd.offset(x), s.put(geometry), simd.offset(colsT)));
    const dW = run('BatchMatMul', { a: colsT, b: { ...dy, shape: [rows, co] } }, { transposeA: false, transposeB: false });
    const out = run('Reshape', { x: dW }, { shape: filterShape });
    backend.disposeData(dW.dataId);
    return out;
  } finally {
    backend.disposeData(colsT.dataId);
  }
}

/** out ([cols, rows]) = m ([rows, cols])ᵀ. */
function transposeInto(m: Float32Array, rows: number, cols: number, out: Float32Array): void {
  // In tiles of 64 rows: the tile's reads stay in L1 while every write runs contiguously. Row by
  // row, the writes stride by `rows` floats, a power-of-two multiple for conv1 (36,864), which
  // thrashes the cache sets: 5x slower. (wasm's Transpose kernel was slower still.)
  for (let r0 = 0; r0 < rows; r0 += 64) {
    const r1 = Math.min(rows, r0 + 64);
    for (let c = 0; c < cols; c++) {
      for (let r = r0, o = c * rows + r0; r < r1; r++, o++) out[o] = m[r * cols + c];
    }
  }
}
