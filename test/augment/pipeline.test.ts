import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/util/rng';
import { AugmentConfig, DEFAULT_AUGMENT, augmentBatch, describeAugment } from '../../src/augment/pipeline';
import { IDENTITY_AFFINE, affineImage, sampleAffineParams } from '../../src/augment/affine';

const H = 28;
const W = 28;
const BG = Math.fround((0 - 0.1307) / 0.3081);
const NONE: AugmentConfig = { rotationDeg: 0, translatePx: 0, zoom: [1, 1], stretch: [1, 1] };

function batch(count: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  const out = new Float32Array(count * H * W).fill(BG);
  for (let i = 0; i < count; i++) {
    // A random blob per image, so images differ.
    const cx = 9 + rng.int(10);
    const cy = 9 + rng.int(10);
    for (let y = cy - 4; y <= cy + 4; y++) for (let x = cx - 3; x <= cx + 3; x++) out[i * H * W + y * W + x] = 2.8;
  }
  return out;
}

test('a config without any augmentation returns the batch unchanged', () => {
  const src = batch(4, 1);
  assert.deepEqual(augmentBatch(src, 4, H, W, NONE, new Rng(1), BG), src);
});

test('each image is augmented independently, with its own draw from the stream', () => {
  const src = batch(3, 2);
  const out = augmentBatch(src, 3, H, W, DEFAULT_AUGMENT, new Rng(7), BG);
  // Replay the documented draw order by hand.
  const rng = new Rng(7);
  for (let i = 0; i < 3; i++) {
    const one = affineImage(src.subarray(i * H * W, (i + 1) * H * W), H, W, sampleAffineParams(DEFAULT_AUGMENT, rng), BG);
    assert.deepEqual(out.subarray(i * H * W, (i + 1) * H * W), one);
  }
  // Identical input images get different transforms.
  const same = new Float32Array(2 * H * W);
  same.set(src.subarray(0, H * W), 0);
  same.set(src.subarray(0, H * W), H * W);
  const twice = augmentBatch(same, 2, H, W, DEFAULT_AUGMENT, new Rng(3), BG);
  assert.notDeepEqual(twice.subarray(0, H * W), twice.subarray(H * W));
});

test('same seed → same batch, different seed → different batch, with and without elastic', () => {
  const src = batch(5, 3);
  for (const config of [DEFAULT_AUGMENT, { ...DEFAULT_AUGMENT, elastic: { alpha: 10, sigma: 4, probability: 0.5 } }]) {
    const a = augmentBatch(src, 5, H, W, config, new Rng(4), BG);
    const b = augmentBatch(src, 5, H, W, config, new Rng(4), BG);
    const c = augmentBatch(src, 5, H, W, config, new Rng(5), BG);
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
  }
});

test('elastic with probability 1 and α = 0 leaves the affine result unchanged', () => {
  const src = batch(2, 4);
  const withElastic = augmentBatch(src, 2, H, W, { ...NONE, elastic: { alpha: 0, sigma: 4, probability: 1 } }, new Rng(1), BG);
  assert.deepEqual(withElastic, src);
  const shifted = affineImage(src.subarray(0, H * W), H, W, { ...IDENTITY_AFFINE, translateX: 1 }, BG);
  assert.notDeepEqual(shifted, src.subarray(0, H * W));
});

test('outputs stay within the input range; out is reused; bad configs are rejected', () => {
  const src = batch(6, 5);
  const out = new Float32Array(src.length);
  const config = { ...DEFAULT_AUGMENT, elastic: { alpha: 34, sigma: 4, probability: 1 } };
  assert.equal(augmentBatch(src, 6, H, W, config, new Rng(6), BG, out), out);
  for (const v of out) assert.ok(v >= BG && v <= 2.8 + 1e-6);
  assert.throws(() => augmentBatch(src, 6, H, W, { ...DEFAULT_AUGMENT, rotationDeg: 170 }, new Rng(1), BG), /rotationDeg/);
  assert.throws(() => augmentBatch(src, 6, H, W, { ...config, elastic: { alpha: 8, sigma: 4, probability: 2 } }, new Rng(1), BG), /probability/);
  assert.throws(() => augmentBatch(src, 6, H, W, DEFAULT_AUGMENT, new Rng(1), BG, src), /overlap/);
  assert.throws(() => augmentBatch(src, 7, H, W, DEFAULT_AUGMENT, new Rng(1), BG), /at least/);
});

test('describeAugment reads the config values into one sentence', () => {
  const d = describeAugment(DEFAULT_AUGMENT);
  for (const s of ['±15°', '±2 px', '0.9×', '1.1×']) assert.ok(d.includes(s), `${s} missing in: ${d}`);
  assert.ok(!d.includes('elastic'));
  const e = describeAugment({ ...DEFAULT_AUGMENT, rotationDeg: 10, elastic: { alpha: 8, sigma: 4, probability: 0.5 } });
  for (const s of ['±10°', 'α = 8', 'σ = 4', '50 %']) assert.ok(e.includes(s), `${s} missing in: ${e}`);
  assert.equal(describeAugment(NONE), 'Training images are used as they are, without augmentation.');
  assert.equal(d.split('. ').length, 1);
});
