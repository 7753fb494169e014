import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { backwardInto, backwardSums, channelSquareSums, normalizeInto } from '../../src/nn/layers/batch-norm-passes';
import { backwardIntoWasm, backwardSumsWasm, channelSquareSumsWasm, normalizeWasm } from '../../src/nn/layers/batch-norm-wasm';
import { Rng } from '../../src/util/rng';
import { activations, assertSameBits, values, wasmKernels } from '../helpers/simd';

// Channel counts of bn32x64 (32, 64, 128), one that is not a multiple of four, and a single channel;
// row counts past one 16 KiB block so the blocked sums cross block edges.
const CASES: [number, number][] = [[600, 32], [130, 64], [64, 128], [777, 6], [300, 1]];

function coefficients(rng: Rng, c: number): Float64Array {
  return Float64Array.from({ length: c }, () => rng.normal());
}

test('batch-norm forward passes (moment sums, normalize ± ReLU) equal the JavaScript passes bit for bit', async () => {
  const s = await wasmKernels();
  const rng = new Rng(3);
  for (const [rows, c] of CASES) {
    const xv = activations(rng, rows * c);
    const a = coefficients(rng, c), b = coefficients(rng, c);
    tf.tidy(() => {
      const x = tf.tensor(xv, [rows, c]);
      const want = channelSquareSums(xv, c), got = channelSquareSumsWasm(s, x, c);
      assertSameBits(got.sum, want.sum, `Σx, ${rows}×${c}`);
      assertSameBits(got.sq, want.sq, `Σx², ${rows}×${c}`);
      for (const relu of [false, true]) {
        const ref = new Float32Array(rows * c);
        normalizeInto(xv, a, b, relu, ref);
        assertSameBits(values(normalizeWasm(s, x, a, b, relu)), ref, `normalize relu=${relu}, ${rows}×${c}`);
      }
    });
  }
});

test('batch-norm backward passes (sums, input gradient, with and without the fused ReLU mask) equal the JavaScript passes bit for bit', async () => {
  const s = await wasmKernels();
  const rng = new Rng(4);
  for (const [rows, c] of CASES) {
    const gv = activations(rng, rows * c), xv = activations(rng, rows * c);
    // A ReLU's output: ≥ 0, with +0 and −0 among its zeros.
    const yv = activations(rng, rows * c, 0.5).map((v) => (Object.is(v, -0) ? v : Math.abs(v)));
    const [scale, shift, onDz, onX, bias] = [0, 1, 2, 3, 4].map(() => coefficients(rng, c));
    tf.tidy(() => {
      const g = tf.tensor(gv, [rows, c]), x = tf.tensor(xv, [rows, c]), y = tf.tensor(yv, [rows, c]);
      for (const masked of [false, true]) {
        const label = `${masked ? 'with' : 'without'} mask, ${rows}×${c}`;
        const want = backwardSums(gv, xv, masked ? yv : null, scale, shift, c);
        const got = backwardSumsWasm(s, g, x, masked ? y : null, scale, shift, c);
        assertSameBits(got.dGamma, want.dGamma, `dγ ${label}`);
        assertSameBits(got.dBeta, want.dBeta, `dβ ${label}`);
        const ref = new Float32Array(rows * c);
        backwardInto(gv, xv, masked ? yv : null, onDz, onX, bias, ref);
        assertSameBits(values(backwardIntoWasm(s, g, x, masked ? y : null, onDz, onX, bias)), ref, `dx ${label}`);
      }
    });
  }
});
