import { initBackend } from '../backend/select';
import { loadCourseSplit, subset } from '../data/split';
import { getRunConfig } from '../experiments/registry';
import { preflightRun } from '../experiments/model-preflight';
import { getSpec } from '../nn/specs';
import { makeProgress } from '../train/progress';
import type { ModelConfig } from '../models/build-network';
import { trainRunConfig } from '../experiments/run';
import type { CnnConfig } from '../models/config';
import { predictParallel, sharedPool, sharedPoolThreads } from '../parallel/pool';
import { median } from '../stats/summary';
import { parseFlags, runMain, UsageError } from './args';
import { benchFixMatch } from './fixmatch-bench';
import { formatStepProfile, profileEngineStep, profileTrainingStep } from './step-profile';

const SPEC = {
  json: { kind: 'boolean', help: 'end with one JSON line of the figures' },
  model: { kind: 'string', help: 'model spec: starter (default), starter-relu-logits, bn32x64, or inline JSON' },
  'hand-written': { kind: 'boolean', help: "today's hand-written starter step (src/models/starter-cnn-step.ts) instead of the engine; starter only" },
  epochs: { kind: 'int', min: 1, max: 1000, help: 'timed training epochs after one warm-up epoch (default 3)' },
  'infer-batch': { kind: 'int', min: 1, max: 10000, help: 'inference batch size of the hand-written path (default 1000)' },
  fixmatch: { kind: 'boolean', help: "time the FixMatch step of peer_pytorch.py's 'fixmatch' instead (64 labeled + 448 unlabeled, the library's trainer); engine only" },
  kernels: { kind: 'boolean', help: "also print where one thread's time goes in a training step, kernel by kernel" },
} as const;

/**
 * Both paths run the one trainer on the same workload (the baseline's optimizer: SGD with Nesterov
 * momentum 0.5, lr 0.01, batch 64, the peer's), so an A/B between them measures the step alone.
 * Every epoch ends with an evaluation; the bench times the training pass and keeps the per-epoch
 * validation small so the run stays short.
 */
function benchTrainer(model: ModelConfig, timedEpochs: number, inferBatch: number, split: ReturnType<typeof loadCourseSplit>): { train: number[]; infer: number[] } {
  const config = { ...getRunConfig('baseline'), model, epochs: 1 + timedEpochs };
  const smallValidation = subset(split.validation, Array.from({ length: 100 }, (_, i) => i), 'validation-100');
  const outcome = trainRunConfig(config, { labeled: split.labeled, validation: smallValidation }, 1, {
    network: { handWritten: model.arch !== 'spec' },
    progress: makeProgress(process.stderr, true),
    keepNetwork: true,
  });
  const train = outcome.epochs.slice(1).map((e) => split.labeled.count / e.trainSeconds);
  const network = outcome.network!;
  const images = split.validation.images.subarray(0, split.validation.count * 784);
  const infer: number[] = [];
  try {
    for (let rep = 0; rep < 3; rep++) {
      const t = performance.now();
      // The hand-written starter predicts through predictParallel, whose batch size the flag sets.
      if (model.arch === 'spec') network.logProbs(images);
      else predictParallel(network.parameters, model as CnnConfig, images, inferBatch);
      infer.push(split.validation.count / ((performance.now() - t) / 1000));
    }
  } finally {
    network.dispose();
  }
  return { train, infer };
}

/** The FixMatch step's figures; the JSON line: {"backend","model","threads","fixmatch_unlabeled_img_per_s","fixmatch_accepted_fraction"}. */
function reportFixMatch(name: string, spec: string, timedEpochs: number, split: ReturnType<typeof loadCourseSplit>, backend: { name: string; detail: string }, json: boolean): void {
  const r = benchFixMatch(spec, timedEpochs, split);
  const rate = median(r.unlabeled), accepted = median(r.accepted);
  const threads = sharedPoolThreads();
  const progress = makeProgress(process.stdout);
  progress.line(`${name} FixMatch step on the engine: backend ${backend.name} (${backend.detail}), ${threads} thread${threads === 1 ? '' : 's'}`);
  progress.line(`fixmatch: ${rate.toFixed(0)} unlabeled img/s (median of ${r.unlabeled.length} epochs of 20 steps: ${r.unlabeled.map((v) => v.toFixed(0)).join(', ')}); accepted share ${accepted.toFixed(3)}`);
  if (json) process.stdout.write(`${JSON.stringify({ backend: backend.name, model: name, threads, fixmatch_unlabeled_img_per_s: Math.round(rate), fixmatch_accepted_fraction: Number(accepted.toFixed(3)) })}\n`);
}

