import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend } from '../../src/backend/select';
import { autodiffNetwork } from '../../src/models/autodiff-network';
import { buildNetwork } from '../../src/models/build-network';
import { STARTER_CNN } from '../../src/models/config';
import { starterNetwork } from '../../src/models/starter-network';
import { StarterCnn } from '../../src/models/starter-cnn';
import type { Network } from '../../src/nn/network';
import { Rng } from '../../src/util/rng';
import { relErr } from '../helpers/numeric';

function images(rng: Rng, n: number): Float32Array {
  const out = new Float32Array(n * 784).fill(-0.42);
  for (let i = 0; i < n; i++) for (let p = 0; p < 120; p++) out[i * 784 + 200 + rng.int(400)] = 2.8 * rng.uniform();
  return out;
}

interface Probe {
  lossSum: number;
  correct: number;
  grads: Float32Array[];
  logProbs: Float32Array;
  changed: Float32Array;
  changedLoss: number;
  decay: boolean[];
}

/** Gradients and eval outputs of one network; disposed after (two starter models cannot coexist: tf variable names). */
function probe(net: Network): Probe {
  try {
    const rng = new Rng(9);
    const n = 12;
    const x = images(rng, n);
    const labels = Int32Array.from({ length: n }, () => rng.int(10));
    const g = net.gradients({ images: x, targets: { kind: 'hard', labels }, scale: 1 / n, rng: new Rng(3) });
    const logProbs = net.logProbs(x);
    net.parameters[7][0] += 1;
    net.parametersChanged();
    const changedLoss = net.gradients({ images: x, targets: { kind: 'hard', labels }, scale: 1 / n, rng: new Rng(3) }).lossSum;
    return { ...g, logProbs, changed: net.logProbs(x), changedLoss, decay: net.info.map((p) => p.decay) };
  } finally {
    net.dispose();
  }
}

test('the starter adapter (hand-written step) and the autodiff adapter give the same gradients, losses and eval log-probabilities', async () => {
  await initBackend('cpu');
  const config = { ...STARTER_CNN, conv2DropRate: 0.3, fc1DropRate: 0.4 };
  const a = probe(starterNetwork(config, new Rng(5)));
  const b = probe(autodiffNetwork(new StarterCnn(config, new Rng(5))));
  assert.equal(a.correct, b.correct);
  assert.ok(Math.abs(a.lossSum - b.lossSum) < 1e-4 * Math.abs(b.lossSum), `loss ${a.lossSum} vs ${b.lossSum}`);
  a.grads.forEach((g, i) => assert.ok(relErr(g, b.grads[i], 1e-3) < 1e-4, `gradient ${i}: ${relErr(g, b.grads[i], 1e-3)}`));
  assert.ok(relErr(a.logProbs, b.logProbs) < 1e-5);
  assert.ok(relErr(a.changed, b.changed) < 1e-5, 'both see parameters changed in place');
  assert.ok(relErr(a.changed, a.logProbs) > 1e-3, 'the change moved the outputs');
  assert.ok(Math.abs(a.changedLoss - b.changedLoss) < 1e-4 * Math.abs(b.changedLoss), `loss after the change ${a.changedLoss} vs ${b.changedLoss}`);
  assert.deepEqual(a.decay, [true, false, true, false, true, false, true, false]);
  assert.deepEqual(b.decay, a.decay);
});

test('a config can name a model spec: the engine builds it, and its starter draws the same initial weights as the hand-written step', async () => {
  await initBackend('cpu');
  const engine = buildNetwork({ arch: 'spec', spec: 'starter' }, new Rng(1));
  let hand: Float32Array[];
  const handNet = buildNetwork(STARTER_CNN, new Rng(1), { handWritten: true });
  try {
    hand = handNet.parameters.map((p) => p.slice());
  } finally {
    handNet.dispose();
  }
  try {
    assert.deepEqual(engine.info.map((p) => p.shape), [[5, 5, 1, 10], [10], [5, 5, 10, 20], [20], [320, 50], [50], [50, 10], [10]]);
    engine.parameters.forEach((p, i) => assert.deepEqual(p, hand[i], `parameter ${i}`));
  } finally {
    engine.dispose();
  }
  const bn = buildNetwork({ arch: 'spec', spec: 'bn32x64', initializer: 'he-normal' }, new Rng(1));
  try {
    const count = bn.parameters.reduce((s, p) => s + p.length, 0);
    assert.equal(count, 800 + 64 + 51200 + 128 + 131072 + 256 + 1280 + 10, 'bn32x64 has the peer network\'s parameters');
    assert.ok(bn.buffers.length > 0, 'batch norm keeps running statistics');
  } finally {
    bn.dispose();
  }
  assert.throws(() => buildNetwork({ arch: 'spec', spec: 'bn32x64' }, new Rng(1), { autodiff: true }), /model spec 'bn32x64': the layer engine computes its own gradients; the autodiff and hand-written paths exist for the starter CNN config/);
});
