// Networks built from specs: the starter spec is StarterCnn (same initial weights, same gradients
// as its autodiff, same eval outputs); batch norm's running statistics and eval mode; spec errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/backend/select';
import { STARTER_CNN } from '../../src/models/config';
import { nllLoss } from '../../src/models/loss';
import { StarterCnn } from '../../src/models/starter-cnn';
import { buildNetwork } from '../../src/nn/build';
import { BN_EPS } from '../../src/nn/layers/batch-norm';
import { BN32X64, getSpec, starterSpec } from '../../src/nn/specs';
import { validateSpec } from '../../src/nn/spec';
import { planLayers } from '../../src/nn/plan';
import { Rng } from '../../src/util/rng';
import { relErr } from '../helpers/numeric';

function digits(rng: Rng, n: number): Float32Array {
  const out = new Float32Array(n * 784).fill(-0.42);
  for (let i = 0; i < n; i++) for (let p = 0; p < 120; p++) out[i * 784 + 200 + rng.int(400)] = 2.8 * rng.uniform();
  return out;
}

for (const backend of ['cpu', 'wasm'] as const) {
  test(`the starter spec is StarterCnn: same initial weights, autodiff's gradients, same eval log-probabilities (${backend})`, async () => {
    await initBackend(backend);
    for (const reluOnLogits of [false, true]) {
      const config = { ...STARTER_CNN, reluOnLogits };
      const model = new StarterCnn(config, new Rng(5));
      const net = buildNetwork(starterSpec({ reluOnLogits }), { rng: new Rng(5) });
      model.variables.forEach((v, i) => assert.deepEqual(net.parameters[i], v.dataSync(), `initial ${v.name}`));
      const rng = new Rng(6);
      const n = 24, x = digits(rng, n);
      const labels = Int32Array.from({ length: n }, () => rng.int(10));
      // The engine draws its masks for the whole batch in layer order, as StarterCnn.logProbs does.
      const { value, grads } = tf.variableGrads(() => nllLoss(model.logProbs(tf.tensor4d(x, [n, 28, 28, 1]), new Rng(7)), tf.tensor1d(labels, 'int32')), model.variables);
      const got = net.gradients({ images: x, targets: { kind: 'hard', labels }, scale: 1 / n, rng: new Rng(7) });
      assert.ok(Math.abs(got.lossSum / n - value.dataSync()[0]) < 1e-5);
      model.variables.forEach((v, i) => {
        const e = relErr(got.grads[i], grads[v.name].dataSync(), 1e-3);
        assert.ok(e < 1e-4, `${backend} relu-logits=${reluOnLogits}: ${v.name} relative error ${e}`);
      });
      const want = model.logProbs(tf.tensor4d(x, [n, 28, 28, 1])).dataSync();
      assert.ok(relErr(net.logProbs(x), want) < 1e-5);
      tf.dispose([value, ...Object.values(grads)]);
      model.dispose();
      net.dispose();
    }
  });
}

