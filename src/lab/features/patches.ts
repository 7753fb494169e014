/**
 * Patch extraction and per-patch normalization, steps 1–2 of Coates, Lee & Ng (2011), "An analysis
 * of single-layer networks in unsupervised feature learning".
 */
import { Rng } from '../../util/rng';

function checkImages(where: string, images: Float32Array, count: number, height: number, width: number, size: number): void {
  for (const [k, v] of Object.entries({ count, height, width, size })) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`${where}: ${k} must be a positive integer, got ${v}`);
  }
  if (size > height || size > width) throw new Error(`${where}: patch size ${size} exceeds the ${height}×${width} image`);
  if (images.length < count * height * width) {
    throw new Error(`${where}: expected ${count}×${height}×${width} = ${count * height * width} pixels, got ${images.length}`);
  }
}

/** `n` size×size patches at uniformly random images and positions, row-major, n × size². */
export function randomPatches(
  images: Float32Array,
  count: number,
  height: number,
  width: number,
  size: number,
  n: number,
  rng: Rng,
): Float32Array {
  checkImages('randomPatches (src/lab/features/patches.ts)', images, count, height, width, size);
  const dim = size * size;
  const out = new Float32Array(n * dim);
  for (let p = 0; p < n; p++) {
    const img = rng.int(count);
    const y0 = rng.int(height - size + 1);
    const x0 = rng.int(width - size + 1);
    const base = img * height * width;
    for (let dy = 0; dy < size; dy++) {
      for (let dx = 0; dx < size; dx++) out[p * dim + dy * size + dx] = images[base + (y0 + dy) * width + x0 + dx];
    }
  }
  return out;
}

/**
 * Brightness and contrast normalization of each patch: subtract its mean, divide by
 * √(its variance + eps). `eps` keeps near-constant patches (MNIST's blank background) from being
 * blown up into noise; a constant patch becomes the zero vector.
 */
export function normalizePatch(patch: Float32Array | Float64Array, offset: number, dim: number, eps: number): void {
  let mean = 0;
  for (let i = 0; i < dim; i++) mean += patch[offset + i];
  mean /= dim;
  let v = 0;
  for (let i = 0; i < dim; i++) {
    const d = patch[offset + i] - mean;
    v += d * d;
  }
  // Sample variance (n − 1), as MATLAB's var in the authors' code.
  const scale = 1 / Math.sqrt(v / (dim - 1) + eps);
  for (let i = 0; i < dim; i++) patch[offset + i] = (patch[offset + i] - mean) * scale;
}

export function normalizePatches(patches: Float32Array, dim: number, eps: number): Float32Array {
  if (!Number.isInteger(dim) || dim < 2 || patches.length % dim !== 0) {
    throw new Error(`normalizePatches (src/lab/features/patches.ts): expected rows of dim ≥ 2 dividing ${patches.length}, got dim ${dim}`);
  }
  if (!(eps >= 0)) throw new Error(`normalizePatches (src/lab/features/patches.ts): eps must be ≥ 0, got ${eps}`);
  const out = patches.slice();
  for (let o = 0; o < out.length; o += dim) normalizePatch(out, o, dim, eps);
  return out;
}
