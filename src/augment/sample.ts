import { plural } from '../util/plural';
/**
 * The one resampling step every geometric augmentation shares: for each output pixel, find the
 * source coordinate, read it by bilinear interpolation, and use `background` for the part of the
 * 2×2 neighbourhood that falls outside the image.
 *
 * Out-of-image neighbours take the background value (rather than clamping to the edge pixel) so a
 * shifted digit never drags a smeared border in with it; on MNIST the border is background anyway.
 * Every output value is a convex combination of input pixels and `background`, so bilinear
 * sampling cannot overshoot [min(input, background), max(input, background)].
 */

/**
 * An inverse map from output pixel (x, y) to source coordinate
 * `sx = m[0]*x + m[1]*y + m[2]`, `sy = m[3]*x + m[4]*y + m[5]` (x = column, y = row, pixel centres
 * at integers). Kept as six plain numbers so the inner loop is a few multiply-adds.
 */
export type InverseMap = readonly [number, number, number, number, number, number];

export const IDENTITY_MAP: InverseMap = [1, 0, 0, 0, 1, 0];

/**
 * Warp one image: `dst[dstOffset + y*width + x] = src(sample point)`, where the sample point is
 * `map(x + dx[y*width+x], y + dy[y*width+x])` — the displacement (if given) is applied in output
 * coordinates before the inverse affine map, which equals an affine warp followed by an elastic
 * one, but with a single interpolation (less blur than two).
 */
export function warpImage(
  src: Float32Array,
  srcOffset: number,
  dst: Float32Array,
  dstOffset: number,
  height: number,
  width: number,
  map: InverseMap,
  background: number,
  dx: Float32Array | null = null,
  dy: Float32Array | null = null,
): void {
  const [m0, m1, m2, m3, m4, m5] = map;
  const wMax = width - 1;
  const hMax = height - 1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      let px = x;
      let py = y;
      if (dx !== null && dy !== null) {
        px += dx[row + x];
        py += dy[row + x];
      }
      const sx = m0 * px + m1 * py + m2;
      const sy = m3 * px + m4 * py + m5;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      let v: number;
      if (x0 >= 0 && y0 >= 0 && x0 < wMax && y0 < hMax) {
        // Fast path: the whole 2×2 neighbourhood is inside.
        const i = srcOffset + y0 * width + x0;
        const a = src[i];
        const b = src[i + 1];
        const c = src[i + width];
        const d = src[i + width + 1];
        const top = a + fx * (b - a);
        const bottom = c + fx * (d - c);
        v = top + fy * (bottom - top);
      } else if (x0 < -1 || y0 < -1 || x0 > wMax || y0 > hMax || sx !== sx || sy !== sy) {
        v = background;
      } else {
        const a = pixelOr(src, srcOffset, width, height, x0, y0, background);
        const b = pixelOr(src, srcOffset, width, height, x0 + 1, y0, background);
        const c = pixelOr(src, srcOffset, width, height, x0, y0 + 1, background);
        const d = pixelOr(src, srcOffset, width, height, x0 + 1, y0 + 1, background);
        const top = a + fx * (b - a);
        const bottom = c + fx * (d - c);
        v = top + fy * (bottom - top);
      }
      dst[dstOffset + row + x] = v;
    }
  }
}

function pixelOr(
  src: Float32Array,
  offset: number,
  width: number,
  height: number,
  x: number,
  y: number,
  background: number,
): number {
  return x >= 0 && y >= 0 && x < width && y < height ? src[offset + y * width + x] : background;
}

/** Shared argument checks, so every entry point fails with the same clear message. */
export function checkImageArgs(
  where: string,
  src: Float32Array,
  count: number,
  height: number,
  width: number,
  background: number,
): void {
  if (!Number.isInteger(height) || height < 1 || !Number.isInteger(width) || width < 1) {
    throw new Error(`${where}: height and width must be positive integers, got ${height}×${width}`);
  }
  if (!Number.isInteger(count) || count < 0) {
    throw new Error(`${where}: count must be a non-negative integer, got ${count}`);
  }
  if (src.length < count * height * width) {
    throw new Error(
      `${where}: expected at least ${count}×${height}×${width} = ${plural(count * height * width, 'value')}, got ${src.length}`,
    );
  }
  if (!Number.isFinite(background)) throw new Error(`${where}: background must be finite, got ${background}`);
}

/** Return `out` if it is big enough, otherwise allocate; a too-small `out` is an error, not silently replaced. */
export function outputFor(where: string, out: Float32Array | undefined, length: number): Float32Array {
  if (out === undefined) return new Float32Array(length);
  if (out.length < length) throw new Error(`${where}: out must hold ${plural(length, 'value')}, got ${out.length}`);
  return out;
}
