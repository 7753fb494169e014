/**
 * 2×2 stride-2 max-pooling of an [n, h, w, c] map into `out` ([n, h/2, w/2, c]), optionally
 * scaled per (image, channel) (a channel dropout factor m ≥ 0 commutes with the max), recording in
 * `arg` the flat input index of each window's first maximum. Shared by the engine's MaxPool and
 * the hand-written starter step.
 */
export function maxPool2x2Argmax(
  a: Float32Array, out: Float32Array, arg: Int32Array, n: number, h: number, w: number, c: number, scale: Float32Array | null,
): void {
  const oh = h >> 1, ow = w >> 1;
  const row = w * c;
  let o = 0;
  for (let b = 0; b < n; b++) for (let i = 0; i < oh; i++) for (let j = 0; j < ow; j++) {
    const p = ((b * h + 2 * i) * w + 2 * j) * c;
    for (let d = 0; d < c; d++, o++) {
      const i0 = p + d, i1 = i0 + c, i2 = i0 + row, i3 = i2 + c;
      // Branch-free (which window value wins is random, and mispredicted branches dominated this
      // loop): +(v > m) is 0 or 1 without a jump, and moves `best` by that much of the way to
      // the candidate. Strict '>' keeps the first maximum; Math.max equals the if-update but for NaN.
      const v1 = a[i1], v2 = a[i2], v3 = a[i3];
      let m = a[i0], best = i0, t = +(v1 > m);
      best += t * (i1 - best); m = Math.max(m, v1);
      t = +(v2 > m); best += t * (i2 - best); m = Math.max(m, v2);
      t = +(v3 > m); best += t * (i3 - best); m = Math.max(m, v3);
      out[o] = scale === null ? m : m * scale[b * c + d];
      arg[o] = best;
    }
  }
}

/** The gradient of maxPool2x2Argmax (scale 1): out = 0, then out[arg[o]] = g[o]. */
export function scatterToArgmax(g: Float32Array, arg: Int32Array, out: Float32Array): void {
  out.fill(0);
  for (let o = 0; o < g.length; o++) out[arg[o]] = g[o];
}
