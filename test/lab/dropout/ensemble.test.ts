import { test } from 'node:test';
import assert from 'node:assert/strict';
import { enumerateMasks, maskProbability } from '../../../src/lab/dropout/masks';
import { randomTinyNet, softmax, tinyLogits } from '../../../src/lab/dropout/tiny-net';
import { exactEnsemble, ensembleGaps, maxAbsDiff } from '../../../src/lab/dropout/ensemble';
import { Rng } from '../../../src/util/rng';

test('enumerateMasks lists every binary mask once', () => {
  const masks = enumerateMasks(4);
  assert.equal(masks.length, 16);
  assert.equal(new Set(masks.map((m) => m.join(''))).size, 16);
  assert.deepEqual([...masks[0]], [0, 0, 0, 0]);
  assert.deepEqual([...masks[15]], [1, 1, 1, 1]);
  assert.throws(() => enumerateMasks(21), /0\.\.20/);
  assert.throws(() => enumerateMasks(-1), /got -1/);
});

test('mask probabilities sum to one and match keep^k (1-keep)^(n-k)', () => {
  const keep = 0.7;
  const masks = enumerateMasks(5);
  const total = masks.reduce((s, m) => s + maskProbability(m, keep), 0);
  assert.ok(Math.abs(total - 1) < 1e-12);
  assert.ok(Math.abs(maskProbability([1, 1, 0], keep) - 0.7 * 0.7 * 0.3) < 1e-15);
  assert.throws(() => maskProbability([1], 0), /keep probability/);
});

test('geometric mean equals weight scaling exactly when the dropped units feed the softmax directly', () => {
  for (const keep of [0.5, 0.8, 0.3]) {
    const net = randomTinyNet({ inputs: 4, hidden: 5, classes: 3 }, 'tanh', new Rng(3));
    const rng = new Rng(11);
    const x = Array.from({ length: 4 }, () => rng.normal());
    const r = exactEnsemble(net, x, { sites: 'hidden', keepInput: 1, keepHidden: keep });
    assert.equal(r.subnetworks, 32);
    assert.ok(maxAbsDiff(r.geometric, r.weightScaled) < 1e-12, `keep=${keep}`);
    // The arithmetic mean is a different object: it must not coincide in general.
    assert.ok(maxAbsDiff(r.arithmetic, r.weightScaled) > 1e-4, `keep=${keep}`);
  }
});

test('with a nonlinear hidden layer after the dropped inputs the identity breaks, with identity it holds', () => {
  const rng = new Rng(5);
  const xs = Array.from({ length: 20 }, () => Array.from({ length: 4 }, () => rng.normal()));
  const lin = ensembleGaps(randomTinyNet({ inputs: 4, hidden: 4, classes: 3 }, 'identity', new Rng(8)), xs, {
    sites: 'input',
    keepInput: 0.5,
    keepHidden: 1,
  });
  assert.ok(lin.maxDiffGeometric < 1e-12);
  const relu = ensembleGaps(randomTinyNet({ inputs: 4, hidden: 4, classes: 3 }, 'relu', new Rng(8)), xs, {
    sites: 'input',
    keepInput: 0.5,
    keepHidden: 1,
  });
  assert.ok(relu.maxDiffGeometric > 1e-3);
});

test('weight scaling multiplies each unit by its keep probability (a brute-force reference)', () => {
  const net = randomTinyNet({ inputs: 3, hidden: 2, classes: 2 }, 'sigmoid', new Rng(1));
  const x = [0.5, -1, 2];
  const r = exactEnsemble(net, x, { sites: 'both', keepInput: 0.6, keepHidden: 0.4 });
  const ref = softmax(tinyLogits(net, x.map((v) => v * 0.6), { hidden: [0.4, 0.4] }));
  assert.ok(maxAbsDiff(r.weightScaled, ref) < 1e-15);
  assert.equal(r.subnetworks, 32);
  const sum = r.arithmetic.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum - 1) < 1e-12);
});
