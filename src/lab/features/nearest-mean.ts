/**
 * The simplest image classifier: the nearest class mean, after moving every image so that its
 * centre of ink sits at the image centre (as MNIST's own preprocessing did). It knows nothing about
 * rotation, stroke shape or distortion, which is the point: the augmentation notebook uses it as a
 * neutral "reader" to measure how much of a class's typical appearance a transformation keeps.
 */
import { affineImage, IDENTITY_AFFINE } from '../../augment/affine';

/**
 * Shift each image (sub-pixel, one bilinear resampling) so that its intensity-weighted mean pixel
 * position, measured above `background`, is the image centre. Blank images are copied unchanged.
 */
export function recentreByInk(images: Float32Array, count: number, height: number, width: number, background: number): Float32Array {
  const size = height * width;
  if (images.length < count * size) {
    throw new Error(`recentreByInk (src/lab/features/nearest-mean.ts): expected ${count}×${height}×${width} = ${count * size} values, got ${images.length}`);
  }
  const out = new Float32Array(count * size);
  for (let i = 0; i < count; i++) {
    const img = images.subarray(i * size, (i + 1) * size);
    let mass = 0;
    let mx = 0;
    let my = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const w = img[y * width + x] - background;
        mass += w;
        mx += w * x;
        my += w * y;
      }
    }
    if (!(mass > 0)) {
      out.set(img, i * size);
      continue;
    }
    const dx = (width - 1) / 2 - mx / mass;
    const dy = (height - 1) / 2 - my / mass;
    out.set(affineImage(img, height, width, { ...IDENTITY_AFFINE, translateX: dx, translateY: dy }, background), i * size);
  }
  return out;
}

export interface NearestMean {
  classes: number;
  dim: number;
  /** classes × dim. */
  means: Float64Array;
  /** Whether images are re-centred by ink before comparison (training and prediction alike). */
  recentre: { height: number; width: number; background: number } | null;
}

export function fitNearestMean(
  images: Float32Array,
  count: number,
  dim: number,
  labels: ArrayLike<number>,
  classes: number,
  recentre: NearestMean['recentre'] = null,
): NearestMean {
  const where = 'fitNearestMean (src/lab/features/nearest-mean.ts)';
  if (images.length < count * dim) throw new Error(`${where}: expected ${count} × ${dim} values, got ${images.length}`);
  if (recentre && recentre.height * recentre.width !== dim) {
    throw new Error(`${where}: recentre is for ${recentre.height}×${recentre.width} images but dim is ${dim}`);
  }
  const x = recentre ? recentreByInk(images, count, recentre.height, recentre.width, recentre.background) : images;
  const means = new Float64Array(classes * dim);
  const counts = new Float64Array(classes);
  for (let n = 0; n < count; n++) {
    const c = labels[n];
    if (!Number.isInteger(c) || c < 0 || c >= classes) throw new Error(`${where}: label ${c} at ${n} is outside 0..${classes - 1}`);
    counts[c]++;
    const o = n * dim;
    const m = c * dim;
    for (let i = 0; i < dim; i++) means[m + i] += x[o + i];
  }
  for (let c = 0; c < classes; c++) {
    if (counts[c] === 0) throw new Error(`${where}: class ${c} has no training example`);
    for (let i = 0; i < dim; i++) means[c * dim + i] /= counts[c];
  }
  return { classes, dim, means, recentre };
}

export function predictNearestMean(model: NearestMean, images: Float32Array, count: number): Uint8Array {
  const { classes, dim, means, recentre } = model;
  if (images.length < count * dim) {
    throw new Error(`predictNearestMean (src/lab/features/nearest-mean.ts): expected ${count} × ${dim} values, got ${images.length}`);
  }
  const x = recentre ? recentreByInk(images, count, recentre.height, recentre.width, recentre.background) : images;
  const out = new Uint8Array(count);
  for (let n = 0; n < count; n++) {
    const o = n * dim;
    let best = 0;
    let bestD = Infinity;
    for (let c = 0; c < classes; c++) {
      const m = c * dim;
      let d = 0;
      for (let i = 0; i < dim; i++) {
        const t = x[o + i] - means[m + i];
        d += t * t;
      }
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    out[n] = best;
  }
  return out;
}
