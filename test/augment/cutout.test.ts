import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyCutout, validateCutoutParams } from '../../src/augment/cutout';
import { augmentBatch, describeAugment, type AugmentConfig } from '../../src/augment/pipeline';
import { Rng } from '../../src/util/rng';

const H = 28;
const W = 28;

test('cutout blanks exactly one size×size square when it lies inside the image', () => {
  let blanked = 0;
  for (let seed = 1; seed <= 40; seed++) {
    const image = new Float32Array(H * W).fill(1);
    applyCutout(image, 0, H, W, { size: 8, probability: 1 }, new Rng(seed), -1);
    const zeros = image.filter((v) => v === -1).length;
    assert.ok(zeros <= 64 && zeros >= 16, `seed ${seed}: ${zeros} pixels blanked`);
    blanked = Math.max(blanked, zeros);
    // The blanked pixels form a rectangle (rows and columns contiguous).
    const rows = new Set<number>();
    const cols = new Set<number>();
    image.forEach((v, i) => { if (v === -1) { rows.add(Math.floor(i / W)); cols.add(i % W); } });
    assert.equal(rows.size * cols.size, zeros);
  }
  assert.equal(blanked, 64, 'some centre far from the border gives the full square');
});

test('cutout with probability 0 changes nothing and draws one number', () => {
  const image = new Float32Array(H * W).fill(1);
  const rng = new Rng(3);
  applyCutout(image, 0, H, W, { size: 8, probability: 0 }, rng, -1);
  assert.ok(image.every((v) => v === 1));
  const ref = new Rng(3);
  ref.uniform();
  assert.equal(rng.uniform(), ref.uniform());
});

test('augmentBatch applies cutout per image after the warp, and bad sizes are refused', () => {
  const none: AugmentConfig = { rotationDeg: 0, translatePx: 0, zoom: [1, 1], stretch: [1, 1] };
  const src = new Float32Array(3 * H * W).fill(2);
  const out = augmentBatch(src, 3, H, W, { ...none, cutout: { size: 6, probability: 1 } }, new Rng(1), -0.5);
  for (let i = 0; i < 3; i++) {
    const blank = out.subarray(i * H * W, (i + 1) * H * W).filter((v) => v === -0.5).length;
    assert.ok(blank >= 9 && blank <= 36, `image ${i}: ${blank}`);
  }
  assert.throws(() => validateCutoutParams({ size: 0, probability: 1 }, 'cutout'), /size must be a positive integer/);
  assert.throws(() => validateCutoutParams({ size: 4, probability: 2 }, 'cutout'), /probability must be in \[0, 1\]/);
  assert.match(describeAugment({ ...none, rotationDeg: 10, cutout: { size: 8, probability: 1 } }), /8×8 px square blanked \(cutout\) on 100 % of images\.$/);
});
