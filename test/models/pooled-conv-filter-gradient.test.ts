import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pooledConvFilterGradient } from '../../src/models/pooled-conv-filter-gradient';
import { Rng } from '../../src/util/rng';
import { normals, relErr } from '../helpers/numeric';

/** A pooled map with random arg-max offsets and signs, and the dense conv-output gradient it implies. */
function pooledCase(rng: Rng, n: number, h: number, w: number, k: number, co: number) {
  const oh = h - k + 1, ow = w - k + 1, ph = oh >> 1, pw = ow >> 1;
  const size = n * ph * pw * co;
  const g = normals(rng, size), pooled = normals(rng, size);
  const arg = new Int32Array(size);
  const dense = new Float64Array(n * oh * ow * co);
  let o = 0;
  for (let b = 0; b < n; b++) for (let i = 0; i < ph; i++) for (let j = 0; j < pw; j++) for (let c = 0; c < co; c++, o++) {
    const y = 2 * i + rng.int(2), x = 2 * j + rng.int(2);
    arg[o] = ((b * oh + y) * ow + x) * co + c;
    if (pooled[o] > 0) dense[arg[o]] = g[o];
  }
  return { g, pooled, arg, dense, oh, ow };
}

for (const [k, h, w] of [[5, 28, 28], [3, 9, 12], [2, 7, 7]] as const) {
  test(`pooledConvFilterGradient equals the dense filter gradient of the scattered pool gradient (${k}x${k}, ${h}x${w})`, () => {
    const rng = new Rng(k);
    const n = 3, co = 4;
    const x = normals(rng, n * h * w);
    const { g, pooled, arg, dense, oh, ow } = pooledCase(rng, n, h, w, k, co);
    const want = new Float64Array(k * k * co), wantBias = new Float64Array(co);
    for (let b = 0; b < n; b++) for (let y = 0; y < oh; y++) for (let xx = 0; xx < ow; xx++) for (let c = 0; c < co; c++) {
      const d = dense[((b * oh + y) * ow + xx) * co + c];
      wantBias[c] += d;
      for (let a = 0; a < k; a++) for (let e = 0; e < k; e++) want[(a * k + e) * co + c] += d * x[(b * h + y + a) * w + xx + e];
    }
    const bias = new Float64Array(co);
    const got = pooledConvFilterGradient(x, { n, h, w, k, co }, g, pooled, arg, bias);
    assert.ok(relErr(got, want) < 1e-6, `filter gradient: relative error ${relErr(got, want)}`);
    assert.ok(relErr(bias, wantBias) < 1e-9, `bias gradient: relative error ${relErr(bias, wantBias)}`);
  });
}

test('pooledConvFilterGradient names sizes that do not fit', () => {
  const shape = { n: 1, h: 6, w: 6, k: 3, co: 2 };
  const four = new Float32Array(4 * 2);
  assert.throws(() => pooledConvFilterGradient(new Float32Array(35), shape, four, four, new Int32Array(8), new Float64Array(2)), /expected 1 image of 6x6x1 \(36 values\), found 35/);
  assert.throws(() => pooledConvFilterGradient(new Float32Array(36), shape, four, new Float32Array(3), new Int32Array(8), new Float64Array(2)), /must each hold 8 values, found 8, 3, 8/);
  assert.throws(() => pooledConvFilterGradient(new Float32Array(36), shape, four, four, new Int32Array(8), new Float64Array(3)), /biasGrad must hold 2 values, found 3/);
});
