/**
 * A small seeded pseudo-random generator (sfc32, seeded through splitmix32).
 *
 * Math.random cannot be seeded, and tfjs's seeded ops depend on the backend, so every random
 * choice the project makes (initial weights, shuffles, dropout masks, augmentations) draws from
 * this generator. The same seed gives the same stream on every platform.
 */
/** The largest seed: seeds are unsigned 32-bit integers. */
export const MAX_SEED = 0xffffffff;

/** Everything that determines a generator's future draws, as plain numbers (for checkpoints). */
export interface RngState {
  a: number;
  b: number;
  c: number;
  d: number;
  spareNormal: number | null;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | null = null;

  constructor(readonly seed: number) {
    // The state is seeded from 32 bits: a wider seed would silently alias another one.
    if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
      throw new Error(`Rng seed must be an integer from 0 to ${MAX_SEED}, got ${seed}`);
    }
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform in [low, high). */
  uniformIn(low: number, high: number): number {
    return low + (high - low) * this.uniform();
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    if (!(n > 0) || !Number.isInteger(n)) throw new Error(`Rng.int expects a positive integer, got ${n}`);
    return Math.floor(this.uniform() * n);
  }

  /** Standard normal, by the Box-Muller transform (the second value is kept for the next call). */
  normal(): number {
    if (this.spareNormal !== null) {
      const v = this.spareNormal;
      this.spareNormal = null;
      return v;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** A Fisher-Yates permutation of 0..n-1. */
  permutation(n: number): Int32Array {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return out;
  }

  /** The generator's state: restoring it with `setState` replays the same draws from here on. */
  getState(): RngState {
    return { a: this.a, b: this.b, c: this.c, d: this.d, spareNormal: this.spareNormal };
  }

  setState(state: RngState): void {
    for (const key of ['a', 'b', 'c', 'd'] as const) {
      if (!Number.isInteger(state[key])) throw new Error(`Rng.setState: '${key}' must be an integer, found ${state[key]}`);
    }
    if (state.spareNormal !== null && typeof state.spareNormal !== 'number') throw new Error(`Rng.setState: 'spareNormal' must be a number or null, found ${state.spareNormal}`);
    this.a = state.a | 0;
    this.b = state.b | 0;
    this.c = state.c | 0;
    this.d = state.d | 0;
    this.spareNormal = state.spareNormal;
  }

  /** An independent generator derived from this one, so sub-tasks do not shift each other's streams. */
  fork(): Rng {
    return new Rng(this.nextUint32());
  }
}
