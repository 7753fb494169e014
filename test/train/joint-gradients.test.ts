// The FixMatch step's one train-mode pass over labeled rows and student views: without batch norm
// it equals the two terms computed apart (so weights, masks and row bookkeeping are right); with
// batch norm the running statistics come from the joint batch; soft labeled targets work too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend } from '../../src/backend/select';
import { buildNetwork } from '../../src/nn/build';
import { BN32X64, starterSpec } from '../../src/nn/specs';
import { jointGradients, type PseudoLabeledBatch } from '../../src/train/unlabeled-term';
import { Rng } from '../../src/util/rng';
import { relErr } from '../helpers/numeric';

function images(rng: Rng, n: number): Float32Array {
  const out = new Float32Array(n * 784).fill(-0.42);
  for (let i = 0; i < n; i++) for (let p = 0; p < 120; p++) out[i * 784 + 200 + rng.int(400)] = 2.8 * rng.uniform();
  return out;
}

function batches(nL: number, nU: number) {
  const rng = new Rng(3);
  const labeled = { images: images(rng, nL), targets: { kind: 'hard' as const, labels: Int32Array.from({ length: nL }, () => rng.int(10)) } };
  const mask = Float32Array.from({ length: nU }, (_, i) => (i % 3 === 0 ? 0 : 1));
  const unlabeled: PseudoLabeledBatch = {
    student: images(rng, nU),
    targets: { labels: Int32Array.from({ length: nU }, () => rng.int(10)), mask, confidence: new Float32Array(nU).fill(0.99) },
  };
  return { labeled, unlabeled };
}

const NO_DROPOUT = starterSpec({ conv2DropRate: 0, fc1DropRate: 0 });

test('joint FixMatch pass, no batch norm: the labeled and unlabeled terms computed apart, summed', async () => {
  await initBackend('cpu');
  const nL = 7, nU = 12, factor = 0.5, alpha = 0.8;
  const { labeled, unlabeled } = batches(nL, nU);
  const net = buildNetwork(NO_DROPOUT, { rng: new Rng(1) });
  const got = jointGradients(net, labeled, unlabeled, factor, alpha, new Rng(9));
  const a = net.gradients({ ...labeled, scale: factor / nL, rng: new Rng(9) });
  const weights = Float32Array.from(unlabeled.targets.mask, (m) => (alpha * m) / nU);
  const b = net.gradients({ images: unlabeled.student, targets: { kind: 'hard', labels: unlabeled.targets.labels }, weights, scale: factor, rng: new Rng(9) });
  got.grads.forEach((g, i) => {
    const want = Float32Array.from(g, (_, k) => a.grads[i][k] + b.grads[i][k]);
    assert.ok(relErr(g, want, 1e-6) < 1e-4, `parameter ${i}: relative error ${relErr(g, want, 1e-6)}`);
  });
  assert.ok(Math.abs(got.lossSum - a.lossSum) < 1e-4, `labeled loss ${got.lossSum} vs ${a.lossSum}`);
  assert.equal(got.correct, a.correct);
  const masked = b.rowLoss!.reduce((s, l, i) => s + unlabeled.targets.mask[i] * l, 0) / nU;
  assert.ok(Math.abs(got.unlabeledLoss - masked) < 1e-5, `unlabeled loss ${got.unlabeledLoss} vs ${masked}`);
  net.dispose();
});

test('joint FixMatch pass, batch norm: running statistics from labeled and student rows together', async () => {
  await initBackend('cpu');
  const nL = 6, nU = 10;
  const { labeled, unlabeled } = batches(nL, nU);
  const joint = buildNetwork(BN32X64, { rng: new Rng(1) });
  const alone = buildNetwork(BN32X64, { rng: new Rng(1) });
  const before = joint.buffers.map((b) => b.slice());
  jointGradients(joint, labeled, unlabeled, 1, 1, new Rng(9));
  alone.gradients({ ...labeled, scale: 1 / nL, rng: new Rng(9) });
  // conv1's running mean: moved by the step, and not where the labeled rows alone would move it.
  assert.ok(joint.buffers[0].some((v, k) => v !== before[0][k]), 'the joint pass left the running statistics unchanged');
  assert.ok(relErr(joint.buffers[0], alone.buffers[0], 1e-6) > 1e-3, 'the running statistics ignore the student views');
  joint.dispose();
  alone.dispose();
});

test('joint FixMatch pass: soft labeled targets (one-hot) give the hard targets\' gradients', async () => {
  await initBackend('cpu');
  const nL = 5, nU = 8;
  const { labeled, unlabeled } = batches(nL, nU);
  const probs = new Float32Array(nL * 10);
  labeled.targets.labels.forEach((l, i) => { probs[i * 10 + l] = 1; });
  const net = buildNetwork(BN32X64, { rng: new Rng(1) });
  const hard = jointGradients(net, labeled, unlabeled, 1, 1, new Rng(9));
  const soft = jointGradients(net, { images: labeled.images, targets: { kind: 'soft', probs } }, unlabeled, 1, 1, new Rng(9));
  soft.grads.forEach((g, i) => assert.ok(relErr(g, hard.grads[i], 1e-6) < 1e-5, `parameter ${i}`));
  assert.ok(Math.abs(soft.unlabeledLoss - hard.unlabeledLoss) < 1e-6);
  net.dispose();
});
