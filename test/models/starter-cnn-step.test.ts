import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/backend/select';
import { STARTER_CNN, type CnnConfig } from '../../src/models/config';
import { StarterCnn } from '../../src/models/starter-cnn';
import { nllLoss } from '../../src/models/loss';
import { drawDropoutMasks, starterCnnGradients } from '../../src/models/starter-cnn-step';
import { HostOptimizer } from '../../src/optim/host-optimizer';
import { Rng } from '../../src/util/rng';

/** MNIST-like inputs: a constant background (so pool windows tie) with a random blob. */
function images(rng: Rng, n: number): Float32Array {
  const out = new Float32Array(n * 784).fill(-0.42);
  for (let i = 0; i < n; i++) for (let p = 0; p < 120; p++) out[i * 784 + 200 + rng.int(400)] = 2.8 * rng.uniform();
  return out;
}

function relErr(got: ArrayLike<number>, want: ArrayLike<number>): number {
  let err = 0, scale = 1e-3;
  for (let i = 0; i < want.length; i++) {
    err = Math.max(err, Math.abs(got[i] - want[i]));
    scale = Math.max(scale, Math.abs(want[i]));
  }
  return err / scale;
}

async function compare(backend: 'cpu' | 'wasm', config: CnnConfig, seed: number): Promise<void> {
  await initBackend(backend);
  const rng = new Rng(seed);
  const model = new StarterCnn(config, rng.fork());
  const n = 16;
  const x = images(rng, n);
  const labels = Int32Array.from({ length: n }, () => rng.int(10));
  const maskSeed = rng.int(1 << 30);
  // Reference: tfjs autodiff of the model's own forward pass, drawing masks from the same stream.
  const { value, grads } = tf.variableGrads(() => {
    const logp = model.logProbs(tf.tensor4d(x, [n, 28, 28, 1]), new Rng(maskSeed));
    return nllLoss(logp, tf.tensor1d(labels, 'int32'));
  }, model.variables);
  const want = model.variables.map((v) => grads[v.name].dataSync() as Float32Array);
  const wantLoss = value.dataSync()[0];
  tf.dispose([value, ...Object.values(grads)]);
  const got = starterCnnGradients(model.variables, config, x, labels, drawDropoutMasks(n, config, new Rng(maskSeed)), 1 / n);
  assert.ok(Math.abs(got.lossSum / n - wantLoss) < 1e-5 * Math.max(1, wantLoss), `${backend}: loss ${got.lossSum / n} vs ${wantLoss}`);
  model.variables.forEach((v, i) => {
    const e = relErr(got.grads[i], want[i]);
    assert.ok(e < 1e-4, `${backend} ${JSON.stringify(config)}: gradient of ${v.name} differs from autodiff, relative error ${e}`);
  });
  model.dispose();
}

test('hand-written gradients equal tfjs autodiff of logProbs + nllLoss on the cpu backend', async () => {
  await compare('cpu', STARTER_CNN, 1);
  await compare('cpu', { ...STARTER_CNN, reluOnLogits: true }, 2);
  await compare('cpu', { ...STARTER_CNN, conv2DropRate: 0, fc1DropRate: 0.3 }, 3);
});

test('hand-written gradients equal tfjs autodiff on wasm too', async () => {
  await compare('wasm', STARTER_CNN, 4);
  await compare('wasm', { ...STARTER_CNN, reluOnLogits: true, fc1DropRate: 0 }, 5);
});

test('the comparison can fail: masks from another stream give clearly different gradients', async () => {
  await initBackend('cpu');
  const rng = new Rng(9);
  const model = new StarterCnn(STARTER_CNN, rng.fork());
  const x = images(rng, 8);
  const labels = Int32Array.from({ length: 8 }, () => rng.int(10));
  const { value, grads } = tf.variableGrads(
    () => nllLoss(model.logProbs(tf.tensor4d(x, [8, 28, 28, 1]), new Rng(1)), tf.tensor1d(labels, 'int32')), model.variables);
  const got = starterCnnGradients(model.variables, STARTER_CNN, x, labels, drawDropoutMasks(8, STARTER_CNN, new Rng(2)), 1 / 8);
  const e = relErr(got.grads[4], grads[model.variables[4].name].dataSync());
  tf.dispose([value, ...Object.values(grads)]);
  model.dispose();
  assert.ok(e > 1e-2, `relative error ${e}`);
});

test('HostOptimizer takes exactly the steps of tf.train.momentum / sgd', async () => {
  await initBackend('cpu');
  const rng = new Rng(7);
  for (const config of [
    { kind: 'nesterov' as const, lr: 0.05, momentum: 0.9 },
    { kind: 'momentum' as const, lr: 0.01, momentum: 0.5 },
    { kind: 'sgd' as const, lr: 0.1 },
  ]) {
    const init = Float32Array.from({ length: 37 }, () => rng.normal());
    const v = tf.variable(tf.tensor1d(init));
    const opt = config.kind === 'sgd' ? tf.train.sgd(config.lr) : tf.train.momentum(config.lr, config.momentum, config.kind === 'nesterov');
    const host = [init.slice()];
    const ours = new HostOptimizer(config, [37]);
    for (let s = 0; s < 5; s++) {
      const g = Float32Array.from({ length: 37 }, () => rng.normal());
      opt.applyGradients({ [v.name]: tf.tensor1d(g) });
      ours.step(host, [g]);
    }
    assert.deepEqual(Array.from(host[0]), Array.from(v.dataSync()), config.kind);
    v.dispose();
    opt.dispose();
  }
});
