import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { setSimdKernels } from '../../src/backend/simd/module';
import { convInputGradient, type ConvInputShape } from '../../src/models/conv-input-gradient';
import { Rng } from '../../src/util/rng';
import { normals } from '../helpers/numeric';
import { assertSameBits, wasmKernels } from '../helpers/simd';

// bn32x64's conv2 (ci = 32, co = 64), the starter's conv2 (ci = 10, not a multiple of four), a
// 3×3 filter on a non-square map, a filter as large as the image.
const CASES: (ConvInputShape & { co: number })[] = [
  { n: 8, h: 12, w: 12, ci: 32, k: 5, co: 64 },
  { n: 4, h: 12, w: 12, ci: 10, k: 5, co: 20 },
  { n: 2, h: 7, w: 9, ci: 4, k: 3, co: 6 },
  { n: 3, h: 4, w: 4, ci: 2, k: 4, co: 3 },
];

function inputGradient(s: ConvInputShape & { co: number }, dyv: Float32Array, wv: Float32Array, simd: boolean): Float32Array {
  setSimdKernels(simd);
  const positions = s.n * (s.h - s.k + 1) * (s.w - s.k + 1);
  return tf.tidy(() => convInputGradient(tf.tensor2d(dyv, [positions, s.co]), tf.tensor2d(wv, [s.co, s.k * s.k * s.ci]), s).dataSync() as Float32Array);
}

test('the col2im SIMD kernel gives the ScatterNd col2im bit for bit', async () => {
  await wasmKernels();
  const rng = new Rng(13);
  try {
    for (const s of CASES) {
      const positions = s.n * (s.h - s.k + 1) * (s.w - s.k + 1);
      const dyv = normals(rng, positions * s.co), wv = normals(rng, s.co * s.k * s.k * s.ci);
      const want = inputGradient(s, dyv, wv, false);
      assertSameBits(inputGradient(s, dyv, wv, true), want, `dx ${s.n}×${s.h}×${s.w}×${s.ci}, k ${s.k}`);
    }
  } finally {
    setSimdKernels(true);
  }
});
