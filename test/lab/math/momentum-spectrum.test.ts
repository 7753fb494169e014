import { test } from 'node:test';
import assert from 'node:assert/strict';
import { momentumMatrix, nesterovMatrix, spectralRadius2, stabilityLimit, worstRadius, type Matrix2 } from '../../../src/lab/math/momentum-spectrum';

function powerNorm(m: Matrix2, k: number): number {
  // ‖M^k‖^{1/k} → ρ(M) (Gelfand); a reference that does not use the trace/determinant formula.
  // Renormalise every step (keeping the log of the scale) so ρ^k cannot underflow.
  let a: Matrix2 = [[1, 0], [0, 1]];
  let logScale = 0;
  for (let i = 0; i < k; i++) {
    a = [
      [a[0][0] * m[0][0] + a[0][1] * m[1][0], a[0][0] * m[0][1] + a[0][1] * m[1][1]],
      [a[1][0] * m[0][0] + a[1][1] * m[1][0], a[1][0] * m[0][1] + a[1][1] * m[1][1]],
    ];
    const norm = Math.sqrt(a.flat().reduce((s, x) => s + x * x, 0));
    logScale += Math.log(norm);
    a = a.map((row) => row.map((x) => x / norm)) as Matrix2;
  }
  return Math.exp(logScale / k);
}

test('spectral radius matches Gelfand’s formula for real and complex eigenvalues', () => {
  for (const m of [momentumMatrix(0.01, 0.9, 100), nesterovMatrix(0.01, 0.5, 1), momentumMatrix(0.1, 0.3, 1), nesterovMatrix(0.015, 0.9, 100)]) {
    assert.ok(Math.abs(spectralRadius2(m) - powerNorm(m, 2000)) < 5e-3, JSON.stringify(m));
  }
  assert.equal(spectralRadius2([[2, 0], [0, -3]]), 3);
});

test('the matrices reproduce the optimizers’ recurrences along one eigenvalue', () => {
  const [lr, mu, lambda] = [0.02, 0.8, 30];
  for (const kind of ['momentum', 'nesterov'] as const) {
    let theta = 1, v = 0, prev = 1;
    let state: [number, number] = [1, 1];
    const m = kind === 'momentum' ? momentumMatrix(lr, mu, lambda) : nesterovMatrix(lr, mu, lambda);
    for (let k = 0; k < 20; k++) {
      const at = kind === 'momentum' ? theta : theta + mu * v;
      v = mu * v - lr * lambda * at;
      prev = theta;
      theta += v;
      state = [m[0][0] * state[0] + m[0][1] * state[1], state[0]];
      assert.ok(Math.abs(state[0] - theta) < 1e-12 && Math.abs(state[1] - prev) < 1e-12, `${kind} step ${k}`);
    }
  }
});

test('textbook tunings give the textbook rates on a quadratic with condition number κ', () => {
  const [m, L] = [1, 100];
  const kappa = L / m;
  const sk = Math.sqrt(kappa);
  const hbMu = ((sk - 1) / (sk + 1)) ** 2;
  const hbLr = 4 / (Math.sqrt(L) + Math.sqrt(m)) ** 2;
  const eig = [m, 3, 50, L];
  assert.ok(Math.abs(worstRadius('momentum', hbLr, hbMu, eig) - (sk - 1) / (sk + 1)) < 1e-6);
  assert.ok(Math.abs(worstRadius('nesterov', 1 / L, (sk - 1) / (sk + 1), eig) - (1 - 1 / sk)) < 1e-6);
  assert.ok(Math.abs(worstRadius('sgd', 2 / (L + m), 0, eig) - (kappa - 1) / (kappa + 1)) < 1e-12);
});

test('stability limits are where the spectral radius crosses 1', () => {
  for (const mu of [0, 0.3, 0.9]) {
    for (const kind of ['momentum', 'nesterov'] as const) {
      const limit = stabilityLimit(kind, mu);
      const rho = (x: number) => spectralRadius2(kind === 'momentum' ? momentumMatrix(x, mu, 1) : nesterovMatrix(x, mu, 1));
      assert.ok(rho(limit * 0.999) < 1, `${kind} μ=${mu} below limit`);
      assert.ok(rho(limit * 1.001) > 1, `${kind} μ=${mu} above limit`);
    }
  }
});
