import * as tf from '@tensorflow/tfjs';
import { wrapKernels, type KernelStat } from '../backend/kernel-timer';
import type { Dataset } from '../data/split';
import type { CnnConfig } from '../models/config';
import { StarterCnn } from '../models/starter-cnn';
import { drawDropoutMasks } from '../models/starter-cnn-step';
import { buildNetwork } from '../nn/build';
import type { ModelSpec } from '../nn/spec';
import { batchGradients } from '../parallel/batch-gradients';
import { median } from '../stats/summary';
import { Rng } from '../util/rng';

export interface StepProfile {
  steps: number;
  /** Wall milliseconds per 64-image step (median of rounds), and the mean time inside backend kernels. */
  msPerStep: number;
  kernelMsPerStep: number;
  kernels: KernelStat[];
}

/**
 * Where one thread's time goes in a training step of the starter CNN: every backend kernel's
 * exclusive wall time, and the rest, which is our JS (pooling, the small layers, the sparse conv1
 * filter gradient, glue). Wall clock, not process CPU time: the process clock also counts V8's
 * garbage-collector and compiler threads, which made the JS share look larger than it is. The step
 * time is the median of `rounds` rounds, so a burst of load on the machine moves it little.
 */
export function profileTrainingStep(config: CnnConfig, data: Dataset, steps = 40, batch = 64, rounds = 5): StepProfile {
  const model = new StarterCnn(config, new Rng(1));
  const params = model.variables.map((v) => (v.dataSync() as Float32Array).slice());
  const rng = new Rng(2);
  try {
    return profileSteps((s) => {
      const start = (s * batch) % (data.count - batch);
      const labels = Int32Array.from(data.labels.subarray(start, start + batch));
      batchGradients(model.variables, params, config, data.images.subarray(start * 784, (start + batch) * 784), labels, drawDropoutMasks(batch, config, rng), 1 / batch, null);
    }, steps, rounds);
  } finally {
    model.dispose();
  }
}

/** The same profile for a spec network on the engine (src/nn), on this thread alone. */
export function profileEngineStep(spec: ModelSpec, data: Dataset, steps = 40, batch = 64, rounds = 5): StepProfile {
  const net = buildNetwork(spec, { rng: new Rng(1) });
  const rng = new Rng(2);
  try {
    return profileSteps((s) => {
      const start = (s * batch) % (data.count - batch);
      const labels = Int32Array.from(data.labels.subarray(start, start + batch));
      net.gradients({ images: data.images.subarray(start * 784, (start + batch) * 784), targets: { kind: 'hard', labels }, scale: 1 / batch, rng });
    }, steps, rounds);
  } finally {
    net.dispose();
  }
}

/** Times `step(s)` over rounds of `steps` steps after a warm-up, with every kernel's exclusive time. */
function profileSteps(step: (s: number) => void, steps: number, rounds: number): StepProfile {
  for (let s = 0; s < 5; s++) step(s); // warm-up: JIT, XNNPACK operator caches
  const timer = wrapKernels(tf.getBackend(), 'wall');
  try {
    const perRound: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const t0 = performance.now();
      for (let s = 0; s < steps; s++) step(s);
      perRound.push((performance.now() - t0) / steps);
    }
    const kernels = timer.stats();
    const total = steps * rounds;
    const kernelMsPerStep = kernels.reduce((a, k) => a + k.exclusiveMs, 0) / total;
    return { steps: total, msPerStep: median(perRound), kernelMsPerStep, kernels };
  } finally {
    timer.restore();
  }
}

export function formatStepProfile(p: StepProfile): string[] {
  const lines = [`one thread, wall time per 64-image step (${p.steps} steps): ${p.msPerStep.toFixed(2)} ms (kernels ${p.kernelMsPerStep.toFixed(2)} ms, the rest JS)`];
  for (const k of p.kernels) {
    if (k.exclusiveMs / p.steps < 0.01) continue;
    lines.push(`  ${k.name.padEnd(22)} ${(k.calls / p.steps).toFixed(0).padStart(3)} calls ${(k.exclusiveMs / p.steps).toFixed(2).padStart(7)} ms`);
  }
  return lines;
}
