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
      let best = i0, m = a[i0];
      if (a[i1] > m) { m = a[i1]; best = i1; }
      if (a[i2] > m) { m = a[i2]; best = i2; }
      if (a[i3] > m) { m = a[i3]; best = i3; }
      out[o] = scale === null ? m : m * scale[b * c + d];
      arg[o] = best;
    }
  }
}
