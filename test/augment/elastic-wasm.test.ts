import { test } from 'node:test';
import { setSimdKernels } from '../../src/backend/simd/module';
import { augmentBatch } from '../../src/augment/pipeline';
import { ElasticWorkspace } from '../../src/augment/elastic';
import { Rng } from '../../src/util/rng';
import { normals } from '../helpers/numeric';
import { assertSameBits, wasmKernels } from '../helpers/simd';

/** Two displacement fields drawn and smoothed with the kernels on or off. */
function fields(h: number, w: number, sigma: number, simd: boolean): Float32Array[] {
  setSimdKernels(simd);
  const ws = new ElasticWorkspace(h, w, sigma);
  ws.sample(34, new Rng(10));
  return [ws.dx.slice(), ws.dy.slice()];
}

test('elastic smoothing by the SIMD kernel equals the JavaScript passes bit for bit', async () => {
  await wasmKernels();
  try {
    // MNIST's size with Simard's σ = 4 (25 taps, wider than a third of the image), a small σ, a
    // non-square image smaller than the kernel.
    for (const [h, w, sigma] of [[28, 28, 4], [28, 28, 1], [5, 9, 2]]) {
      const want = fields(h, w, sigma, false), got = fields(h, w, sigma, true);
      assertSameBits(got[0], want[0], `dx ${h}×${w}, σ ${sigma}`);
      assertSameBits(got[1], want[1], `dy ${h}×${w}, σ ${sigma}`);
    }
  } finally {
    setSimdKernels(true);
  }
});

test('a strong-view batch (affine + elastic + cutout) is the same with the kernels on and off', async () => {
  await wasmKernels();
  const src = normals(new Rng(11), 6 * 784);
  const config = { rotationDeg: 25, translatePx: 3, zoom: [0.85, 1.15] as [number, number], stretch: [1, 1] as [number, number], elastic: { alpha: 34, sigma: 4, probability: 1 }, cutout: { size: 8, probability: 1 } };
  try {
    setSimdKernels(false);
    const want = augmentBatch(src, 6, 28, 28, config, new Rng(12), -0.42);
    setSimdKernels(true);
    assertSameBits(augmentBatch(src, 6, 28, 28, config, new Rng(12), -0.42), want, 'strong views');
  } finally {
    setSimdKernels(true);
  }
});
