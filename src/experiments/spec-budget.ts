/**
 * Issue 21 item 5: a model is checked against the data's shape and a memory estimate before
 * anything is allocated, so a spec with 100,000 filters is refused in a second with the layer named,
 * instead of running past 6 GB or ending in `Array buffer allocation failed`.
 *
 * The estimate (bytes, float32 = 4) is a lower bound of what training needs, not a measurement:
 *   shared:     parameters, the optimizer's accumulators, the EMA's copies;
 *   per thread: gradients, and the larger of a training shard's activations (forward caches and
 *               their gradients, plus a conv's im2col-sized workspace) and an evaluation batch's
 *               (every layer's output kept until the batch ends, as Sequential.logProbs does).
 */
import { totalmem } from 'node:os';
import type { ModelConfig } from '../models/build-network';
import { planLayers } from '../nn/plan';
import { SpecError } from '../nn/spec';
import { defaultExtraWorkers } from '../parallel/pool';
import type { RunConfig } from './config';
import { specOfModel } from './model-plan';
import { trainerConfig } from './trainer-config';

/** The course's MNIST as the IDX files hold it: 28×28 grey images of ten digits. */
export const MNIST_SHAPE = { height: 28, width: 28, channels: 1, classes: 10 };
/** Sequential.logProbs's default evaluation batch. */
const EVAL_BATCH = 1000;
/** Share of the machine's memory a run may plan for, unless SPEC_MEMORY_LIMIT_MB says otherwise. */
const DEFAULT_FRACTION = 0.5;

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
const gib = (bytes: number): string => `${(bytes / 2 ** 30).toFixed(bytes < 2 ** 30 ? 3 : 1)} GiB`;

/** The limit in bytes: SPEC_MEMORY_LIMIT_MB if set, else half of os.totalmem(). */
export function memoryLimit(env = process.env.SPEC_MEMORY_LIMIT_MB): number {
  if (env === undefined || env.trim() === '') return DEFAULT_FRACTION * totalmem();
  const mb = Number(env);
  if (!(Number.isFinite(mb) && mb > 0)) throw new SpecError(`SPEC_MEMORY_LIMIT_MB: expected a positive number of megabytes, found ${JSON.stringify(env)}`);
  return mb * 2 ** 20;
}

function limitSource(given: number | undefined): string {
  if (given !== undefined) return 'the limit given';
  const env = process.env.SPEC_MEMORY_LIMIT_MB;
  return env !== undefined && env.trim() !== '' ? `SPEC_MEMORY_LIMIT_MB=${env}` : `half the machine's ${gib(totalmem())}; set SPEC_MEMORY_LIMIT_MB to change it`;
}

export interface BudgetOptions {
  batchSize: number;
  /** Threads that train and evaluate at once (default: 1 + the pool's extra workers on a splitting backend). */
  threads?: number;
  /** Copies of the parameters the optimizer and EMA keep (momentum 1, EMA 1). */
  parameterCopies?: number;
  limit?: number;
}

export interface LayerCost {
  at: string;
  bytes: number;
}

/** Every layer's estimated bytes, in order; the total is their sum. */
export function estimateLayers(model: ModelConfig, o: BudgetOptions): LayerCost[] {
  const spec = specOfModel(model);
  const want = [MNIST_SHAPE.height, MNIST_SHAPE.width, MNIST_SHAPE.channels];
  if (spec.input.join() !== want.join()) throw new SpecError(`model spec ${JSON.stringify(spec.name)}: input must be the data's shape [${want.join(', ')}], found [${spec.input.join(', ')}]`);
  const { layers, classes } = planLayers(spec);
  if (classes !== MNIST_SHAPE.classes) throw new SpecError(`model spec ${JSON.stringify(spec.name)}: the last layer must output ${MNIST_SHAPE.classes} class scores (the digits), found ${classes}`);
  const threads = o.threads ?? 1 + defaultExtraWorkers('wasm');
  const shard = Math.ceil(o.batchSize / threads);
  const copies = 1 + (o.parameterCopies ?? 2) + threads; // values, optimizer and EMA, one gradient per thread
  return layers.map((l, i) => {
    const params = l.params.reduce((a, p) => a + size(p.shape), 0) + l.buffers.reduce((a, b) => a + b.size, 0);
    const out = size(l.outShape);
    const conv = l.kind === 'conv2d' ? size(l.outShape.slice(0, 2)) * size(l.params[0]!.shape.slice(0, 3)) : 0;
    const perExample = Math.max(shard * (2 * out + conv), EVAL_BATCH * out + conv);
    const what = l.kind === 'conv2d' ? `conv2d, ${l.outShape[2]} filters` : l.kind === 'linear' ? `linear, ${l.outShape[0]} units` : l.kind;
    return { at: `model spec ${JSON.stringify(spec.name)}, layer ${i} (${what})`, bytes: 4 * (copies * params + threads * perExample) };
  });
}

/**
 * Refuses a model whose estimated memory exceeds the limit, naming the costliest layer, the
 * estimate and the limit; returns the estimate in bytes.
 */
export function checkSpecBudget(model: ModelConfig, o: BudgetOptions): number {
  const costs = estimateLayers(model, o);
  const total = costs.reduce((a, c) => a + c.bytes, 0);
  const limit = o.limit ?? memoryLimit();
  if (total > limit) {
    const worst = costs.reduce((a, c) => (c.bytes > a.bytes ? c : a));
    throw new SpecError(
      `${worst.at} needs an estimated ${gib(worst.bytes)} (parameters, gradients, optimizer state and a batch's activations); ` +
        `the whole model ${gib(total)}, over the limit of ${gib(limit)} (${limitSource(o.limit)})`,
    );
  }
  return total;
}

/** A run config's budget: its batch (labeled, and both views of an unlabeled batch) and the copies its optimizer and EMA keep. */
export function checkRunBudget(config: RunConfig, limit?: number): number {
  const t = trainerConfig(config);
  const batchSize = t.batchSize + (t.unlabeled ? 2 * t.unlabeled.batchSize : 0);
  const parameterCopies = (t.optimizer.kind === 'sgd' ? 0 : 1) + (t.ema ? 1 : 0);
  return checkSpecBudget(config.model, { batchSize, parameterCopies, limit });
}
