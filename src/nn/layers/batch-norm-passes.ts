/**
 * The element-wise passes of batch normalization (src/nn/layers/batch-norm.ts), over NHWC values
 * with the channel as the last axis. Each walks the values once in memory order with per-channel
 * float64 accumulators or coefficients, so every sum runs in a fixed order (position by position)
 * whatever the thread count.
 *
 * Heap views on wasm are backed by a SharedArrayBuffer, which V8 reads more slowly than plain
 * arrays; so the passes work on plain copies of blocks of ROW pixels (c values each), small enough
 * to stay in L1. Together with branch-free ReLU masks this took conv1's batch norm of bn32x64
 * (batch 64, [24, 24, 32]) from ~45 + 45 ms to ~28 + 26 ms forward + backward (same process,
 * alternating, on a loaded machine).
 */

/** Pixels per block copied out of (or into) the heap. */
const ROW = 256;

/**
 * Per-channel mean and biased variance in one pass: float64 sums of x and x², then
 * σ² = Σx²/m − μ². In float64 the cancellation costs ~1e-16·μ²/σ² relative, far below float32
 * resolution for any activation a network trains on; the second pass over x it saves was a third of
 * the forward time.
 */
export function channelMoments(v: Float32Array, c: number): { mean: Float64Array; varBiased: Float64Array; m: number } {
  const m = v.length / c;
  const sum = new Float64Array(c), sq = new Float64Array(c);
  const buf = new Float32Array(Math.min(v.length, ROW * c));
  for (let o = 0; o < v.length; o += buf.length) {
    const len = Math.min(buf.length, v.length - o);
    buf.set(v.subarray(o, o + len));
    for (let p = 0; p < len; p += c) {
      for (let k = 0; k < c; k++) {
        const x = buf[p + k];
        sum[k] += x;
        sq[k] += x * x;
      }
    }
  }
  const mean = sum.map((s) => s / m);
  return { mean, varBiased: sq.map((s, k) => Math.max(0, s / m - mean[k] * mean[k])), m };
}

/** out = x·a + b per channel, then max(·, 0) if `relu`. */
export function normalizeInto(v: Float32Array, a: Float64Array, b: Float64Array, relu: boolean, out: Float32Array): void {
  const c = a.length;
  const buf = new Float32Array(Math.min(v.length, ROW * c));
  for (let o = 0; o < v.length; o += buf.length) {
    const len = Math.min(buf.length, v.length - o);
    buf.set(v.subarray(o, o + len));
    for (let p = 0; p < len; p += c) {
      for (let k = 0; k < c; k++) {
        const z = buf[p + k] * a[k] + b[k];
        // Math.max compiles without a branch (the sign of z is random); it maps −0 to +0.
        buf[p + k] = relu ? Math.max(z, 0) : z;
      }
    }
    out.set(len === buf.length ? buf : buf.subarray(0, len), o);
  }
}

/** Copies v[o, o+len) into buf (len ≤ buf.length) and returns buf. */
function block(v: Float32Array, o: number, len: number, buf: Float32Array): Float32Array {
  buf.set(v.subarray(o, o + len));
  return buf;
}

/**
 * mask[0, len) = [y > 0] for y[o, o+len), a ReLU's output (so ≥ 0), without a branch: the mask is
 * random, and a mispredicted branch per value cost conv1's backward ~2x its time. For y ≥ 0 the
 * float's bits, read as an int32, are 0 for +0 and positive otherwise, and (b | −b) >>> 31 is 1 iff
 * b ≠ 0. (A NaN counts as positive here.)
 */
function reluMask(y: Float32Array, o: number, len: number, mask: Int32Array): void {
  const bits = new Int32Array(y.buffer, y.byteOffset + 4 * o, len);
  mask.set(bits);
  for (let i = 0; i < len; i++) {
    const b = mask[i];
    mask[i] = (b | -b) >>> 31;
  }
}

/**
 * dγ = Σ dz·x̂ and dβ = Σ dz per channel, with x̂ = x·scale + shift and dz = dy, or dy·[y > 0] when
 * `y` (the fused ReLU's output) is given.
 */
export function backwardSums(
  g: Float32Array, x: Float32Array, y: Float32Array | null, scale: Float64Array, shift: Float64Array, c: number,
): { dGamma: Float64Array; dBeta: Float64Array } {
  const dGamma = new Float64Array(c), dBeta = new Float64Array(c);
  const size = Math.min(g.length, ROW * c);
  const gb = new Float32Array(size), xb = new Float32Array(size), mask = new Int32Array(size).fill(1);
  for (let o = 0; o < g.length; o += size) {
    const len = Math.min(size, g.length - o);
    block(g, o, len, gb);
    block(x, o, len, xb);
    if (y !== null) reluMask(y, o, len, mask);
    for (let p = 0; p < len; p += c) {
      for (let k = 0; k < c; k++) {
        const i = p + k;
        const dz = gb[i] * mask[i];
        dBeta[k] += dz;
        dGamma[k] += dz * (xb[i] * scale[k] + shift[k]);
      }
    }
  }
  return { dGamma, dBeta };
}

/** out = onDz·dz + onX·x + bias per channel, dz as in backwardSums. */
export function backwardInto(
  g: Float32Array, x: Float32Array, y: Float32Array | null, onDz: Float64Array, onX: Float64Array, bias: Float64Array, out: Float32Array,
): void {
  const c = onDz.length;
  const size = Math.min(g.length, ROW * c);
  const gb = new Float32Array(size), xb = new Float32Array(size), mask = new Int32Array(size).fill(1);
  for (let o = 0; o < g.length; o += size) {
    const len = Math.min(size, g.length - o);
    block(g, o, len, gb);
    block(x, o, len, xb);
    if (y !== null) reluMask(y, o, len, mask);
    for (let p = 0; p < len; p += c) {
      for (let k = 0; k < c; k++) {
        const i = p + k;
        const dz = gb[i] * mask[i];
        gb[i] = onDz[k] * dz + onX[k] * xb[i] + bias[k];
      }
    }
    out.set(len === size ? gb : gb.subarray(0, len), o);
  }
}
