/**
 * Random affine augmentation: rotation, translation, isotropic zoom and anisotropic stretch,
 * composed into one matrix about the image centre so each image is resampled once (every extra
 * bilinear pass blurs the strokes a little more).
 */
import { Rng } from '../util/rng';
import { InverseMap, checkImageArgs, outputFor, warpImage } from './sample';

/** One concrete affine transform, in output-image terms. */
export interface AffineParams {
  /** Counter-clockwise as seen on screen (rows grow downwards), in degrees. */
  rotationDeg: number;
  /** Shift to the right, in pixels. */
  translateX: number;
  /** Shift downwards, in pixels. */
  translateY: number;
  /** Isotropic scale; > 1 enlarges the digit. */
  zoom: number;
  /** Extra horizontal scale (stretch > 1, squeeze < 1), applied on top of zoom. */
  stretchX: number;
  /** Extra vertical scale, independent of stretchX. */
  stretchY: number;
}

export const IDENTITY_AFFINE: Readonly<AffineParams> = {
  rotationDeg: 0,
  translateX: 0,
  translateY: 0,
  zoom: 1,
  stretchX: 1,
  stretchY: 1,
};

/** The ranges random transforms are drawn from (each uniformly, independently per image). */
export interface AffineRange {
  /**
   * Rotation bound: the angle is uniform in [-rotationDeg, +rotationDeg]. Must stay well under 90°:
   * a digit rotated near 180° changes class (a 6 becomes a 9), and around 90° many digits are
   * already unrecognisable, so large angles teach the network wrong labels.
   */
  rotationDeg: number;
  /** Translation bound: each of x and y is uniform in [-translatePx, +translatePx] pixels. */
  translatePx: number;
  /** Isotropic scale range [low, high]. */
  zoom: readonly [number, number];
  /** Anisotropic scale range; the x and y factors are drawn independently from it. */
  stretch: readonly [number, number];
}

export const DEFAULT_AFFINE_RANGE: Readonly<AffineRange> = {
  rotationDeg: 15,
  translatePx: 2,
  zoom: [0.9, 1.1],
  stretch: [0.9, 1.1],
};

export function validateAffineRange(range: AffineRange, where = 'affine range'): void {
  const r = range.rotationDeg;
  if (!Number.isFinite(r) || r < 0 || r >= 90) {
    throw new Error(`${where}: rotationDeg must be in [0, 90) (large angles change the class, e.g. 6 ↔ 9), got ${r}`);
  }
  if (!Number.isFinite(range.translatePx) || range.translatePx < 0) {
    throw new Error(`${where}: translatePx must be a finite number ≥ 0, got ${range.translatePx}`);
  }
  checkScaleRange(`${where}: zoom`, range.zoom);
  checkScaleRange(`${where}: stretch`, range.stretch);
}

function checkScaleRange(what: string, [low, high]: readonly [number, number]): void {
  if (!(Number.isFinite(low) && Number.isFinite(high) && low > 0 && low <= high)) {
    throw new Error(`${what} must be [low, high] with 0 < low ≤ high, got [${low}, ${high}]`);
  }
}

/** Draw one transform; always consumes the same number of draws so streams stay aligned across configs. */
export function sampleAffineParams(range: AffineRange, rng: Rng): AffineParams {
  return {
    rotationDeg: rng.uniformIn(-range.rotationDeg, range.rotationDeg),
    translateX: rng.uniformIn(-range.translatePx, range.translatePx),
    translateY: rng.uniformIn(-range.translatePx, range.translatePx),
    zoom: rng.uniformIn(range.zoom[0], range.zoom[1]),
    stretchX: rng.uniformIn(range.stretch[0], range.stretch[1]),
    stretchY: rng.uniformIn(range.stretch[0], range.stretch[1]),
  };
}

/**
 * The inverse map for `params` about the image centre ((width-1)/2, (height-1)/2).
 *
 * Forward: p_out = c + t + R·S·(p_in − c), S = diag(zoom·stretchX, zoom·stretchY), R a screen-CCW
 * rotation. Inverse: p_in = c + S⁻¹·Rᵀ·(p_out − c − t). Entries within 1e-12 of an integer are
 * snapped, so e.g. a 90° rotation samples exactly on pixel centres instead of 1e-16 beside them.
 */
export function affineInverseMap(params: AffineParams, height: number, width: number): InverseMap {
  const { rotationDeg, translateX, translateY, zoom, stretchX, stretchY } = params;
  const scaleX = zoom * stretchX;
  const scaleY = zoom * stretchY;
  if (!(Number.isFinite(scaleX) && Number.isFinite(scaleY) && scaleX > 0 && scaleY > 0)) {
    throw new Error(`affine: zoom and stretch must be finite and > 0, got zoom=${zoom}, stretch=(${stretchX}, ${stretchY})`);
  }
  if (!Number.isFinite(rotationDeg) || !Number.isFinite(translateX) || !Number.isFinite(translateY)) {
    throw new Error(`affine: rotation and translation must be finite, got ${rotationDeg}°, (${translateX}, ${translateY})`);
  }
  const theta = (rotationDeg * Math.PI) / 180;
  const cos = snap(Math.cos(theta));
  const sin = snap(Math.sin(theta));
  // With rows pointing down, screen-CCW rotation is [[cos, sin], [-sin, cos]]; its inverse is the transpose.
  const a = snap(cos / scaleX);
  const b = snap(-sin / scaleX);
  const d = snap(sin / scaleY);
  const e = snap(cos / scaleY);
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  const ox = cx + translateX;
  const oy = cy + translateY;
  return [a, b, cx - a * ox - b * oy, d, e, cy - d * ox - e * oy];
}

function snap(v: number): number {
  const r = Math.round(v);
  return Math.abs(v - r) < 1e-12 ? r : v;
}

/** Apply one fixed transform to a single image (height×width values from `image`). */
export function affineImage(
  image: Float32Array,
  height: number,
  width: number,
  params: AffineParams,
  background: number,
  out?: Float32Array,
): Float32Array {
  checkImageArgs('affineImage', image, 1, height, width, background);
  const dst = outputFor('affineImage', out, height * width);
  if (dst === image) throw new Error('affineImage: out must not alias the input image');
  warpImage(image, 0, dst, 0, height, width, affineInverseMap(params, height, width), background);
  return dst;
}

/** Apply one random transform drawn from `range` to a single image. */
export function randomAffineImage(
  image: Float32Array,
  height: number,
  width: number,
  range: AffineRange,
  rng: Rng,
  background: number,
  out?: Float32Array,
): Float32Array {
  validateAffineRange(range, 'randomAffineImage');
  return affineImage(image, height, width, sampleAffineParams(range, rng), background, out);
}
