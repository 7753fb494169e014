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
 * Calls visit(o, len) for consecutive blocks [o, o+len) of `size` values that cover [0, n). The
 * per-value loops live in the block kernels below, which take every array as a parameter: read
 * through a closure's context instead, the same loops ran ~35 % slower.
 */
function forEachBlock(n: number, size: number, visit: (o: number, len: number) => void): void {
  for (let o = 0; o < n; o += size) visit(o, Math.min(size, n - o));
}

/** Copies v[o, o+len) into buf (len ≤ buf.length) and returns buf. */
function block(v: Float32Array, o: number, len: number, buf: Float32Array): Float32Array {
  buf.set(v.subarray(o, o + len));
  return buf;
}

/** Per-channel float64 sums of x and x², the one pass over x that the batch's moments need. */
export function channelSquareSums(v: Float32Array, c: number): { sum: Float64Array; sq: Float64Array } {
  const sum = new Float64Array(c), sq = new Float64Array(c);
  const buf = new Float32Array(Math.min(v.length, ROW * c));
  forEachBlock(v.length, buf.length, (o, len) => addMoments(block(v, o, len, buf), len, sum, sq));
  return { sum, sq };
}

/**
 * Per-channel mean and biased variance of m values per channel from their sums:
 * σ² = Σx²/m − μ². In float64 the cancellation costs ~1e-16·μ²/σ² relative, far below float32
 * resolution for any activation a network trains on; the second pass over x it saves was a third of
 * the forward time.
 */
export function momentsFromSums(sum: Float64Array, sq: Float64Array, m: number): { mean: Float64Array; varBiased: Float64Array; m: number } {
  const mean = sum.map((s) => s / m);
  return { mean, varBiased: sq.map((s, k) => Math.max(0, s / m - mean[k] * mean[k])), m };
}

/** sum += x and sq += x² per channel over buf[0, len). */
function addMoments(buf: Float32Array, len: number, sum: Float64Array, sq: Float64Array): void {
  const c = sum.length;
  for (let p = 0; p < len; p += c) {
    for (let k = 0; k < c; k++) {
      const x = buf[p + k];
      sum[k] += x;
      sq[k] += x * x;
    }
  }
}

/** out = x·a + b per channel, then max(·, 0) if `relu`. */
export function normalizeInto(v: Float32Array, a: Float64Array, b: Float64Array, relu: boolean, out: Float32Array): void {
  const buf = new Float32Array(Math.min(v.length, ROW * a.length));
  forEachBlock(v.length, buf.length, (o, len) => {
    normalizeBlock(block(v, o, len, buf), len, a, b, relu);
    out.set(len === buf.length ? buf : buf.subarray(0, len), o);
  });
}

/** buf[0, len) = buf·a + b per channel, then max(·, 0) if `relu`, in place. */
function normalizeBlock(buf: Float32Array, len: number, a: Float64Array, b: Float64Array, relu: boolean): void {
  const c = a.length;
  for (let p = 0; p < len; p += c) {
    for (let k = 0; k < c; k++) {
      const z = buf[p + k] * a[k] + b[k];
      // Math.max compiles without a branch (the sign of z is random); it maps −0 to +0.
      buf[p + k] = relu ? Math.max(z, 0) : z;
    }
  }
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

/** One block of whole rows: copies of g and x at [o, o+len), and the ReLU mask (all ones without y). */
type DzBlock = (o: number, len: number, gb: Float32Array, xb: Float32Array, mask: Int32Array) => void;

/**
 * Walks g and x in blocks of whole rows of c channels, calling `visit` once per block with copies of
 * both and the mask of dz = dy·[y > 0] (all ones when y is null). The buffers are reused from block
 * to block, so `visit` may overwrite them.
 */
function forEachDzBlock(g: Float32Array, x: Float32Array, y: Float32Array | null, c: number, visit: DzBlock): void {
  const size = Math.min(g.length, ROW * c);
  const gb = new Float32Array(size), xb = new Float32Array(size), mask = new Int32Array(size).fill(1);
  forEachBlock(g.length, size, (o, len) => {
    block(g, o, len, gb);
    block(x, o, len, xb);
    if (y !== null) reluMask(y, o, len, mask);
    visit(o, len, gb, xb, mask);
  });
}

/**
 * dγ = Σ dz·x̂ and dβ = Σ dz per channel, with x̂ = x·scale + shift and dz = dy, or dy·[y > 0] when
 * `y` (the fused ReLU's output) is given.
 */
export function backwardSums(
  g: Float32Array, x: Float32Array, y: Float32Array | null, scale: Float64Array, shift: Float64Array, c: number,
): { dGamma: Float64Array; dBeta: Float64Array } {
  const dGamma = new Float64Array(c), dBeta = new Float64Array(c);
  forEachDzBlock(g, x, y, c, (_o, len, gb, xb, mask) => addDzSums(gb, xb, mask, len, scale, shift, dGamma, dBeta));
  return { dGamma, dBeta };
}

/** The block's share of backwardSums: dBeta += dz and dGamma += dz·(x·scale + shift) per channel. */
function addDzSums(
  gb: Float32Array, xb: Float32Array, mask: Int32Array, len: number, scale: Float64Array, shift: Float64Array, dGamma: Float64Array, dBeta: Float64Array,
): void {
  const c = dGamma.length;
  for (let p = 0; p < len; p += c) {
    for (let k = 0; k < c; k++) {
      const i = p + k;
      const dz = gb[i] * mask[i];
      dBeta[k] += dz;
      dGamma[k] += dz * (xb[i] * scale[k] + shift[k]);
    }
  }
}

/** out = onDz·dz + onX·x + bias per channel, dz as in backwardSums. */
export function backwardInto(
  g: Float32Array, x: Float32Array, y: Float32Array | null, onDz: Float64Array, onX: Float64Array, bias: Float64Array, out: Float32Array,
): void {
  forEachDzBlock(g, x, y, onDz.length, (o, len, gb, xb, mask) => {
    dzCombine(gb, xb, mask, len, onDz, onX, bias);
    out.set(len === gb.length ? gb : gb.subarray(0, len), o);
  });
}

/** gb[0, len) = onDz·dz + onX·x + bias per channel, in place. */
function dzCombine(gb: Float32Array, xb: Float32Array, mask: Int32Array, len: number, onDz: Float64Array, onX: Float64Array, bias: Float64Array): void {
  const c = onDz.length;
  for (let p = 0; p < len; p += c) {
    for (let k = 0; k < c; k++) {
      const i = p + k;
      gb[i] = onDz[k] * (gb[i] * mask[i]) + onX[k] * xb[i] + bias[k];
    }
  }
}
