import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitNearestMean, predictNearestMean, recentreByInk } from '../../../src/lab/features/nearest-mean';

const H = 9;
const W = 9;

function blob(cx: number, cy: number, kind: 0 | 1): Float32Array {
  const img = new Float32Array(H * W);
  if (kind === 0) for (let d = -1; d <= 1; d++) img[cy * W + cx + d] = 1; // horizontal bar
  else for (let d = -1; d <= 1; d++) img[(cy + d) * W + cx] = 1; // vertical bar
  return img;
}

test('recentreByInk moves the centre of ink to the image centre', () => {
  const img = blob(2, 2, 0);
  const out = recentreByInk(img, 1, H, W, 0);
  assert.equal(out[4 * W + 4], 1);
  assert.equal(out[4 * W + 3], 1);
  assert.equal(out[2 * W + 2], 0);
  // A blank image is left alone.
  assert.deepEqual(recentreByInk(new Float32Array(H * W), 1, H, W, 0), new Float32Array(H * W));
});

test('nearest mean separates two shapes, and re-centring makes it ignore where they are', () => {
  const train = new Float32Array(2 * H * W);
  train.set(blob(4, 4, 0), 0);
  train.set(blob(4, 4, 1), H * W);
  const test = new Float32Array(2 * H * W);
  test.set(blob(2, 6, 1), 0);
  test.set(blob(6, 2, 0), H * W);
  const plain = fitNearestMean(train, 2, H * W, [0, 1], 2);
  const centred = fitNearestMean(train, 2, H * W, [0, 1], 2, { height: H, width: W, background: 0 });
  assert.deepEqual([...predictNearestMean(centred, test, 2)], [1, 0]);
  assert.deepEqual([...predictNearestMean(plain, train, 2)], [0, 1]);
  assert.throws(() => fitNearestMean(train, 2, H * W, [0, 3], 2), /outside 0\.\.1/);
  assert.throws(() => fitNearestMean(train, 2, H * W, [0, 0], 2), /class 1 has no training example/);
});
