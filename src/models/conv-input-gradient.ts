/**
 * The input gradient of a 'valid', stride-1 k×k convolution on NHWC maps, as one matrix product and
 * one scatter-add, instead of a convolution of the zero-padded output gradient:
 *
 *     cols = dy · Wᵀ        [n·oh·ow, k·k·ci]   what each output pixel sends back to its window
 *     dx   = col2im(cols)   every window row (b, i+a, j+e) gets cols' ci values for offset (a, e)
 *
 * The product does 2·n·oh·ow·k²·ci·co flops where the padded convolution does 2·n·h·w·k²·ci·co
 * (for conv2 of the starter CNN: 8×8 vs 12×12 positions, and no multiplications by padding), and
 * col2im runs as a ScatterNd over an index table that depends only on the shapes, so it is built
 * once per shape. ScatterNd adds rows that share an index, in row order: the sum is deterministic.
 */
import * as tf from '@tensorflow/tfjs';
import { filledTensor, hostView } from '../backend/heap-tensor';
import { simdKernels } from '../backend/simd/module';

export interface ConvInputShape {
  n: number;
  h: number;
  w: number;
  ci: number;
  k: number;
}

const indexTables = new Map<string, tf.Tensor2D>();

/** For each (b, i, j, a, e), in that order, the flat pixel index b·h·w + (i+a)·w + (j+e). */
function col2imIndices({ n, h, w, k }: ConvInputShape): tf.Tensor2D {
  const key = `${tf.getBackend()}:${n}x${h}x${w}:${k}`;
  let table = indexTables.get(key);
  if (table === undefined) {
    const oh = h - k + 1, ow = w - k + 1;
    const idx = new Int32Array(n * oh * ow * k * k);
    let o = 0;
    for (let b = 0; b < n; b++) for (let i = 0; i < oh; i++) for (let j = 0; j < ow; j++) {
      for (let a = 0; a < k; a++) for (let e = 0; e < k; e++) idx[o++] = (b * h + i + a) * w + j + e;
    }
    // Shapes come from a handful of batch sizes; the tables live as long as the process.
    table = tf.keep(tf.tensor2d(idx, [idx.length, 1], 'int32'));
    indexTables.set(key, table);
  }
  return table;
}

/** Wᵀ as [co, k·k·ci] from a [k, k, ci, co] filter, transposed on the host (a few thousand values). */
export function filterTransposed(filter: tf.Tensor): tf.Tensor2D {
  if (filter.rank !== 4) throw new Error(`filterTransposed: expected a [k, k, ci, co] filter, found shape [${filter.shape}]`);
  const co = filter.shape[3] as number;
  const rows = filter.size / co;
  return filledTensor([co, rows], (out) => {
    const m = hostView(filter);
    for (let r = 0; r < rows; r++) for (let q = 0; q < co; q++) out[q * rows + r] = m[r * co + q];
  }) as tf.Tensor2D;
}

/**
 * dx ([n·h·w, ci], NHWC rows) of a valid stride-1 convolution from dy ([n·oh·ow, co], NHWC rows)
 * and Wᵀ ([co, k·k·ci], see filterTransposed). The caller disposes the result.
 */
export function convInputGradient(dy: tf.Tensor2D, filterT: tf.Tensor2D, shape: ConvInputShape): tf.Tensor2D {
  const { n, h, w, ci, k } = shape;
  const positions = n * (h - k + 1) * (w - k + 1);
  if (dy.shape[0] !== positions || filterT.shape[0] !== dy.shape[1] || filterT.shape[1] !== k * k * ci) {
    throw new Error(`convInputGradient: dy [${dy.shape}] and Wᵀ [${filterT.shape}] do not fit input ${n}x${h}x${w}x${ci} with a ${k}x${k} filter`);
  }
  return tf.tidy(() => {
    const cols = tf.reshape(tf.matMul(dy, filterT), [positions * k * k, ci]);
    const simd = simdKernels();
    if (simd === null) return tf.scatterND(col2imIndices(shape), cols, [n * h * w, ci]) as tf.Tensor2D;
    // The same sums as the scatter, gathered per pixel by our SIMD kernel (src/backend/simd/col2im.c).
    const dx = simd.output([n * h * w, ci]);
    simd.k.col2im_valid(simd.offset(cols), n, h, w, ci, k, dx.ptr);
    return dx.tensor as tf.Tensor2D;
  });
}
