import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/backend/select';
import { STARTER_CNN } from '../../src/models/config';
import { StarterCnn } from '../../src/models/starter-cnn';
import { HostOptimizer } from '../../src/optim/host-optimizer';
import { drawDropoutMasks } from '../../src/models/starter-cnn-step';
import { batchGradients } from '../../src/parallel/batch-gradients';
import { ParallelPool, disposeSharedPool, predictParallel } from '../../src/parallel/pool';
import { Rng } from '../../src/util/rng';

let pool: ParallelPool | null = null;
after(async () => {
  await pool?.dispose();
  await disposeSharedPool();
});

function batch(rng: Rng, n: number): { images: Float32Array; labels: Int32Array } {
  const images = new Float32Array(n * 784).fill(-0.42);
  for (let i = 0; i < n; i++) for (let p = 0; p < 150; p++) images[i * 784 + 150 + rng.int(500)] = 2.8 * rng.uniform();
  return { images, labels: Int32Array.from({ length: n }, () => rng.int(10)) };
}

/** Trains `steps` steps of batch 64 from one seed, on one thread or split with the pool. */
function train(usePool: boolean, steps: number): Float32Array[] {
  const rng = new Rng(42);
  const model = new StarterCnn(STARTER_CNN, rng.fork());
  const dataRng = rng.fork();
  const dropoutRng = rng.fork();
  const params = model.variables.map((v) => (v.dataSync() as Float32Array).slice());
  const opt = new HostOptimizer({ kind: 'nesterov', lr: 0.05, momentum: 0.9 }, params.map((p) => p.length));
  for (let s = 0; s < steps; s++) {
    const n = s === steps - 1 ? 37 : 64; // an odd last batch splits unevenly
    const { images, labels } = batch(dataRng, n);
    const masks = drawDropoutMasks(n, STARTER_CNN, dropoutRng);
    const g = batchGradients(model.variables, params, STARTER_CNN, images, labels, masks, 1 / n, usePool ? pool : null);
    opt.step(params, g.grads);
    tf.tidy(() => model.variables.forEach((v, i) => v.assign(tf.tensor(params[i], v.shape))));
  }
  model.dispose();
  return params;
}

test('data-parallel steps equal single-threaded steps on the same global batches, bit for bit', async () => {
  await initBackend('wasm');
  pool = new ParallelPool(1, 'wasm');
  assert.equal(pool.threads, 2);
  const single = train(false, 6);
  const parallel = train(true, 6);
  const again = train(true, 6);
  single.forEach((p, i) => {
    // The parts are fixed, not the threads, so the sums are the same float operations in the same order.
    assert.deepEqual(Array.from(parallel[i]), Array.from(p), `parameter ${i}: parallel and single-threaded steps differ`);
    assert.deepEqual(Array.from(parallel[i]), Array.from(again[i]), `parameter ${i}: parallel runs are reproducible`);
  });
  // Moving from the initial weights at all shows the comparison is not vacuous.
  const init = new StarterCnn(STARTER_CNN, new Rng(42).fork());
  const moved = Math.max(...init.variables[4].dataSync().map((v, k) => Math.abs(v - single[4][k])));
  init.dispose();
  assert.ok(moved > 1e-3, `training moved fc1 weights by ${moved}`);
});

test('predictParallel gives the same log-probabilities as the model on one thread', async () => {
  await initBackend('wasm');
  process.env.TRAIN_WORKERS = '1';
  const rng = new Rng(8);
  const model = new StarterCnn(STARTER_CNN, rng.fork());
  const { images } = batch(rng, 301);
  const params = model.variables.map((v) => (v.dataSync() as Float32Array).slice());
  const got = predictParallel(params, STARTER_CNN, images, 100);
  const want = tf.tidy(() => model.logProbs(tf.tensor4d(images, [301, 28, 28, 1])).dataSync() as Float32Array);
  model.dispose();
  assert.equal(got.length, want.length);
  for (let i = 0; i < want.length; i++) assert.ok(Math.abs(got[i] - want[i]) < 1e-5, `index ${i}: ${got[i]} vs ${want[i]}`);
  // Rows are independent, so splitting them across threads changes no value at all.
  process.env.TRAIN_WORKERS = '0';
  const oneThread = predictParallel(params, STARTER_CNN, images, 100);
  process.env.TRAIN_WORKERS = '1';
  assert.deepEqual(Array.from(got), Array.from(oneThread));
});

test('bad input fails loudly, and the pool still works afterwards', async () => {
  await initBackend('wasm');
  const p = pool ?? new ParallelPool(1, 'wasm');
  const wrong = [new Float32Array(3)]; // one parameter array of the wrong size
  assert.throws(() => p.logProbs(wrong, STARTER_CNN, new Float32Array(784 * 4), 2), /should have 250 values but has 3/);
  const model = new StarterCnn(STARTER_CNN, new Rng(1));
  const params = model.variables.map((v) => (v.dataSync() as Float32Array).slice());
  model.dispose();
  assert.equal(p.logProbs(params, STARTER_CNN, new Float32Array(784 * 4), 2).length, 40);
});
