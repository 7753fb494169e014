// Small numeric helpers shared by the tests that compare our kernels with a reference.
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../src/util/rng';

export function normals(rng: Rng, n: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.normal();
  return out;
}

export const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Max abs difference, relative to the largest reference magnitude (at least `floor`). */
export function relErr(got: ArrayLike<number>, want: ArrayLike<number>, floor = 1): number {
  assert.equal(got.length, want.length);
  let err = 0, scale = floor;
  for (let i = 0; i < want.length; i++) {
    err = Math.max(err, Math.abs(got[i] - want[i]));
    scale = Math.max(scale, Math.abs(want[i]));
  }
  return err / scale;
}

/**
 * Runs one kernel on the named backend through the engine (as autodiff would) and returns its
 * values, after checking the output shape; every tensor made here is disposed.
 */
export async function runKernelOn(
  backend: 'wasm' | 'cpu',
  kernel: string,
  inputs: Record<string, { values: Float32Array; shape: number[] }>,
  attrs: Record<string, unknown>,
  expectedShape: readonly number[],
): Promise<Float32Array> {
  assert.ok(await tf.setBackend(backend), `tf.setBackend('${backend}') failed`);
  const tensors: Record<string, tf.Tensor> = {};
  for (const [name, { values, shape }] of Object.entries(inputs)) tensors[name] = tf.tensor(values, shape);
  try {
    const out = tf.engine().runKernel(kernel, tensors, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
    assert.deepEqual(out.shape, expectedShape);
    const values = out.dataSync() as Float32Array;
    out.dispose();
    return values;
  } finally {
    tf.dispose(Object.values(tensors));
  }
}

/** The values of `f()` (run inside tf.tidy) on wasm and on cpu, in that order, for a backend-agreement check. */
export async function onWasmAndCpu(f: () => tf.Tensor): Promise<[Float32Array, Float32Array]> {
  const out: Float32Array[] = [];
  for (const backend of ['wasm', 'cpu']) {
    assert.ok(await tf.setBackend(backend), `tf.setBackend('${backend}') failed`);
    const t = tf.tidy(f);
    out.push(t.dataSync() as Float32Array);
    t.dispose();
  }
  return [out[0], out[1]];
}
