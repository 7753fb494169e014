import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Dataset } from '../../src/data/split';
import { labelWithTta } from '../../src/train/label-pool';
import { Rng } from '../../src/util/rng';

const H = 28;
const W = 28;

/** A classifier that sees only the brightness of the top-left pixel: class 1 if positive, else class 0. */
const topLeft = {
  classes: 2,
  logProbs(images: Float32Array): Float32Array {
    const n = images.length / (H * W);
    const out = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) {
      const p1 = images[i * H * W] > 0 ? 0.9 : 0.2;
      out[2 * i] = Math.log(1 - p1);
      out[2 * i + 1] = Math.log(p1);
    }
    return out;
  },
};

function pool(count: number): Dataset {
  const images = new Float32Array(count * H * W).fill(-0.4);
  for (let i = 0; i < count; i += 2) images[i * H * W] = 1;
  return { name: 'toy', images, labels: new Uint8Array(count), sourceIndex: new Int32Array(count), count, height: H, width: W };
}

test('without views the label is the eval-mode arg-max and the confidence its probability', () => {
  const out = labelWithTta(topLeft, pool(5000), { views: 0, augment: { rotationDeg: 0, translatePx: 0, zoom: [1, 1], stretch: [1, 1] } }, new Rng(1));
  assert.deepEqual([...out.labels.subarray(0, 4)], [1, 0, 1, 0]);
  assert.equal(out.labels.length, 5000, 'labels cover every chunk');
  assert.ok(Math.abs(out.confidence[0] - 0.9) < 1e-6 && Math.abs(out.confidence[1] - 0.8) < 1e-6);
});

test('views average probabilities: shifted copies that lose the top-left pixel pull the label over', () => {
  // A cutout as large as the image blanks every view, so every view loses the pixel.
  const blank = { rotationDeg: 0, translatePx: 0, zoom: [1, 1] as [number, number], stretch: [1, 1] as [number, number], cutout: { size: 56, probability: 1 } };
  const out = labelWithTta(topLeft, pool(4), { views: 3, augment: blank }, new Rng(1));
  // Image 0: (0.9 + 3·0.2)/4 = 0.375 for class 1, so class 0 wins with 0.625.
  assert.equal(out.labels[0], 0);
  assert.ok(Math.abs(out.confidence[0] - 0.625) < 1e-6, `confidence ${out.confidence[0]}`);
  assert.throws(() => labelWithTta(topLeft, pool(2), { views: -1, augment: blank }, new Rng(1)), /views must be an integer ≥ 0/);
});
