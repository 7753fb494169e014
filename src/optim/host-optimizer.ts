import { simdKernels } from '../backend/simd/module';
import type { OptimizerConfig } from './functional';
import { plural } from '../util/plural';
import { updateStepWasm } from './update-wasm';

/**
 * tfjs's SGD / momentum / Nesterov update (tfjs-core 4.22 sgd_optimizer.js, momentum_optimizer.js)
 * on host arrays, rounding to float32 after each operation exactly as the kernels do, so a run
 * takes the same steps as `tf.train.momentum(lr, μ, nesterov)` and never leaves JS for 21k numbers:
 *
 *     sgd:       p ← p + c·g                       (c = −lr as a float32 scalar)
 *     momentum:  a ← a·μ + g;  p ← p + c·a
 *     nesterov:  a ← a·μ + g;  p ← p + c·(g + a·μ)
 *
 * (see src/optim/tf-optimizer.ts for how these relate to the course's update rules).
 */
export class HostOptimizer {
  private readonly c: number;
  private readonly mu: number;
  private readonly accumulators: Float32Array[];

  constructor(readonly config: OptimizerConfig, sizes: readonly number[]) {
    if (!(config.lr > 0)) throw new Error(`optimizer.lr: expected a positive number, found ${config.lr}`);
    this.c = Math.fround(-config.lr);
    this.mu = Math.fround(config.momentum ?? 0);
    this.accumulators = config.kind === 'sgd' ? [] : sizes.map((s) => new Float32Array(s));
  }

  /** The momentum accumulators (none for plain SGD), for checkpoints; copies. */
  state(): Float32Array[] {
    return this.accumulators.map((a) => a.slice());
  }

  /** Restores accumulators saved by `state()`. */
  restore(saved: readonly Float32Array[]): void {
    if (saved.length !== this.accumulators.length) throw new Error(`HostOptimizer.restore: expected ${plural(this.accumulators.length, 'accumulator')}, found ${saved.length}`);
    saved.forEach((a, i) => {
      if (a.length !== this.accumulators[i].length) throw new Error(`HostOptimizer.restore: accumulator ${i} has ${plural(this.accumulators[i].length, 'value')}, found ${a.length}`);
      this.accumulators[i].set(a);
    });
  }

  /** Updates `params[i]` in place from `grads[i]`. */
  step(params: Float32Array[], grads: readonly Float32Array[]): void {
    const f = Math.fround;
    const { c, mu } = this;
    const simd = simdKernels();
    for (let i = 0; i < params.length; i++) {
      const p = params[i], g = grads[i];
      if (p.length !== g.length) throw new Error(`HostOptimizer.step: parameter ${i} has ${plural(p.length, 'value')} but its gradient ${g.length}`);
      if (simd !== null) {
        updateStepWasm(simd, p, g, this.config.kind === 'sgd' ? null : this.accumulators[i], c, mu, this.config.kind === 'nesterov');
        continue;
      }
      if (this.config.kind === 'sgd') {
        for (let k = 0; k < p.length; k++) p[k] = f(p[k] + f(c * g[k]));
        continue;
      }
      const a = this.accumulators[i];
      const nesterov = this.config.kind === 'nesterov';
      for (let k = 0; k < p.length; k++) {
        const acc = f(f(a[k] * mu) + g[k]);
        a[k] = acc;
        p[k] = nesterov ? f(p[k] + f(c * f(g[k] + f(acc * mu)))) : f(p[k] + f(c * acc));
      }
    }
  }
}
