import * as tf from '@tensorflow/tfjs';
import { wrapKernels, type KernelStat } from '../backend/kernel-timer';
import type { Dataset } from '../data/split';
import type { CnnConfig } from '../models/config';
import { StarterCnn } from '../models/starter-cnn';
import { drawDropoutMasks } from '../models/starter-cnn-step';
import { batchGradients } from '../parallel/batch-gradients';
import { Rng } from '../util/rng';

export interface StepProfile {
  steps: number;
  /** Process CPU milliseconds per 64-image step, all of it and inside backend kernels. */
  cpuMsPerStep: number;
  kernelMsPerStep: number;
  kernels: KernelStat[];
}

/**
 * Where one thread's CPU time goes in a training step of the starter CNN: every backend kernel's
 * exclusive CPU time (process CPU clock, so it means the same on a loaded machine), and the rest,
 * which is our JS (pooling, the small layers, the sparse conv1 filter gradient, glue).
 */
export function profileTrainingStep(config: CnnConfig, data: Dataset, steps = 40, batch = 64): StepProfile {
  const model = new StarterCnn(config, new Rng(1));
  const params = model.variables.map((v) => (v.dataSync() as Float32Array).slice());
  const rng = new Rng(2);
  const run = (count: number): void => {
    for (let s = 0; s < count; s++) {
      const start = (s * batch) % (data.count - batch);
      const labels = Int32Array.from(data.labels.subarray(start, start + batch));
      batchGradients(model.variables, params, config, data.images.subarray(start * 784, (start + batch) * 784), labels, drawDropoutMasks(batch, config, rng), 1 / batch, null);
    }
  };
  run(5); // warm-up: JIT, XNNPACK operator caches
  const timer = wrapKernels(tf.getBackend(), 'cpu');
  try {
    const before = process.cpuUsage();
    run(steps);
    const used = process.cpuUsage(before);
    const kernels = timer.stats();
    const cpuMsPerStep = (used.user + used.system) / 1000 / steps;
    const kernelMsPerStep = kernels.reduce((a, k) => a + k.exclusiveMs, 0) / steps;
    return { steps, cpuMsPerStep, kernelMsPerStep, kernels };
  } finally {
    timer.restore();
    model.dispose();
  }
}

export function formatStepProfile(p: StepProfile): string[] {
  const lines = [`one thread, CPU time per 64-image step over ${p.steps} steps: ${p.cpuMsPerStep.toFixed(2)} ms (kernels ${p.kernelMsPerStep.toFixed(2)} ms, JS ${(p.cpuMsPerStep - p.kernelMsPerStep).toFixed(2)} ms)`];
  for (const k of p.kernels) {
    if (k.exclusiveMs / p.steps < 0.01) continue;
    lines.push(`  ${k.name.padEnd(22)} ${(k.calls / p.steps).toFixed(0).padStart(3)} calls ${(k.exclusiveMs / p.steps).toFixed(2).padStart(7)} ms`);
  }
  return lines;
}
