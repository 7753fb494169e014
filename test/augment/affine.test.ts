import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/util/rng';
import {
  DEFAULT_AFFINE_RANGE,
  IDENTITY_AFFINE,
  affineImage,
  randomAffineImage,
  validateAffineRange,
} from '../../src/augment/affine';

const H = 28;
const W = 28;
// Stored as float32, so compare against the float32 value.
const BG = Math.fround((0 - 0.1307) / 0.3081);

/** An asymmetric pattern: distinct value per pixel, so any wrong mapping shows. */
function pattern(h = H, w = W): Float32Array {
  const img = new Float32Array(h * w);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) img[y * w + x] = Math.fround(Math.sin(0.37 * x + 0.11 * y * y) + 0.01 * x);
  return img;
}

function centredSquare(half: number): Float32Array {
  const img = new Float32Array(H * W).fill(BG);
  for (let y = 14 - half; y < 14 + half; y++) for (let x = 14 - half; x < 14 + half; x++) img[y * W + x] = 2.8;
  return img;
}

test('identity parameters give back the image exactly', () => {
  const img = pattern();
  assert.deepEqual(affineImage(img, H, W, IDENTITY_AFFINE, BG), img);
});

test('a 90° rotation matches the analytically rotated pattern (screen-counter-clockwise)', () => {
  const img = pattern();
  const out = affineImage(img, H, W, { ...IDENTITY_AFFINE, rotationDeg: 90 }, BG);
  // Counter-clockwise on screen with rows pointing down: out(x, y) = in(W-1-y, x).
  for (let y = 1; y < H - 1; y++) {
    for (let x = 1; x < W - 1; x++) {
      assert.ok(Math.abs(out[y * W + x] - img[x * W + (W - 1 - y)]) < 1e-6, `pixel (${x}, ${y})`);
    }
  }
  // And a right-pointing bar ends up pointing up.
  const bar = new Float32Array(H * W).fill(BG);
  for (let x = 14; x < 26; x++) bar[13 * W + x] = 1;
  const up = affineImage(bar, H, W, { ...IDENTITY_AFFINE, rotationDeg: 90 }, BG);
  assert.equal(up[3 * W + 13], 1);
  assert.equal(up[24 * W + 13], BG);
});

test('a non-square image rotates about its own centre', () => {
  const h = 10;
  const w = 16;
  const img = pattern(h, w);
  const out = affineImage(img, h, w, { ...IDENTITY_AFFINE, rotationDeg: 180 }, BG);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) assert.equal(out[y * w + x], img[(h - 1 - y) * w + (w - 1 - x)]);
});

test('an integer translation shifts pixels exactly and fills with background', () => {
  const img = pattern();
  const out = affineImage(img, H, W, { ...IDENTITY_AFFINE, translateX: 3, translateY: -2 }, BG);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const sx = x - 3;
      const sy = y + 2;
      const want = sx >= 0 && sy < H ? img[sy * W + sx] : BG;
      assert.equal(out[y * W + x], want, `pixel (${x}, ${y})`);
    }
  }
});

test('zoom > 1 enlarges a centred square, zoom < 1 shrinks it', () => {
  const img = centredSquare(5);
  const inked = (a: Float32Array) => a.reduce((n, v) => n + (v > 0.5 ? 1 : 0), 0);
  const big = affineImage(img, H, W, { ...IDENTITY_AFFINE, zoom: 1.5 }, BG);
  const small = affineImage(img, H, W, { ...IDENTITY_AFFINE, zoom: 0.7 }, BG);
  assert.equal(inked(img), 100);
  assert.ok(inked(big) >= 200 && inked(big) <= 256, `zoomed-in ink ${inked(big)}`);
  assert.ok(inked(small) >= 36 && inked(small) <= 64, `zoomed-out ink ${inked(small)}`);
  // Pixels just outside the original square are now ink.
  assert.ok(big[14 * W + 20] > 0.5 && big[7 * W + 14] > 0.5);
});

test('stretch scales x and y independently', () => {
  const img = centredSquare(4);
  const out = affineImage(img, H, W, { ...IDENTITY_AFFINE, stretchX: 2, stretchY: 1 }, BG);
  const ink = (x: number, y: number) => out[y * W + x] > 0.5;
  assert.ok(ink(7, 14) && ink(20, 14), 'wider');
  assert.ok(!ink(14, 8) && !ink(14, 19), 'not taller');
});

test('random affine: same seed, same output; different seed, different output', () => {
  const img = centredSquare(6);
  const a = randomAffineImage(img, H, W, DEFAULT_AFFINE_RANGE, new Rng(5), BG);
  const b = randomAffineImage(img, H, W, DEFAULT_AFFINE_RANGE, new Rng(5), BG);
  const c = randomAffineImage(img, H, W, DEFAULT_AFFINE_RANGE, new Rng(6), BG);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

test('bilinear output stays within [min, max] of the input', () => {
  const img = pattern();
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of img) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  const rng = new Rng(11);
  const range = { rotationDeg: 45, translatePx: 4, zoom: [0.7, 1.4] as [number, number], stretch: [0.8, 1.2] as [number, number] };
  for (let t = 0; t < 50; t++) {
    const out = randomAffineImage(img, H, W, range, rng, lo);
    for (const v of out) assert.ok(v >= lo && v <= hi, `${v} outside [${lo}, ${hi}]`);
  }
});

test('rotation bounds at or beyond 90° and bad scales are rejected with a clear message', () => {
  assert.throws(() => validateAffineRange({ ...DEFAULT_AFFINE_RANGE, rotationDeg: 180 }), /rotationDeg must be in \[0, 90\)/);
  assert.throws(() => validateAffineRange({ ...DEFAULT_AFFINE_RANGE, zoom: [1.1, 0.9] }), /zoom/);
  assert.throws(() => affineImage(new Float32Array(10), H, W, IDENTITY_AFFINE, BG), /at least/);
});
