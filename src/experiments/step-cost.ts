import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/split';
import { buildNetwork, type ModelConfig } from '../models/build-network';
import { buildModel } from '../models/build-model';
import { median } from '../stats/summary';
import { Rng } from '../util/rng';

/**
 * Milliseconds per FixMatch-shaped training step (a pseudo-label pass over `teacher` images in eval
 * mode, then forward and backward over `student` images), median of `reps` after one warm-up, on
 * the images at the start of `ds`. Two ways: tfjs autodiff through the model, which every
 * architecture has, and the layer engine on the training threads, which the experiments use.
 */
export interface StepCostOptions {
  teacher: number;
  student: number;
  reps: number;
}

function timeReps(reps: number, step: () => void): number {
  step();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    step();
    times.push(performance.now() - t0);
  }
  return median(times);
}

export function autodiffStepMs(modelConfig: ModelConfig, ds: Dataset, o: StepCostOptions): number {
  const model = buildModel(modelConfig, new Rng(1));
  const rng = new Rng(2);
  const opt = tf.train.momentum(0.001, 0.9, true);
  const x = tf.tensor4d(ds.images.subarray(0, o.student * 784), [o.student, 28, 28, 1]);
  const teacher = tf.tensor4d(ds.images.subarray(0, o.teacher * 784), [o.teacher, 28, 28, 1]);
  const y = tf.oneHot(tf.tensor1d(Array.from(ds.labels.subarray(0, o.student)), 'int32'), 10) as tf.Tensor2D;
  try {
    return timeReps(o.reps, () => {
      tf.tidy(() => model.logProbs(teacher).dataSync());
      opt.minimize(() => tf.neg(tf.mean(tf.sum(tf.mul(y, model.logProbs(x, rng)), 1))) as tf.Scalar, false, model.variables);
    });
  } finally {
    tf.dispose([x, teacher, y]);
    opt.dispose();
    model.dispose();
  }
}

/** The same step on the path the experiments train on: the layer engine (src/nn/), on the training threads. */
export function engineStepMs(modelConfig: ModelConfig, ds: Dataset, o: StepCostOptions): number {
  const net = buildNetwork(modelConfig, new Rng(1));
  const rng = new Rng(2);
  const labels = Int32Array.from(ds.labels.subarray(0, o.student));
  try {
    return timeReps(o.reps, () => {
      net.logProbs(ds.images.subarray(0, o.teacher * 784));
      net.gradients({ images: ds.images.subarray(0, o.student * 784), targets: { kind: 'hard', labels }, scale: 1 / o.student, rng });
    });
  } finally {
    net.dispose();
  }
}
