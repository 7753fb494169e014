// Small numeric helpers shared by the tests that compare our kernels with a reference.
import assert from 'node:assert/strict';
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
