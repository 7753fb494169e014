import { test } from 'node:test';
import assert from 'node:assert/strict';
import { oneHot, pseudoLabelTargets } from '../../src/semi/pseudo-label';

// Four images, three classes.
const probs = Float32Array.from([
  0.1, 0.7, 0.2, // clear class 1
  0.4, 0.4, 0.2, // tie between 0 and 1 → 0
  0.3, 0.35, 0.35, // tie between 1 and 2 → 1
  0.05, 0.05, 0.9, // clear class 2
]);

test('argmax labels with ties to the lowest index, and confidences', () => {
  const r = pseudoLabelTargets(probs, 4, 3);
  assert.deepEqual(Array.from(r.labels), [1, 0, 1, 2]);
  assert.deepEqual(r.confidence, Float32Array.from([0.7, 0.4, 0.35, 0.9]));
  assert.deepEqual(Array.from(r.mask), [1, 1, 1, 1]);
});

test('the threshold masks low-confidence rows (≥ keeps the boundary)', () => {
  assert.deepEqual(Array.from(pseudoLabelTargets(probs, 4, 3, 0.5).mask), [1, 0, 0, 1]);
  assert.deepEqual(Array.from(pseudoLabelTargets(probs, 4, 3, Math.fround(0.4)).mask), [1, 1, 0, 1]);
  assert.deepEqual(Array.from(pseudoLabelTargets(probs, 4, 3, 0.95).mask), [0, 0, 0, 0]);
});

test('bad shapes, thresholds and NaNs are errors', () => {
  assert.throws(() => pseudoLabelTargets(probs, 3, 3), /3×3 = 9 values, got 12/);
  assert.throws(() => pseudoLabelTargets(probs, 4, 3, 1.5), /threshold/);
  assert.throws(() => pseudoLabelTargets(Float32Array.from([0.5, NaN]), 1, 2), /row 0, class 1 is NaN/);
});

test('oneHot', () => {
  assert.deepEqual(Array.from(oneHot([2, 0], 3)), [0, 0, 1, 1, 0, 0]);
  assert.deepEqual(oneHot(pseudoLabelTargets(probs, 4, 3).labels, 3).length, 12);
  assert.throws(() => oneHot([3], 3), /label 0 must be an integer in \[0, 3\), got 3/);
});
