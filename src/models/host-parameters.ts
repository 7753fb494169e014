import * as tf from '@tensorflow/tfjs';
import type { OptimizerConfig } from '../optim/functional';
import { HostOptimizer } from '../optim/host-optimizer';

/**
 * A model's parameters kept on the host between steps, for the hand-written training path: the
 * update is 21k multiply-adds, cheaper in JS than as ~40 kernel calls, and after it the variables get
 * fresh tensors (wasm's XNNPACK caches packed weights per tensor, so tensors are never modified in
 * place). `values` is what worker threads compute from.
 */
export class HostParameters {
  readonly values: Float32Array[];
  private readonly optimizer: HostOptimizer;

  constructor(readonly variables: tf.Variable[], config: OptimizerConfig) {
    this.values = variables.map((v) => (v.dataSync() as Float32Array).slice());
    this.optimizer = new HostOptimizer(config, this.values.map((p) => p.length));
  }

  /** One optimizer step from `grads` (variables order), after which the variables hold the new values. */
  step(grads: readonly Float32Array[]): void {
    this.optimizer.step(this.values, grads);
    tf.tidy(() => this.variables.forEach((v, i) => v.assign(tf.tensor(this.values[i], v.shape))));
  }
}