/** The --model spec, or a usage error naming the option (before any work starts). */
function specOption(value: string | number | boolean | undefined): ReturnType<typeof getSpec> {
  try {
    return getSpec(value === undefined ? 'starter' : String(value));
  } catch (e) {
    throw new UsageError(`bench: --model: ${(e as Error).message}`);
  }
}

/**
 * Training and inference throughput of a model spec (default the starter CNN), batch 64, on the
 * 3,000 labeled images, the same workload as ../shared/bench/peer_pytorch.py so the two can be
 * compared as a ratio. The last line with --json: {"backend","model","threads","train_img_per_s","infer_img_per_s"}.
 */
runMain(async () => {
  const flags = parseFlags(process.argv.slice(2), SPEC, 'npm run bench --');
  const timedEpochs = flags.epochs === undefined ? 3 : Number(flags.epochs);
  const inferBatch = flags['infer-batch'] === undefined ? 1000 : Number(flags['infer-batch']);
  const spec = specOption(flags.model);
  const hand = flags['hand-written'] === true;
  // By name only: an inline spec that calls itself "starter" would be silently replaced by the hand-written network.
  if (hand && flags.model !== undefined && flags.model !== 'starter') {
    throw new UsageError(`bench: --hand-written exists for the starter model only (the registered name), found --model ${spec.name === 'starter' ? 'an inline spec named "starter"' : spec.name}`);
  }
  if (hand && flags.fixmatch) throw new UsageError('bench: --fixmatch runs on the engine only, not with --hand-written');
  preflightRun({ ...getRunConfig('baseline'), model: { arch: 'spec', spec: flags.model === undefined ? 'starter' : String(flags.model) } });
  const backend = await initBackend();
  const split = loadCourseSplit();
  sharedPool();
  if (flags.fixmatch) return reportFixMatch(spec.name, flags.model === undefined ? 'starter' : String(flags.model), timedEpochs, split, backend, flags.json === true);
  const model: ModelConfig = hand ? getRunConfig('baseline').model : { arch: 'spec', spec: flags.model === undefined ? 'starter' : String(flags.model) };
  const r = benchTrainer(model, timedEpochs, inferBatch, split);
  const train = median(r.train), infer = median(r.infer);
  const threads = sharedPoolThreads();
  const path = hand ? 'hand-written step' : 'engine';
  const progress = makeProgress(process.stdout);
  progress.line(`${spec.name} on the ${path}: backend ${backend.name} (${backend.detail}), ${threads} thread${threads === 1 ? '' : 's'} (TRAIN_WORKERS=${threads - 1} extra)`);
  progress.line(`train: ${train.toFixed(0)} img/s (median of ${r.train.length} epochs: ${r.train.map((v) => v.toFixed(0)).join(', ')})`);
  progress.line(`infer: ${infer.toFixed(0)} img/s (median of 3 passes over ${split.validation.count} images)`);
  if (flags.kernels) {
    const profile = hand ? profileTrainingStep(getRunConfig('baseline').model as CnnConfig, split.labeled) : profileEngineStep(spec, split.labeled);
    for (const line of formatStepProfile(profile)) progress.line(line);
  }
  if (flags.json) {
    const model = hand ? 'starter (hand-written)' : spec.name;
    process.stdout.write(`${JSON.stringify({ backend: backend.name, model, threads, train_img_per_s: Math.round(train), infer_img_per_s: Math.round(infer) })}\n`);
  }
});
