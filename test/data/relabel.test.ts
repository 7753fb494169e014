import { test } from 'node:test';
import assert from 'node:assert/strict';
import { concatDatasets, withLabels, withSoftTargets } from '../../src/data/relabel';
import type { Dataset } from '../../src/data/split';

const ds = (name: string, count: number, fill: number): Dataset => ({
  name,
  images: new Float32Array(count * 4).fill(fill),
  labels: Uint8Array.from({ length: count }, (_, i) => i % 10),
  sourceIndex: Int32Array.from({ length: count }, (_, i) => 100 + i),
  count,
  height: 2,
  width: 2,
});

test('concatDatasets keeps a before b, pixels, labels and source indices alike', () => {
  const c = concatDatasets(ds('a', 2, 1), withLabels(ds('b', 3, 2), Uint8Array.of(7, 7, 7), 'b-teacher'), 'a+b');
  assert.equal(c.count, 5);
  assert.deepEqual([...c.labels], [0, 1, 7, 7, 7]);
  assert.deepEqual([...c.images.subarray(6, 10)], [1, 1, 2, 2]);
  assert.deepEqual([...c.sourceIndex], [100, 101, 100, 101, 102]);
});

test('mismatched label counts and image sizes are refused', () => {
  assert.throws(() => withLabels(ds('b', 3, 2), Uint8Array.of(1), 'x'), /b has 3 images, found 1 label$/);
  // Probe 21.9: "1 image", not "1 images".
  assert.throws(() => withLabels(ds('one', 1, 2), Uint8Array.of(1, 2), 'x'), /one has 1 image, found 2 labels$/);
  assert.throws(() => concatDatasets(ds('a', 1, 1), { ...ds('c', 1, 1), height: 3 }, 'x'), /a is 2×2 but c is 3×2/);
});

test('withSoftTargets keeps the probability rows and labels each image with its row\'s arg-max; concat fills one-hot rows for hard labels', () => {
  const probs = Float32Array.of(0.1, 0.9, 0.7, 0.3, 0.5, 0.5);
  const soft = withSoftTargets(ds('b', 3, 2), probs, 2, 'b-soft');
  assert.deepEqual([...soft.labels], [1, 0, 0]);
  const hard = withLabels(ds('a', 2, 1), Uint8Array.of(1, 0), 'a');
  const c = concatDatasets(hard, soft, 'a+b');
  assert.deepEqual([...c.targets!], [0, 1, 1, 0, ...probs]);
  assert.deepEqual([...c.labels], [1, 0, 1, 0, 0]);
  assert.equal(concatDatasets(hard, hard, 'a+a').targets, undefined, 'two hard datasets stay hard');
  assert.throws(() => withSoftTargets(ds('b', 3, 2), Float32Array.of(1, 0), 2, 'x'), /b has 3 images, so 6 probabilities were expected, found 2/);
});
