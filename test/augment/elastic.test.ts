import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/util/rng';
import { DEFAULT_ELASTIC, ElasticWorkspace, elasticImage, gaussianKernel } from '../../src/augment/elastic';

const H = 28;
const W = 28;
const BG = Math.fround((0 - 0.1307) / 0.3081);
const INK = Math.fround((1 - 0.1307) / 0.3081);

/** A crude "digit": a ring plus a bar, well inside the frame. */
function digit(): Float32Array {
  const img = new Float32Array(H * W).fill(BG);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const r = Math.hypot(x - 13.5, y - 11);
      if (r > 4 && r < 7) img[y * W + x] = INK;
      if (x >= 17 && x <= 19 && y >= 11 && y <= 23) img[y * W + x] = INK;
    }
  }
  return img;
}

/** Ink mass measured above background, so the background level itself does not count. */
function mass(img: Float32Array): number {
  let s = 0;
  for (const v of img) s += v - BG;
  return s;
}

test('the Gaussian kernel is normalised, symmetric and truncated at ceil(3σ)', () => {
  const k = gaussianKernel(4);
  assert.equal(k.length, 2 * 12 + 1);
  assert.ok(Math.abs(k.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  for (let i = 0; i < k.length; i++) assert.equal(k[i], k[k.length - 1 - i]);
  assert.ok(k[12] > k[11] && k[11] > k[0]);
});

test('α = 0 is the identity', () => {
  const img = digit();
  assert.deepEqual(elasticImage(img, H, W, { alpha: 0, sigma: 4 }, new Rng(1), BG), img);
});

test('α > 0 changes the image but roughly keeps the ink mass', () => {
  const img = digit();
  const rng = new Rng(2);
  // Mild α: every single image keeps its mass within 15 %.
  for (let t = 0; t < 20; t++) {
    const out = elasticImage(img, H, W, { alpha: 8, sigma: 4 }, rng, BG);
    let changed = 0;
    for (let i = 0; i < out.length; i++) if (Math.abs(out[i] - img[i]) > 0.1) changed++;
    assert.ok(changed > 20, `only ${changed} pixels changed`);
    const ratio = mass(out) / mass(img);
    assert.ok(Math.abs(ratio - 1) < 0.15, `mass ratio ${ratio}`);
  }
  // Simard's α = 34 locally compresses or stretches strokes enough that single images can gain or
  // lose a third of their ink, but on average the mass is kept.
  let sum = 0;
  for (let t = 0; t < 200; t++) sum += mass(elasticImage(img, H, W, DEFAULT_ELASTIC, rng, BG)) / mass(img);
  assert.ok(Math.abs(sum / 200 - 1) < 0.05, `mean mass ratio ${sum / 200}`);
});

test('the smoothed field has the expected size: displacements of about a pixel at α=34, σ=4', () => {
  const ws = new ElasticWorkspace(H, W, 4);
  const rng = new Rng(3);
  let ss = 0;
  let n = 0;
  for (let t = 0; t < 50; t++) {
    ws.sample(34, rng);
    // Interior only: zero padding thins the field near the border.
    for (let y = 12; y < 16; y++) for (let x = 12; x < 16; x++) { ss += ws.dx[y * W + x] ** 2; n++; }
  }
  // Var of U(-1,1) is 1/3; a 2-D Gaussian blur divides it by 4πσ² → std ≈ 34·sqrt(1/3/(4π·16)) ≈ 1.38.
  const std = Math.sqrt(ss / n);
  assert.ok(std > 0.9 && std < 1.9, `std ${std}`);
});

test('same seed gives the same distortion, a different seed a different one', () => {
  const img = digit();
  const a = elasticImage(img, H, W, DEFAULT_ELASTIC, new Rng(9), BG);
  const b = elasticImage(img, H, W, DEFAULT_ELASTIC, new Rng(9), BG);
  const c = elasticImage(img, H, W, DEFAULT_ELASTIC, new Rng(10), BG);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

test('elastic output stays within [min, max] of the input', () => {
  const img = digit();
  const rng = new Rng(4);
  const ws = new ElasticWorkspace(H, W, 3);
  for (let t = 0; t < 30; t++) {
    const out = elasticImage(img, H, W, { alpha: 60, sigma: 3 }, rng, BG, undefined, ws);
    for (const v of out) assert.ok(v >= BG && v <= INK, `${v}`);
  }
});

test('bad parameters and a mismatched workspace are rejected', () => {
  const img = digit();
  assert.throws(() => elasticImage(img, H, W, { alpha: -1, sigma: 4 }, new Rng(1), BG), /alpha/);
  assert.throws(() => elasticImage(img, H, W, { alpha: 8, sigma: 0 }, new Rng(1), BG), /sigma/);
  assert.throws(() => elasticImage(img, H, W, { alpha: 8, sigma: 4 }, new Rng(1), BG, undefined, new ElasticWorkspace(H, W, 3)), /workspace/);
});

test('the separable smoothing matches a direct 2-D zero-padded Gaussian convolution', () => {
  const h = 12;
  const w = 9;
  const sigma = 1.5;
  const alpha = 3;
  const ws = new ElasticWorkspace(h, w, sigma);
  ws.sample(alpha, new Rng(21));
  // Replay the documented draws: all of dx's noise, then all of dy's.
  const rng = new Rng(21);
  const nx = Array.from({ length: h * w }, () => rng.uniformIn(-1, 1));
  const ny = Array.from({ length: h * w }, () => rng.uniformIn(-1, 1));
  const r = Math.ceil(3 * sigma);
  let norm = 0;
  for (let i = -r; i <= r; i++) norm += Math.exp(-(i * i) / (2 * sigma * sigma));
  const g = (i: number) => (Math.abs(i) <= r ? Math.exp(-(i * i) / (2 * sigma * sigma)) / norm : 0);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sx = 0;
      let sy = 0;
      for (let v = 0; v < h; v++) for (let u = 0; u < w; u++) {
        sx += g(y - v) * g(x - u) * nx[v * w + u];
        sy += g(y - v) * g(x - u) * ny[v * w + u];
      }
      assert.ok(Math.abs(ws.dx[y * w + x] - alpha * sx) < 1e-5, `dx at (${x}, ${y})`);
      assert.ok(Math.abs(ws.dy[y * w + x] - alpha * sy) < 1e-5, `dy at (${x}, ${y})`);
    }
  }
});
