import { plural } from '../util/plural';
import { simdKernels } from '../backend/simd/module';
import { emaBlendWasm } from './update-wasm';

const f = Math.fround;

/**
 * An exponential moving average of a network's weights (Polyak averaging as in Tarvainen & Valpola
 * 2017's mean teacher): avg ← d·avg + (1 − d)·θ after every step, started at the initial weights.
 * Batch-norm running statistics (`buffers`) are averaged the same way, so the averaged network
 * evaluates with statistics that match its averaged weights rather than the live network's.
 */
export class WeightAverage {
  readonly parameters: Float32Array[];
  readonly buffers: Float32Array[];

  constructor(readonly decay: number, parameters: readonly Float32Array[], buffers: readonly Float32Array[]) {
    if (!(decay >= 0 && decay < 1)) throw new Error(`ema.decay: expected a number in [0, 1), found ${decay}`);
    this.parameters = parameters.map((p) => p.slice());
    this.buffers = buffers.map((b) => b.slice());
  }

  /** One averaging step towards the live values. */
  update(parameters: readonly Float32Array[], buffers: readonly Float32Array[]): void {
    blend(this.parameters, parameters, this.decay);
    blend(this.buffers, buffers, this.decay);
  }

  /** Copies of the averages, for checkpoints. */
  state(): { parameters: Float32Array[]; buffers: Float32Array[] } {
    return { parameters: this.parameters.map((p) => p.slice()), buffers: this.buffers.map((b) => b.slice()) };
  }

  restore(saved: { parameters: readonly Float32Array[]; buffers: readonly Float32Array[] }): void {
    copyInto(this.parameters, saved.parameters, 'parameters');
    copyInto(this.buffers, saved.buffers, 'buffers');
  }
}

function blend(avg: Float32Array[], live: readonly Float32Array[], d: number): void {
  if (avg.length !== live.length) throw new Error(`WeightAverage: averaging ${plural(avg.length, 'array')} but got ${live.length}`);
  const keep = f(d);
  const take = f(1 - d);
  const simd = simdKernels();
  avg.forEach((a, i) => {
    const x = live[i];
    if (x.length !== a.length) throw new Error(`WeightAverage: array ${i} has ${plural(a.length, 'value')}, got ${x.length}`);
    if (simd !== null) return emaBlendWasm(simd, a, x, keep, take);
    for (let k = 0; k < a.length; k++) a[k] = f(f(keep * a[k]) + f(take * x[k]));
  });
}

function copyInto(target: Float32Array[], source: readonly Float32Array[], what: string): void {
  if (target.length !== source.length) throw new Error(`WeightAverage.restore: expected ${plural(target.length, `${what} array`)}, found ${source.length}`);
  source.forEach((s, i) => {
    if (s.length !== target[i].length) throw new Error(`WeightAverage.restore: ${what} array ${i} has ${plural(target[i].length, 'value')}, found ${s.length}`);
    target[i].set(s);
  });
}
