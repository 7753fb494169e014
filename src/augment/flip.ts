/**
 * Horizontal and vertical flips of a batch (N×H×W, one channel).
 *
 * Kept only so the notebook can show why they are wrong for digits: a mirrored 2 or 7 is not a
 * digit, and a vertically flipped 6 looks like a 9 — flips change the label, unlike for photos.
 */
import { checkImageArgs, outputFor } from './sample';

/** Mirror each image left ↔ right. */
export function flipHorizontal(src: Float32Array, count: number, height: number, width: number, out?: Float32Array): Float32Array {
  checkImageArgs('flipHorizontal', src, count, height, width, 0);
  const dst = outputFor('flipHorizontal', out, count * height * width);
  if (dst === src) throw new Error('flipHorizontal: out must not alias the input');
  for (let r = 0; r < count * height; r++) {
    const row = r * width;
    for (let x = 0; x < width; x++) dst[row + x] = src[row + width - 1 - x];
  }
  return dst;
}

/** Mirror each image top ↔ bottom. */
export function flipVertical(src: Float32Array, count: number, height: number, width: number, out?: Float32Array): Float32Array {
  checkImageArgs('flipVertical', src, count, height, width, 0);
  const dst = outputFor('flipVertical', out, count * height * width);
  if (dst === src) throw new Error('flipVertical: out must not alias the input');
  const size = height * width;
  for (let i = 0; i < count; i++) {
    const base = i * size;
    for (let y = 0; y < height; y++) {
      dst.set(src.subarray(base + (height - 1 - y) * width, base + (height - y) * width), base + y * width);
    }
  }
  return dst;
}
