/**
 * The whole unsupervised front end of Coates, Lee & Ng (2011) in one call: random patches from
 * (unlabeled) images → per-patch normalization → ZCA → k-means → a PatchEncoder.
 */
import { Rng } from '../../util/rng';
import { PatchEncoder } from './encode';
import { kmeans } from './kmeans';
import { normalizePatches, randomPatches } from './patches';
import { applyZca, fitZca } from './zca';

export interface PatchFeatureConfig {
  size: number;
  stride: number;
  k: number;
  /** Number of random training patches for ZCA and k-means. */
  patches: number;
  normEps: number;
  zcaEps: number;
  kmeansIterations: number;
  /** Drop patches that are constant (blank background) before fitting; they all map to one point. */
  skipBlank: boolean;
}

export function fitPatchFeatures(
  images: Float32Array,
  count: number,
  height: number,
  width: number,
  config: PatchFeatureConfig,
  rng: Rng,
): { encoder: PatchEncoder; inertia: number[]; blankFraction: number } {
  const { size, k, patches, normEps, zcaEps, kmeansIterations, skipBlank } = config;
  const dim = size * size;
  const raw = randomPatches(images, count, height, width, size, patches, rng);
  let kept = raw;
  let blank = 0;
  const isBlank = (o: number) => {
    for (let i = 1; i < dim; i++) if (raw[o + i] !== raw[o]) return false;
    return true;
  };
  for (let o = 0; o < raw.length; o += dim) if (isBlank(o)) blank++;
  if (skipBlank && blank > 0) {
    kept = new Float32Array((patches - blank) * dim);
    let w = 0;
    for (let o = 0; o < raw.length; o += dim) {
      if (isBlank(o)) continue;
      kept.set(raw.subarray(o, o + dim), w);
      w += dim;
    }
  }
  const normalized = normalizePatches(kept, dim, normEps);
  const zca = fitZca(normalized, dim, zcaEps);
  const whitened = applyZca(zca, normalized);
  const km = kmeans(whitened, dim, { k, iterations: kmeansIterations, rng });
  return {
    encoder: { size, stride: config.stride, normEps, zca, centroids: km.centroids, k },
    inertia: km.inertia,
    blankFraction: blank / patches,
  };
}
