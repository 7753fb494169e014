/**
 * Steps 5–6 of Coates, Lee & Ng (2011): encode every patch position of an image with the
 * "triangle" k-means activation, f_k(x) = max(0, μ(z) − z_k) with z_k = ‖x − c_k‖ and μ(z) the mean
 * of the z_k, giving a K-channel response map; then sum-pool that map over its four quadrants,
 * giving 4K numbers per image. About half of the f_k are zero: a soft, sparse assignment.
 */
import { normalizePatch } from './patches';
import { Zca } from './zca';

export interface PatchEncoder {
  /** Patch side in pixels. */
  size: number;
  /** Step between patch positions. */
  stride: number;
  /** Per-patch contrast-normalization epsilon (see normalizePatch). */
  normEps: number;
  zca: Zca;
  /** K × size², in whitened space. */
  centroids: Float32Array;
  k: number;
}

/** Number of patch positions along an axis of length `extent`. */
export function positions(extent: number, size: number, stride: number): number {
  return Math.floor((extent - size) / stride) + 1;
}

/** Triangle activation of one whitened patch `y` (dim) into `out` (K). */
export function triangle(y: ArrayLike<number>, centroids: Float32Array, k: number, out: Float64Array): void {
  const dim = y.length;
  let mean = 0;
  for (let c = 0; c < k; c++) {
    let s = 0;
    const o = c * dim;
    for (let i = 0; i < dim; i++) {
      const d = y[i] - centroids[o + i];
      s += d * d;
    }
    out[c] = Math.sqrt(s);
    mean += out[c];
  }
  mean /= k;
  for (let c = 0; c < k; c++) out[c] = Math.max(0, mean - out[c]);
}

/** Validates encodeImages' arguments; returns the number of patch positions down (ny) and across (nx). */
function checkEncodeInputs(images: Float32Array, count: number, height: number, width: number, enc: PatchEncoder): { ny: number; nx: number } {
  const { size, stride, zca, centroids, k } = enc;
  const dim = size * size;
  const where = 'encodeImages (src/lab/features/encode.ts)';
  if (zca.dim !== dim) throw new Error(`${where}: ZCA is for ${zca.dim}-pixel patches, but size ${size} gives ${dim}`);
  if (centroids.length !== k * dim) throw new Error(`${where}: expected ${k} × ${dim} centroid values, got ${centroids.length}`);
  if (!Number.isInteger(stride) || stride < 1) throw new Error(`${where}: stride must be a positive integer, got ${stride}`);
  if (images.length < count * height * width) throw new Error(`${where}: expected ${count * height * width} pixels, got ${images.length}`);
  const ny = positions(height, size, stride);
  const nx = positions(width, size, stride);
  if (ny < 1 || nx < 1) throw new Error(`${where}: patch size ${size} does not fit a ${height}×${width} image`);
  return { ny, nx };
}

/** Reusable buffers for one patch: fill `patch`, call `whitenAndEncode`, read the K activations from `act`. */
interface PatchCoder {
  patch: Float64Array;
  act: Float64Array;
  whitenAndEncode: () => void;
}

function patchCoder(enc: PatchEncoder): PatchCoder {
  const { size, zca, centroids, k } = enc;
  const dim = size * size;
  const patch = new Float64Array(dim);
  const centred = new Float64Array(dim);
  const white = new Float64Array(dim);
  const act = new Float64Array(k);
  const { mean, matrix } = zca;
  const whitenAndEncode = (): void => {
    for (let i = 0; i < dim; i++) centred[i] = patch[i] - mean[i];
    for (let i = 0; i < dim; i++) {
      let s = 0;
      const o = i * dim;
      for (let j = 0; j < dim; j++) s += matrix[o + j] * centred[j];
      white[i] = s;
    }
    triangle(white, centroids, k, act);
  };
  return { patch, act, whitenAndEncode };
}

/**
 * Copies the size × size patch at (y0, x0) of the image starting at `base` (rows `width` long)
 * into `patch`; returns whether all its pixels are equal.
 */
function readPatch(images: Float32Array, base: number, width: number, y0: number, x0: number, size: number, patch: Float64Array): boolean {
  let constant = true;
  const first = images[base + y0 * width + x0];
  for (let dy = 0; dy < size; dy++) {
    for (let dx = 0; dx < size; dx++) {
      const v = images[base + (y0 + dy) * width + x0 + dx];
      patch[dy * size + dx] = v;
      if (v !== first) constant = false;
    }
  }
  return constant;
}

/**
 * Encode `count` images (height × width each) into count × 4K features: per image, the triangle
 * activations summed over the top-left, top-right, bottom-left and bottom-right quadrants of the
 * patch-position grid, in that order, each block K long.
 */
export function encodeImages(images: Float32Array, count: number, height: number, width: number, enc: PatchEncoder): Float32Array {
  const { ny, nx } = checkEncodeInputs(images, count, height, width, enc);
  const { size, stride, normEps, k } = enc;
  const dim = size * size;
  const halfY = Math.ceil(ny / 2);
  const halfX = Math.ceil(nx / 2);
  const out = new Float32Array(count * 4 * k);
  const coder = patchCoder(enc);
  // A constant patch (MNIST's empty background) normalizes to the zero vector, so its code is
  // the same everywhere: compute it once. Exact, and it skips about half of all positions.
  coder.patch.fill(0);
  coder.whitenAndEncode();
  const blankCode = Float64Array.from(coder.act);

  for (let n = 0; n < count; n++) {
    const base = n * height * width;
    const feat = n * 4 * k;
    for (let py = 0; py < ny; py++) {
      for (let px = 0; px < nx; px++) {
        const constant = readPatch(images, base, width, py * stride, px * stride, size, coder.patch);
        let code: Float64Array;
        if (constant) {
          code = blankCode;
        } else {
          normalizePatch(coder.patch, 0, dim, normEps);
          coder.whitenAndEncode();
          code = coder.act;
        }
        const q = (py < halfY ? 0 : 2) + (px < halfX ? 0 : 1);
        const o = feat + q * k;
        for (let c = 0; c < k; c++) out[o + c] += code[c];
      }
    }
  }
  return out;
}
