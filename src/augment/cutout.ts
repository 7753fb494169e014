/**
 * Cutout (DeVries & Taylor 2017): one square of the image set to the background, centred at a
 * uniformly drawn pixel, so the square may hang over the border and cover less. FixMatch's strong
 * view ends with it; it removes a stroke piece, which a digit's class must survive.
 */
import type { Rng } from '../util/rng';

export interface CutoutParams {
  /** Side of the square in pixels. */
  size: number;
  /** Share of images that get a square. */
  probability: number;
}

export function validateCutoutParams(params: CutoutParams, where: string): void {
  if (!(Number.isInteger(params.size) && params.size >= 1)) throw new Error(`${where}: size must be a positive integer number of pixels, got ${params.size}`);
  const p = params.probability;
  if (!(p >= 0 && p <= 1)) throw new Error(`${where}: probability must be in [0, 1], got ${p}`);
}

/**
 * Draws the coin and, on heads, the centre (row, then column), and blanks the square in place in
 * the image at `offset`. The draws are made in this order so that a config without cutout draws
 * nothing and keeps every other stream as it was.
 */
export function applyCutout(image: Float32Array, offset: number, height: number, width: number, params: CutoutParams, rng: Rng, background: number): void {
  if (!(rng.uniform() < params.probability)) return;
  const cy = Math.floor(rng.uniform() * height);
  const cx = Math.floor(rng.uniform() * width);
  const half = Math.floor(params.size / 2);
  const y0 = Math.max(0, cy - half);
  const y1 = Math.min(height, cy - half + params.size);
  const x0 = Math.max(0, cx - half);
  const x1 = Math.min(width, cx - half + params.size);
  for (let y = y0; y < y1; y++) image.fill(background, offset + y * width + x0, offset + y * width + x1);
}
