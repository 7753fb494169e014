/**
 * Per-epoch augmentation of a training batch: every image gets its own random affine transform
 * and, with some probability, an elastic distortion, all in a single bilinear resampling.
 */
import { Rng } from '../util/rng';
import { affineInverseMap, sampleAffineParams, validateAffineRange } from './affine';
import { applyCutout, validateCutoutParams, type CutoutParams } from './cutout';
import { ElasticWorkspace, validateElasticParams } from './elastic';
import { checkImageArgs, outputFor, warpImage } from './sample';

export interface AugmentConfig {
  /** Rotation bound in degrees (uniform in ±rotationDeg); must be < 90, see AffineRange. */
  rotationDeg: number;
  /** Translation bound in pixels, x and y independently. */
  translatePx: number;
  /** Isotropic scale range. */
  zoom: [number, number];
  /** Anisotropic scale range, x and y factors drawn independently. */
  stretch: [number, number];
  /** Elastic distortion, applied to each image with the given probability; omitted = never. */
  elastic?: { alpha: number; sigma: number; probability: number };
  /** Cutout after the resampling (src/augment/cutout.ts); omitted = never. */
  cutout?: CutoutParams;
}

/** Mild affine jitter only; elastic distortion is opt-in because it costs ~10× more per image. */
export const DEFAULT_AUGMENT: AugmentConfig = {
  rotationDeg: 15,
  translatePx: 2,
  zoom: [0.9, 1.1],
  stretch: [0.9, 1.1],
};

export function validateAugmentConfig(config: AugmentConfig): void {
  validateAffineRange(config, 'AugmentConfig');
  if (config.elastic !== undefined) {
    validateElasticParams(config.elastic, 'AugmentConfig.elastic');
    const p = config.elastic.probability;
    if (!(p >= 0 && p <= 1)) throw new Error(`AugmentConfig.elastic: probability must be in [0, 1], got ${p}`);
  }
  if (config.cutout !== undefined) validateCutoutParams(config.cutout, 'AugmentConfig.cutout');
}

/**
 * Augment `count` images of height×width from `src` into `out` (allocated if omitted; must not
 * alias `src`). Images are independent; the draws per image are: six affine parameters, then (if
 * elastic is configured) one uniform for the coin and, on heads, the two displacement fields.
 */
export function augmentBatch(
  src: Float32Array,
  count: number,
  height: number,
  width: number,
  config: AugmentConfig,
  rng: Rng,
  background: number,
  out?: Float32Array,
): Float32Array {
  checkImageArgs('augmentBatch', src, count, height, width, background);
  validateAugmentConfig(config);
  const size = height * width;
  const dst = outputFor('augmentBatch', out, count * size);
  if (dst.buffer === src.buffer && rangesOverlap(dst, src, count * size)) {
    throw new Error('augmentBatch: out must not overlap src (each pixel reads a neighbourhood of the input)');
  }
  const elastic = config.elastic;
  const ws = elastic !== undefined && elastic.probability > 0 ? new ElasticWorkspace(height, width, elastic.sigma) : null;
  for (let i = 0; i < count; i++) {
    const map = affineInverseMap(sampleAffineParams(config, rng), height, width);
    let distort = false;
    if (elastic !== undefined) distort = rng.uniform() < elastic.probability;
    if (distort && ws !== null && elastic !== undefined) {
      ws.sample(elastic.alpha, rng);
      warpImage(src, i * size, dst, i * size, height, width, map, background, ws.dx, ws.dy);
    } else {
      warpImage(src, i * size, dst, i * size, height, width, map, background);
    }
    if (config.cutout !== undefined) applyCutout(dst, i * size, height, width, config.cutout, rng, background);
  }
  return dst;
}

function rangesOverlap(a: Float32Array, b: Float32Array, length: number): boolean {
  const a0 = a.byteOffset;
  const b0 = b.byteOffset;
  const bytes = length * Float32Array.BYTES_PER_ELEMENT;
  return a0 < b0 + bytes && b0 < a0 + bytes;
}

/** One sentence for the report, built from the values actually used. */
export function describeAugment(config: AugmentConfig): string {
  validateAugmentConfig(config);
  const parts: string[] = [];
  if (config.rotationDeg > 0) parts.push(`a rotation of up to ±${fmt(config.rotationDeg)}°`);
  if (config.translatePx > 0) parts.push(`a shift of up to ±${fmt(config.translatePx)} px in x and y`);
  if (!isOne(config.zoom)) parts.push(`a zoom between ${fmt(config.zoom[0])}× and ${fmt(config.zoom[1])}×`);
  if (!isOne(config.stretch)) {
    parts.push(`independent horizontal and vertical stretches between ${fmt(config.stretch[0])}× and ${fmt(config.stretch[1])}×`);
  }
  const e = config.elastic;
  const elastic =
    e !== undefined && e.probability > 0 && e.alpha > 0
      ? `elastic distortion (α = ${fmt(e.alpha)}, σ = ${fmt(e.sigma)} px) on ${fmt(e.probability * 100)} % of images`
      : null;
  const cutout = config.cutout !== undefined && config.cutout.probability > 0 ? `, then a ${config.cutout.size}×${config.cutout.size} px square blanked (cutout) on ${fmt(config.cutout.probability * 100)} % of images` : '';
  if (cutout !== '') return `${describeAugment({ ...config, cutout: undefined }).replace(/\.$/, '')}${cutout}.`;
  if (parts.length === 0 && elastic === null) return 'Training images are used as they are, without augmentation.';
  const geometric = parts.length > 0 ? `${listJoin(parts)}, drawn uniformly and independently` : '';
  const what = elastic === null ? geometric : geometric === '' ? elastic : `${geometric}, plus ${elastic}`;
  return `Each epoch, every training image gets ${what}, all in one bilinear resampling with background fill.`;
}

function isOne([low, high]: [number, number]): boolean {
  return low === 1 && high === 1;
}

function fmt(v: number): string {
  return String(Number(v.toFixed(3)));
}

function listJoin(items: string[]): string {
  if (items.length <= 1) return items.join('');
  if (items.length === 2) return `${items[0]} and ${items[1]}`;
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
