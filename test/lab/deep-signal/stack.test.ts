import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runDeepStack, variance } from '../../../src/lab/deep-signal/stack';
import { Rng } from '../../../src/util/rng';

function gaussianInput(batch: number, dim: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: batch * dim }, () => rng.normal());
}

test('variance is the population variance', () => {
  assert.equal(variance(Float32Array.from([1, 2, 3, 4])), 1.25);
  assert.equal(variance(Float32Array.from([5, 5, 5])), 0);
});

test('one linear-regime layer: Var(z) ≈ fanIn · Var(w) · E[x²] (LeCun: ≈ Var(x))', () => {
  const input = gaussianInput(400, 200, 1);
  const r = runDeepStack({ input, batch: 400, inputDim: 200, depth: 1, width: 200, activation: 'relu', init: 'lecun-normal', seed: 2 });
  assert.ok(Math.abs(r.preActivationVariance[0] - 1) < 0.15, `Var(z) = ${r.preActivationVariance[0]}`);
  // He doubles it.
  const he = runDeepStack({ input, batch: 400, inputDim: 200, depth: 1, width: 200, activation: 'relu', init: 'he-normal', seed: 2 });
  assert.ok(Math.abs(he.preActivationVariance[0] / r.preActivationVariance[0] - 2) < 0.05);
});

test('backward pass agrees with central finite differences of L = Σ g ⊙ h_top', () => {
  for (const activation of ['tanh', 'relu'] as const) {
    const base = { batch: 2, inputDim: 4, depth: 3, width: 5, activation, init: 'xavier-normal' as const, seed: 9 };
    const input = gaussianInput(2, 4, 5);
    const r = runDeepStack({ ...base, input, keepTensors: true, weightGradients: true });
    assert.ok(r.tensors);
    const g = r.tensors.topGradient;
    const loss = (x: Float32Array) => {
      const top = runDeepStack({ ...base, input: x, keepTensors: true }).tensors!.top;
      let s = 0;
      for (let i = 0; i < top.length; i++) s += g[i] * top[i];
      return s;
    };
    const eps = 1e-2;
    for (let i = 0; i < input.length; i++) {
      const plus = input.slice();
      const minus = input.slice();
      plus[i] += eps;
      minus[i] -= eps;
      const numeric = (loss(plus) - loss(minus)) / (2 * eps);
      const analytic = r.tensors.inputGradient[i];
      assert.ok(Math.abs(numeric - analytic) < 2e-3 * (1 + Math.abs(analytic)), `${activation} input ${i}: ${numeric} vs ${analytic}`);
    }
    assert.equal(r.weightGradientVariance.length, 3);
    for (const v of r.weightGradientVariance) assert.ok(Number.isFinite(v) && v >= 0);
  }
});

test('the textbook outcome on a 12-layer ReLU stack: He keeps the signal, PyTorch default loses it', () => {
  const input = gaussianInput(64, 128, 3);
  const common = { input, batch: 64, inputDim: 128, depth: 12, width: 128, activation: 'relu' as const, seed: 4 };
  const he = runDeepStack({ ...common, init: 'he-normal' });
  const pt = runDeepStack({ ...common, init: 'pytorch-default' });
  const ratio = (v: number[]) => v[v.length - 1] / v[0];
  assert.ok(ratio(he.activationVariance) > 0.2 && ratio(he.activationVariance) < 5, `He ratio ${ratio(he.activationVariance)}`);
  assert.ok(ratio(pt.activationVariance) < 0.05, `PyTorch-default ratio ${ratio(pt.activationVariance)}`);
  // Gradient at layer 1 relative to the injected unit-variance gradient at the top.
  assert.ok(pt.gradientVariance[0] < 1e-6, `PyTorch-default bottom gradient ${pt.gradientVariance[0]}`);
  assert.ok(he.gradientVariance[0] > 0.2 && he.gradientVariance[0] < 5);
});

test('bad options are rejected with the option name', () => {
  const input = new Float32Array(10);
  assert.throws(() => runDeepStack({ input, batch: 2, inputDim: 4, depth: 1, width: 3, activation: 'relu', init: 'he-normal', seed: 1 }), /input must hold/);
  assert.throws(() => runDeepStack({ input, batch: 2, inputDim: 5, depth: 0, width: 3, activation: 'relu', init: 'he-normal', seed: 1 }), /depth/);
  assert.throws(
    () => runDeepStack({ input, batch: 2, inputDim: 5, depth: 1, width: 3, activation: 'sigmoid' as never, init: 'he-normal', seed: 1 }),
    /activation/,
  );
});