test('batch norm: running statistics follow PyTorch (momentum 0.1, unbiased variance), per shard, and eval mode uses them', async () => {
  await initBackend('cpu');
  const net = buildNetwork(BN32X64, { rng: new Rng(1) });
  const rng = new Rng(2);
  const n = 10, x = digits(rng, n);
  const labels = Int32Array.from({ length: n }, () => rng.int(10));
  const [w1] = net.parameters;
  // conv1's output per shard (rows 0-4 and 5-9), its channel moments, and the expected update.
  const shardStats = [0, 5].map((a) => tf.tidy(() => {
    const z = tf.conv2d(tf.tensor4d(x.subarray(a * 784, (a + 5) * 784), [5, 28, 28, 1]), tf.tensor4d(w1, [5, 5, 1, 32]), 1, 'valid');
    const { mean, variance } = tf.moments(z, [0, 1, 2]);
    const m = 5 * 24 * 24;
    return [mean.dataSync(), tf.mul(variance, m / (m - 1)).dataSync()];
  }));
  net.gradients({ images: x, targets: { kind: 'hard', labels }, scale: 1 / n, rng: new Rng(3) });
  const [rm, rv] = net.buffers;
  for (let k = 0; k < 32; k++) {
    const mean = (shardStats[0][0][k] + shardStats[1][0][k]) / 2, v = (shardStats[0][1][k] + shardStats[1][1][k]) / 2;
    assert.ok(Math.abs(rm[k] - 0.1 * mean) < 1e-5, `running mean ${k}: ${rm[k]} vs ${0.1 * mean}`);
    // Relative to the update itself, tight enough to see m/(m − 1) = 1.00035 (Bessel's correction).
    assert.ok(Math.abs(rv[k] - 0.9 - 0.1 * v) < 5e-5 * 0.1 * v, `running var ${k}: ${rv[k]} vs ${0.9 + 0.1 * v}`);
  }
  // updateBuffers: false leaves them alone.
  const before = net.buffers.map((b) => b.slice());
  net.gradients({ images: x, targets: { kind: 'hard', labels }, scale: 1 / n, rng: new Rng(3), updateBuffers: false });
  net.buffers.forEach((b, i) => assert.deepEqual(b, before[i]));
  // Eval mode: conv → (x − running mean)/√(running var + eps)·γ + β → ReLU → pool, ... with tf ops.
  const p = net.parameters.map((v, i) => tf.tensor(v, [...net.info[i].shape]));
  const b = net.buffers.map((v) => tf.tensor(v));
  const want = tf.tidy(() => {
    const bn = (h: tf.Tensor, i: number, j: number) => tf.relu(tf.batchNorm(h, b[j], b[j + 1], p[i + 1], p[i], BN_EPS));
    let h: tf.Tensor = tf.maxPool(bn(tf.conv2d(tf.tensor4d(x, [n, 28, 28, 1]), p[0] as tf.Tensor4D, 1, 'valid'), 1, 0) as tf.Tensor4D, 2, 2, 'valid');
    h = tf.maxPool(bn(tf.conv2d(h as tf.Tensor4D, p[3] as tf.Tensor4D, 1, 'valid'), 4, 2) as tf.Tensor4D, 2, 2, 'valid');
    h = bn(tf.matMul(tf.reshape(h, [n, 1024]), p[6] as tf.Tensor2D), 7, 4);
    return tf.logSoftmax(tf.add(tf.matMul(h as tf.Tensor2D, p[9] as tf.Tensor2D), p[10])).dataSync();
  });
  assert.ok(relErr(net.logProbs(x), want) < 1e-5);
  tf.dispose([...p, ...b]);
  net.dispose();
});

test('specs: bn32x64 is the peer network; bad specs are refused naming the layer, the expectation and the finding', () => {
  assert.deepEqual(planLayers(BN32X64).layers.map((l) => l.kind), ['conv2d', 'batchnorm', 'maxpool', 'conv2d', 'batchnorm', 'maxpool', 'flatten', 'linear', 'batchnorm', 'dropout', 'linear']);
  const sizes = buildNetwork(BN32X64, { rng: new Rng(1) }).info.map((i) => i.shape.join('x'));
  assert.deepEqual(sizes, ['5x5x1x32', '32', '32', '5x5x32x64', '64', '64', '1024x128', '128', '128', '128x10', '10']);
  assert.throws(() => getSpec('nope'), /unknown name "nope"; expected one of starter/);
  assert.throws(() => validateSpec({ name: 'x', input: [28, 28, 1], layers: [{ type: 'conv2d', filters: 0, kernel: 5 }] }), /layer 0: filters must be a positive integer, found 0/);
  assert.throws(() => validateSpec({ name: 'x', input: [28, 28, 1], layers: [{ type: 'dense', units: 3 }] }), /layer 0: type must be one of .*found "dense"/);
  assert.throws(() => validateSpec({ name: 'x', input: [28, 28, 1], layers: [{ type: 'dropout', rate: 1 }] }), /layer 0: rate must be a number in \[0, 1\), found 1/);
  assert.throws(() => planLayers(validateSpec({ name: 'x', input: [28, 28, 1], layers: [{ type: 'linear', units: 10 }] })), /layer 0 \(linear.*expects a flat input.*found \[28, 28, 1\]/);
  assert.throws(() => planLayers(validateSpec({ name: 'x', input: [28, 28, 1], layers: [{ type: 'conv2d', filters: 4, kernel: 3 }] })), /last layer must output class scores.*found \[26, 26, 4\]/);
  assert.throws(() => getSpec('{"name": "x", "input": [28,28,1], "layers": [{"type": "relu", "rate": 2}]}'), /layer 0: unknown field "rate" for a relu layer/);
});
