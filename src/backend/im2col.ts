/**
 * im2col for NHWC maps: one row per output position (b, r, s), one column per filter tap and input
 * channel (i, j, p), in the filter's [kh, kw, ci] order, zeros where a tap falls outside the image
 * (padding, or 'ceil' rounding reading past it). A convolution's filter gradient is then one
 * matrix product, dyᵀ · cols (src/backend/conv2d-backprop-filter-wasm.ts).
 */

/** Where each output position's window starts and how it steps; the conv's geometry. */
export interface Im2colGeometry {
  n: number; h: number; w: number; ci: number;
  kh: number; kw: number; oh: number; ow: number;
  sh: number; sw: number; dh: number; dw: number;
  top: number; left: number;
}

/** Fills `out` ([n·oh·ow, kh·kw·ci], row-major) from x ([n, h, w, ci]). */
export function im2col(x: Float32Array, g: Im2colGeometry, out: Float32Array): void {
  const { n, h, oh, ow, kh, kw, ci, sh, dh, top } = g;
  const tapRow = kw * ci;
  let o = 0;
  for (let b = 0; b < n; b++) {
    for (let r = 0; r < oh; r++) {
      for (let s = 0; s < ow; s++) {
        for (let i = 0; i < kh; i++, o += tapRow) {
          const xr = r * sh + i * dh - top;
          if (xr < 0 || xr >= h) out.fill(0, o, o + tapRow);
          else copyTapRow(x, g, (b * h + xr) * g.w, s, out, o);
        }
      }
    }
  }
}

/** One filter row (kw taps × ci channels) of the window at column s, from the image row starting at pixel `rowPixel`. */
function copyTapRow(x: Float32Array, g: Im2colGeometry, rowPixel: number, s: number, out: Float32Array, o: number): void {
  const { w, kw, ci, sw, dw, left } = g;
  const x0 = s * sw - left;
  // Taps j in [jLo, jHi) read inside the row; the rest are padding.
  const jLo = Math.min(kw, Math.max(0, Math.ceil(-x0 / dw)));
  const jHi = Math.max(jLo, Math.min(kw, Math.floor((w - 1 - x0) / dw) + 1));
  if (jLo > 0) out.fill(0, o, o + jLo * ci);
  if (jHi < kw) out.fill(0, o + jHi * ci, o + kw * ci);
  if (dw === 1) {
    // Adjacent taps are adjacent pixels: one contiguous copy.
    copy(x, (rowPixel + x0 + jLo) * ci, out, o + jLo * ci, (jHi - jLo) * ci);
    return;
  }
  for (let j = jLo; j < jHi; j++) copy(x, (rowPixel + x0 + j * dw) * ci, out, o + j * ci, ci);
}

/** out[o .. o+len) = x[src .. src+len): a loop for short runs, a block copy for long ones. */
function copy(x: Float32Array, src: number, out: Float32Array, o: number, len: number): void {
  if (len > 32) {
    out.set(x.subarray(src, src + len), o);
    return;
  }
  for (let t = 0; t < len; t++) out[o + t] = x[src + t];
}
