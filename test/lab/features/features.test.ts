import { test } from 'node:test';
import assert from 'node:assert/strict';
import { choleskySolve, symmetricEigen } from '../../../src/lab/features/linalg';
import { kmeans } from '../../../src/lab/features/kmeans';
import { normalizePatches, randomPatches } from '../../../src/lab/features/patches';
import { applyZca, fitZca } from '../../../src/lab/features/zca';
import { encodeImages, triangle } from '../../../src/lab/features/encode';
import { ridgeAccuracy, ridgeSystem, solveRidge } from '../../../src/lab/features/ridge';
import { fitPatchFeatures } from '../../../src/lab/features/pipeline';
import { Rng } from '../../../src/util/rng';

test('Jacobi eigendecomposition reconstructs a symmetric matrix, eigenvalues descending', () => {
  const rng = new Rng(1);
  const n = 7;
  const b = Array.from({ length: n * n }, () => rng.normal());
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = b[i * n + j] + b[j * n + i];
  const { values, vectors } = symmetricEigen(a, n);
  for (let i = 1; i < n; i++) assert.ok(values[i - 1] >= values[i]);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += vectors[i * n + k] * values[k] * vectors[j * n + k];
      assert.ok(Math.abs(s - a[i * n + j]) < 1e-9, `(${i},${j})`);
    }
  }
  assert.throws(() => symmetricEigen([1, 2, 3, 4], 2), /not symmetric/);
});

test('Cholesky solve returns x with A x = b', () => {
  const a = [4, 2, 0.6, 2, 5, 1, 0.6, 1, 3];
  const x = [1, -2, 0.5];
  const b = [0, 1, 2].map((i) => a[i * 3] * x[0] + a[i * 3 + 1] * x[1] + a[i * 3 + 2] * x[2]);
  const got = choleskySolve(a, 3, b, 1);
  for (let i = 0; i < 3; i++) assert.ok(Math.abs(got[i] - x[i]) < 1e-12);
  assert.throws(() => choleskySolve([1, 2, 2, 1], 2, [1, 1], 1), /not positive definite/);
});

test('k-means finds three well separated 2-D clusters', () => {
  const rng = new Rng(4);
  const centres = [[0, 0], [10, 0], [0, 10]];
  const n = 300;
  const data = new Float32Array(n * 2);
  const truth: number[] = [];
  for (let p = 0; p < n; p++) {
    const c = p % 3;
    truth.push(c);
    data[2 * p] = centres[c][0] + 0.5 * rng.normal();
    data[2 * p + 1] = centres[c][1] + 0.5 * rng.normal();
  }
  const r = kmeans(data, 2, { k: 3, iterations: 50, rng: new Rng(9) });
  for (const [cx, cy] of centres) {
    const near = [0, 1, 2].some((c) => Math.hypot(r.centroids[2 * c] - cx, r.centroids[2 * c + 1] - cy) < 0.3);
    assert.ok(near, `no centroid near (${cx}, ${cy})`);
  }
  // Each true cluster maps to exactly one k-means cluster.
  for (let c = 0; c < 3; c++) {
    const labels = new Set(truth.map((t, p) => (t === c ? r.assignments[p] : -1)).filter((v) => v >= 0));
    assert.equal(labels.size, 1);
  }
  for (let i = 1; i < r.inertia.length; i++) assert.ok(r.inertia[i] <= r.inertia[i - 1] + 1e-9);
  assert.throws(() => kmeans(data, 2, { k: 301, iterations: 5, rng }), /k must be/);
});

