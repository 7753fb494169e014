import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { addChannelSumsOf, reluBackwardInto } from '../../src/nn/host-loops';
import { applyMask } from '../../src/nn/layers/dropout';
import { channelSumsWasm, dropoutApplyWasm, reluBackwardWasm } from '../../src/nn/masks-wasm';
import { Rng } from '../../src/util/rng';
import { activations, assertSameBits, values, wasmKernels } from '../helpers/simd';

// Widths of the starter (10, 20, 50) and bn32x64 (32, 64, 128) layers, and one of 3.
const CASES: [number, number][] = [[300, 10], [200, 20], [64, 50], [500, 32], [64, 128], [99, 3]];

test('ReLU backward (with and without the bias sums) and channel sums equal the JavaScript loops bit for bit', async () => {
  const s = await wasmKernels();
  const rng = new Rng(6);
  for (const [rows, c] of CASES) {
    const gv = activations(rng, rows * c), yv = activations(rng, rows * c, 0.5).map(Math.abs);
    const start = Float64Array.from({ length: c }, () => rng.normal());
    tf.tidy(() => {
      const g = tf.tensor(gv, [rows, c]), y = tf.tensor(yv, [rows, c]);
      for (const withSums of [false, true]) {
        const ref = new Float32Array(rows * c), refSums = withSums ? start.slice() : null;
        reluBackwardInto(gv, yv, c, refSums, ref);
        const sums = withSums ? start.slice() : null;
        assertSameBits(values(reluBackwardWasm(s, g, y, c, sums)), ref, `relu backward ${rows}×${c}`);
        if (sums !== null && refSums !== null) assertSameBits(sums, refSums, `bias sums ${rows}×${c}`);
      }
      const refSums = start.slice(), sums = start.slice();
      addChannelSumsOf(gv, c, refSums);
      channelSumsWasm(s, g, c, sums);
      assertSameBits(sums, refSums, `channel sums ${rows}×${c}`);
    });
  }
});

test('dropout and channel dropout masks equal the JavaScript loop bit for bit', async () => {
  const s = await wasmKernels();
  const rng = new Rng(7);
  // [images, per-image shape]: bn32x64's fc dropout, the starter's Dropout2d over [8, 8, 20], a 4-wide map.
  const cases: [number, number[], boolean][] = [[64, [128], false], [5, [8, 8, 20], true], [3, [6, 6, 32], true], [7, [13], false]];
  for (const [n, shape, channelwise] of cases) {
    const per = shape.reduce((a, b) => a * b, 1), c = shape[shape.length - 1];
    const vv = activations(rng, n * per);
    const mask = Float32Array.from({ length: n * (channelwise ? c : per) }, () => (rng.uniform() < 0.5 ? 0 : 2));
    const ref = new Float32Array(n * per);
    applyMask(vv, mask, channelwise ? per : 0, c, ref);
    tf.tidy(() => {
      const got = dropoutApplyWasm(s, tf.tensor(vv, [n, ...shape]), mask, channelwise ? per : 0, c);
      assertSameBits(values(got), ref, `dropout ${channelwise ? '2d ' : ''}[${n}, ${shape.join(', ')}]`);
    });
  }
});
