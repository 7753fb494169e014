// Shared by the tests that check a wasm SIMD kernel against the JavaScript pass it replaces.
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/backend/select';
import { simdKernels, type SimdKernels } from '../../src/backend/simd/module';
import type { Rng } from '../../src/util/rng';

export async function wasmKernels(): Promise<SimdKernels> {
  await initBackend('wasm');
  const s = simdKernels();
  assert.ok(s !== null, 'simd kernels on the wasm backend');
  return s;
}

/**
 * Activations as a network makes them: normals, with some exact +0 and −0 (a ReLU's zeros and the
 * sign of a masked negative gradient are where a kernel most easily differs).
 */
export function activations(rng: Rng, n: number, zeros = 0.2): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const u = rng.uniform();
    out[i] = u < zeros / 2 ? 0 : u < zeros ? -0 : rng.normal();
  }
  return out;
}

/** Equal bit for bit (so −0 ≠ +0), naming the first index that differs. */
export function assertSameBits(got: Float32Array | Float64Array | Int32Array, want: Float32Array | Float64Array | Int32Array, what: string): void {
  assert.equal(got.length, want.length, `${what}: length`);
  const g = new Uint8Array(got.buffer, got.byteOffset, got.byteLength), w = new Uint8Array(want.buffer, want.byteOffset, want.byteLength);
  const per = got.BYTES_PER_ELEMENT;
  for (let i = 0; i < g.length; i++) {
    if (g[i] !== w[i]) assert.fail(`${what}: value ${Math.floor(i / per)} differs: ${got[Math.floor(i / per)]} vs ${want[Math.floor(i / per)]}`);
  }
}

/** A tensor's values, copied. */
export const values = (t: tf.Tensor): Float32Array => (t.dataSync() as Float32Array).slice();