test('normalized patches have zero mean and unit sample variance (eps = 0); ZCA makes the covariance ≈ identity', () => {
  const rng = new Rng(2);
  const dim = 4;
  const n = 4000;
  // Correlated data: x = M g.
  const data = new Float32Array(n * dim);
  for (let p = 0; p < n; p++) {
    const g = [rng.normal(), rng.normal(), rng.normal(), rng.normal()];
    data[p * dim] = g[0];
    data[p * dim + 1] = g[0] + 0.5 * g[1];
    data[p * dim + 2] = 2 * g[2] - g[0];
    data[p * dim + 3] = g[3] + g[1];
  }
  const norm = normalizePatches(data, dim, 0);
  const row = norm.subarray(0, dim);
  const mean = row.reduce((a, b) => a + b, 0) / dim;
  const v = row.reduce((a, b) => a + (b - mean) ** 2, 0) / (dim - 1);
  assert.ok(Math.abs(mean) < 1e-6 && Math.abs(v - 1) < 1e-5);
  const zca = fitZca(data, dim, 0);
  const w = applyZca(zca, data);
  for (let i = 0; i < dim; i++) {
    for (let j = 0; j < dim; j++) {
      let s = 0;
      for (let p = 0; p < n; p++) s += w[p * dim + i] * w[p * dim + j];
      s /= n - 1;
      assert.ok(Math.abs(s - (i === j ? 1 : 0)) < 0.02, `cov(${i},${j}) = ${s}`);
    }
  }
});

test('triangle activation is max(0, mean distance − distance), zero for at least one centroid', () => {
  const centroids = Float32Array.from([0, 0, 3, 0, 0, 4]);
  const out = new Float64Array(3);
  triangle([0, 0], centroids, 3, out);
  // distances 0, 3, 4, mean 7/3
  assert.ok(Math.abs(out[0] - 7 / 3) < 1e-12);
  assert.equal(out[1], 0);
  assert.equal(out[2], 0);
});

test('quadrant pooling gives 4K features per image, and each quadrant sums its own positions', () => {
  const rng = new Rng(6);
  const h = 14; // 6×6 patch positions: four 3×3 quadrants of equal size
  const images = Float32Array.from({ length: 5 * h * h }, () => rng.uniform());
  const { encoder } = fitPatchFeatures(images, 5, h, h, { size: 4, stride: 2, k: 6, patches: 200, normEps: 0.01, zcaEps: 0.1, kmeansIterations: 5, skipBlank: true }, rng);
  const f = encodeImages(images, 5, h, h, encoder);
  assert.equal(f.length, 5 * 4 * 6);
  // An image whose only ink is in the top-left corner: all blank positions get the same code, so
  // the three other quadrants carry identical sums, and the top-left one differs.
  const img = new Float32Array(h * h);
  img[0] = 1;
  img[h + 1] = 1;
  const g = encodeImages(img, 1, h, h, encoder);
  const block = (q: number) => Array.from(g.subarray(q * 6, (q + 1) * 6));
  assert.deepEqual(block(1), block(2));
  assert.deepEqual(block(1), block(3));
  assert.notDeepEqual(block(0), block(1));
});

test('randomPatches copies image pixels; bad sizes are rejected', () => {
  const img = Float32Array.from({ length: 16 }, (_, i) => i);
  const p = randomPatches(img, 1, 4, 4, 4, 2, new Rng(1));
  assert.deepEqual(Array.from(p.subarray(0, 16)), Array.from(img));
  assert.throws(() => randomPatches(img, 1, 4, 4, 5, 1, new Rng(1)), /exceeds/);
});

test('ridge regression separates linearly separable classes and λ shrinks the fit', () => {
  const rng = new Rng(3);
  const n = 300;
  const x = new Float32Array(n * 3);
  const y = new Uint8Array(n);
  for (let p = 0; p < n; p++) {
    y[p] = p % 3;
    x[p * 3] = (y[p] === 0 ? 3 : 0) + 0.3 * rng.normal();
    x[p * 3 + 1] = (y[p] === 1 ? 3 : 0) + 0.3 * rng.normal();
    x[p * 3 + 2] = rng.normal();
  }
  const sys = ridgeSystem(x, n, 3, y, 3);
  assert.equal(ridgeAccuracy(solveRidge(sys, 1e-3), x, n, y), 1);
  const small = solveRidge(sys, 1e-3).weights.reduce((a, b) => a + b * b, 0);
  const big = solveRidge(sys, 10).weights.reduce((a, b) => a + b * b, 0);
  assert.ok(big < small / 10);
  assert.throws(() => solveRidge(sys, 0), /lambda/);
});
