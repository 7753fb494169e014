import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flipHorizontal, flipVertical } from '../../src/augment/flip';

// Two 2×3 images.
const src = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);

test('horizontal flip mirrors each row of each image', () => {
  assert.deepEqual(Array.from(flipHorizontal(src, 2, 2, 3)), [3, 2, 1, 6, 5, 4, 9, 8, 7, 12, 11, 10]);
});

test('vertical flip swaps rows within each image, not across images', () => {
  assert.deepEqual(Array.from(flipVertical(src, 2, 2, 3)), [4, 5, 6, 1, 2, 3, 10, 11, 12, 7, 8, 9]);
});

test('flipping twice is the identity; aliasing is refused', () => {
  assert.deepEqual(flipHorizontal(flipHorizontal(src, 2, 2, 3), 2, 2, 3), src);
  assert.deepEqual(flipVertical(flipVertical(src, 2, 2, 3), 2, 2, 3), src);
  assert.throws(() => flipHorizontal(src, 2, 2, 3, src), /alias/);
});
