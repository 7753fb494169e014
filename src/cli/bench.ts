import { initBackend } from '../backend/select';
import { loadCourseSplit, subset } from '../data/split';
import { getExperiment } from '../experiments/registry';
import { makeProgress } from '../train/progress';
import { supervisedTrainerConfig } from '../experiments/trainer-config';
import { buildNetwork } from '../models/build-network';
import { train as trainNetwork } from '../train/trainer';
import { predictParallel, sharedPoolThreads } from '../parallel/pool';
import { median } from '../stats/summary';
import { parseFlags, runMain } from './args';
import { formatStepProfile, profileTrainingStep } from './step-profile';

const SPEC = {
  json: { kind: 'boolean', help: 'end with one JSON line of the figures' },
  epochs: { kind: 'int', help: 'timed training epochs after one warm-up epoch (default 3)' },
  'infer-batch': { kind: 'int', help: 'inference batch size (default 1000)' },
  kernels: { kind: 'boolean', help: "also print where one thread's time goes in a training step, kernel by kernel" },
} as const;

/**
 * Training and inference throughput of the starter CNN, batch 64, on the 3,000 labeled images,
 * the same workload as ../shared/bench/peer_pytorch.py so the two can be compared as a ratio.
 */
runMain(async () => {
  const flags = parseFlags(process.argv.slice(2), SPEC, 'npm run bench --');
  const timedEpochs = flags.epochs === undefined ? 3 : Number(flags.epochs);
  const inferBatch = flags['infer-batch'] === undefined ? 1000 : Number(flags['infer-batch']);
  const backend = await initBackend();
  const split = loadCourseSplit();
  const config = { ...getExperiment('baseline'), epochs: 1 + timedEpochs };
  // Every epoch ends with an evaluation; the bench times the training pass alone and keeps the
  // per-epoch validation small so the run stays short.
  const smallValidation = subset(split.validation, Array.from({ length: 100 }, (_, i) => i), 'validation-100');
  const outcome = trainNetwork(supervisedTrainerConfig(config), (rng) => buildNetwork(config.model, rng), { labeled: split.labeled, validation: smallValidation }, 1, {
    progress: makeProgress(process.stderr, true),
    keepNetwork: true,
  });
  const perEpoch = outcome.epochs.slice(1).map((e) => split.labeled.count / e.trainSeconds);
  const train = median(perEpoch);

  const network = outcome.network!;
  const val = split.validation;
  const images = val.images.subarray(0, val.count * 784);
  const inferRates: number[] = [];
  // Inference the way evaluation and pseudo-labelling run it (the starter network's logProbs), split across the worker threads.
  for (let rep = 0; rep < 3; rep++) {
    const t = performance.now();
    predictParallel(network.parameters, config.model, images, inferBatch);
    inferRates.push(val.count / ((performance.now() - t) / 1000));
  }
  const infer = median(inferRates);
  network.dispose();
  const workers = sharedPoolThreads();
  const progress = makeProgress(process.stdout);
  progress.line(`backend ${backend.name} (${backend.detail}), ${workers} thread${workers === 1 ? '' : 's'} (TRAIN_WORKERS=${workers - 1} extra)`);
  progress.line(`train: ${train.toFixed(0)} img/s (median of ${perEpoch.length} epochs: ${perEpoch.map((v) => v.toFixed(0)).join(', ')})`);
  progress.line(`infer: ${infer.toFixed(0)} img/s (median of 3 passes over ${val.count} images, batch ${inferBatch})`);
  if (flags.kernels) for (const line of formatStepProfile(profileTrainingStep(config.model, split.labeled))) progress.line(line);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ backend: backend.name, train_img_per_s: Math.round(train), infer_img_per_s: Math.round(infer), workers })}\n`);
  }
});
