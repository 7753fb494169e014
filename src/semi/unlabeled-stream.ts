import type { Rng } from '../util/rng';

/**
 * Indices into a pool of unlabeled images, served in reshuffled passes: every image is used once
 * per pass, in a fresh order each pass, so a run that sees fewer images than the pool per epoch
 * still covers the whole pool evenly over the run.
 */
export class UnlabeledStream {
  private order: Int32Array;
  private pos = 0;
  /** Completed passes over the pool. */
  passes = 0;

  constructor(private readonly pool: Int32Array, private readonly rng: Rng) {
    if (pool.length === 0) throw new Error('UnlabeledStream: the unlabeled pool is empty');
    this.order = this.shuffled();
  }

  private shuffled(): Int32Array {
    const perm = this.rng.permutation(this.pool.length);
    return Int32Array.from(perm, (i) => this.pool[i]);
  }

  /** Position in the current pass and its order, for checkpoints (the pool itself is rebuilt from the seed). */
  getState(): { order: Int32Array; pos: number; passes: number } {
    return { order: this.order.slice(), pos: this.pos, passes: this.passes };
  }

  setState(state: { order: Int32Array; pos: number; passes: number }): void {
    if (state.order.length !== this.pool.length) throw new Error(`UnlabeledStream.setState: expected an order of ${this.pool.length} indices, found ${state.order.length}`);
    if (!(Number.isInteger(state.pos) && state.pos >= 0 && state.pos <= state.order.length)) throw new Error(`UnlabeledStream.setState: position ${state.pos} outside 0..${state.order.length}`);
    this.order = state.order.slice();
    this.pos = state.pos;
    this.passes = state.passes;
  }

  /** The next n indices (n may exceed what is left of the current pass: it continues into the next). */
  next(n: number): Int32Array {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      if (this.pos === this.order.length) {
        this.order = this.shuffled();
        this.pos = 0;
        this.passes++;
      }
      out[i] = this.order[this.pos++];
    }
    return out;
  }
}

/** The first `size` indices of a seeded shuffle of 0..total-1 (all of them, shuffled, when size is null). */
export function samplePool(total: number, size: number | null, rng: Rng): Int32Array {
  const perm = rng.permutation(total);
  if (size === null || size >= total) return perm;
  return perm.slice(0, size);
}
