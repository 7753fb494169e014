import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { maxPool2x2Argmax, scatterToArgmax } from '../../src/nn/pool-argmax';
import { maxPoolArgmaxWasm, maxPoolBackwardWasm } from '../../src/nn/layers/max-pool-wasm';
import { Rng } from '../../src/util/rng';
import { activations, assertSameBits, values, wasmKernels } from '../helpers/simd';

// bn32x64's two pools, the starter's channel counts (not multiples of four), odd sizes (the last
// row and column are dropped).
const SHAPES: [number, number, number, number][] = [[4, 24, 24, 32], [4, 8, 8, 64], [3, 24, 24, 10], [2, 9, 7, 20], [2, 5, 5, 1]];

/** Many ties (a ReLU's zeros and a few repeated levels), so the first-maximum rule is exercised. */
function tiedActivations(rng: Rng, n: number): Float32Array {
  return activations(rng, n, 0.4).map((v) => (rng.uniform() < 0.2 ? Math.round(v) : v));
}

test('max-pool with arg-max and its gradient equal the JavaScript loops bit for bit', async () => {
  const s = await wasmKernels();
  const rng = new Rng(5);
  for (const [n, h, w, c] of SHAPES) {
    const label = `[${n}, ${h}, ${w}, ${c}]`;
    const xv = tiedActivations(rng, n * h * w * c);
    const outSize = n * (h >> 1) * (w >> 1) * c;
    const pooled = new Float32Array(outSize), arg = new Int32Array(outSize);
    maxPool2x2Argmax(xv, pooled, arg, n, h, w, c, null);
    const gv = activations(rng, outSize), dx = new Float32Array(n * h * w * c);
    scatterToArgmax(gv, arg, dx);
    tf.tidy(() => {
      const got = maxPoolArgmaxWasm(s, tf.tensor(xv, [n, h, w, c]));
      assertSameBits(values(got.pooled), pooled, `pooled ${label}`);
      assertSameBits(got.arg.dataSync() as Int32Array, arg, `arg-max ${label}`);
      const gotDx = maxPoolBackwardWasm(s, tf.tensor(gv, got.pooled.shape), got.arg, [n, h, w, c]);
      assertSameBits(values(gotDx), dx, `gradient ${label}`);
    });
  }
});

test('the first of equal maxima wins', async () => {
  const s = await wasmKernels();
  tf.tidy(() => {
    // One 2×2 window per channel pair: all equal, then the last two equal and larger.
    const x = tf.tensor([1, 0, 1, 0, 1, 2, 1, 2], [1, 2, 2, 2]);
    assert.deepEqual(Array.from(maxPoolArgmaxWasm(s, x).arg.dataSync()), [0, 5]);
  });
});
