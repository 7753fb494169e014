/**
 * buildNetwork(spec, options): any sequential spec as a Network (src/nn/network.ts). Parameters and
 * buffers live in SharedArrayBuffers so that worker threads (src/parallel) read the values the
 * optimizer writes, without copies; the batch's gradient is the sum of fixed shards in fixed order.
 *
 * Backends: the engine calls only registered kernels (FusedConv2D, _FusedMatMul, MatMul, Transpose,
 * ScatterNd, Conv2DBackpropFilter/Input) plus host passes, so it runs as is on wasm (with our
 * kernels), cpu and tfjs-node (which has all of them natively); it never falls back to autodiff.
 * On any other backend (e.g. webgl, untested) building a network is refused with a clear error.
 */
import * as tf from '@tensorflow/tfjs';
import { initBias, initWeights, type InitializerName } from '../init/initializers';
import type { Rng } from '../util/rng';
import { Dropout } from './layers/dropout';
import type { GradientRequest, GradientResult, Network, ParameterInfo } from './network';
import { Sequential, type ShardRequest, type ShardResult } from './sequential';
import { combineShards, splitBatch, updateRunningStats } from './shard-batch';
import type { ModelSpec } from './spec';
import { validateSpec } from './spec';

/** Computes shards' results; the pool's version runs them on worker threads, in any order, returning them in shard order. */
export interface ShardRunner {
  run(net: SpecNetwork, shards: ShardRequest[]): ShardResult[];
  /** Eval-mode log-probabilities split across threads. */
  logProbs(net: SpecNetwork, images: Float32Array): Float32Array;
  /** The network is disposed: the threads drop what they hold for it, or a long notebook session accumulates every network it ever trained. */
  release(net: SpecNetwork): void;
}

export interface BuildOptions {
  /** Draws the initial weights, layer by layer, weight before bias (as StarterCnn does). */
  rng: Rng;
  /** Overrides the spec's initializer. */
  initializer?: InitializerName;
  /** Worker threads for the shards (src/parallel/pool.ts); null or absent: this thread alone. */
  runner?: ShardRunner | null;
}

/** tfjs backend names the engine is meant for (tfjs-node registers itself as 'tensorflow'). */
export const ENGINE_BACKENDS: readonly string[] = ['wasm', 'cpu', 'tensorflow'];

function checkBackend(): void {
  const active = tf.getBackend();
  if (!ENGINE_BACKENDS.includes(active)) {
    throw new Error(`nn: the layer engine runs on the ${ENGINE_BACKENDS.join(', ')} backends; the active tfjs backend is '${active}' (call initBackend() first)`);
  }
}

let nextId = 1;

const shared = (size: number, value: number): Float32Array => new Float32Array(new SharedArrayBuffer(4 * size)).fill(value);

export class SpecNetwork implements Network {
  readonly classes: number;
  readonly info: ParameterInfo[];
  readonly parameters: Float32Array[];
  readonly buffers: Float32Array[];
  readonly local: Sequential;
  private readonly runner: ShardRunner | null;
  /** Identifies the network to worker threads; `version` changes whenever its parameters may have. */
  readonly id = nextId++;
  version = 0;

  constructor(readonly spec: ModelSpec, parameters: Float32Array[] | null, buffers: Float32Array[] | null, options: BuildOptions) {
    validateSpec(spec);
    checkBackend();
    const probe = new Sequential(spec, [], []);
    const decls = probe.layers.flatMap((l) => l.params);
    this.info = decls.map((d) => ({ name: d.name, shape: d.shape, decay: d.decay }));
    this.parameters = parameters ?? decls.map((d) => {
      const values = shared(d.shape.reduce((a, b) => a * b, 1), 0);
      const init = options.initializer ?? spec.initializer ?? 'pytorch-default';
      if (d.init.kind === 'weight') values.set(initWeights(init, d.shape, options.rng));
      else if (d.init.kind === 'bias') values.set(initBias(init, d.init.fanIn, values.length, options.rng));
      else values.fill(d.init.value);
      return values;
    });
    this.buffers = buffers ?? probe.layers.flatMap((l) => l.buffers.map((b) => shared(b.size, b.value)));
    this.local = new Sequential(spec, this.parameters, this.buffers);
    this.classes = this.local.classes;
    this.runner = options.runner ?? null;
  }

  /** Dropout masks for a batch of n, layer by layer in forward order, from one stream. */
  drawMasks(n: number, rng: Rng): (Float32Array | null)[] {
    return this.local.layers.map((l) => {
      if (!(l instanceof Dropout) || !(l.rate > 0)) return null;
      const keep = 1 / (1 - l.rate);
      const m = new Float32Array(n * l.maskSize);
      for (let i = 0; i < m.length; i++) m[i] = rng.uniform() < l.rate ? 0 : keep;
      return m;
    });
  }

  gradients(request: GradientRequest): GradientResult {
    const t = request.targets;
    const n = t.kind === 'hard' ? t.labels.length : t.probs.length / this.classes;
    const shards = splitBatch({
      images: request.images, targets: t, weights: request.weights ?? null, scale: request.scale, masks: this.drawMasks(n, request.rng),
      imageSize: this.spec.input[0] * this.spec.input[1] * this.spec.input[2], classes: this.classes, maskSizes: this.local.layers.map((l) => l.maskSize),
    }, n);
    const parts = this.runner !== null && shards.length > 1 ? this.runner.run(this, shards) : shards.map((s) => this.local.train(s));
    if (request.updateBuffers !== false && this.buffers.length > 0) updateRunningStats(this.buffers, parts);
    const total = combineShards(parts);
    return { grads: total.grads, lossSum: total.lossSum, correct: total.correct, rowLoss: total.rowLoss, rowCorrect: total.rowCorrect };
  }

  logProbs(images: Float32Array): Float32Array {
    return this.runner !== null ? this.runner.logProbs(this, images) : this.local.logProbs(images);
  }

  parametersChanged(): void {
    this.version++;
    this.local.parametersChanged();
  }

  dispose(): void {
    this.runner?.release(this);
    this.local.dispose();
  }
}

/** A Network for any valid spec, with freshly initialized parameters. */
export function buildNetwork(spec: ModelSpec, options: BuildOptions): SpecNetwork {
  return new SpecNetwork(spec, null, null, options);
}
