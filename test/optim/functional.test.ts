import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initState, run, step, validateConfig, OptimizerConfig } from '../../src/optim/functional';

// f(θ) = ½ θᵀAθ with A = diag(1, 25): condition number 25, minimum 0 at the origin.
const A = [1, 25];
const loss = (t: Float64Array): number => 0.5 * (A[0] * t[0] * t[0] + A[1] * t[1] * t[1]);
const grad = (t: Float64Array): Float64Array => Float64Array.from([A[0] * t[0], A[1] * t[1]]);
const theta0 = Float64Array.from([1, 1]);

function assertClose(actual: Float64Array, expected: number[], tol = 1e-14): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((a, i) => assert.ok(Math.abs(a - expected[i]) <= tol, `[${i}] ${a} vs ${expected[i]}`));
}

test('one step of each rule by hand', () => {
  const s0 = { theta: Float64Array.from([1, 1]), velocity: Float64Array.from([0.5, -0.5]), step: 3 };
  const sgd = step({ kind: 'sgd', lr: 0.1 }, s0, grad);
  assertClose(sgd.theta, [1 - 0.1 * 1, 1 - 0.1 * 25]);
  assert.equal(sgd.step, 4);

  const mom = step({ kind: 'momentum', lr: 0.1, momentum: 0.9 }, s0, grad);
  // v = 0.9·v − 0.1·∇f(θ)
  const vm = [0.9 * 0.5 - 0.1 * 1, 0.9 * -0.5 - 0.1 * 25];
  assertClose(mom.velocity, vm);
  assertClose(mom.theta, [1 + vm[0], 1 + vm[1]]);

  const nag = step({ kind: 'nesterov', lr: 0.1, momentum: 0.9 }, s0, grad);
  // Gradient at the look-ahead θ + μv = (1.45, 0.55).
  const look = [1 + 0.9 * 0.5, 1 + 0.9 * -0.5];
  const vn = [0.9 * 0.5 - 0.1 * (A[0] * look[0]), 0.9 * -0.5 - 0.1 * (A[1] * look[1])];
  assertClose(nag.velocity, vn);
  assertClose(nag.theta, [1 + vn[0], 1 + vn[1]]);

  // Pure: the input state is untouched.
  assert.deepEqual(Array.from(s0.theta), [1, 1]);
  assert.deepEqual(Array.from(s0.velocity), [0.5, -0.5]);
  assert.equal(s0.step, 3);
});

test('initState copies θ₀ and starts at rest', () => {
  const s = initState(theta0);
  assert.notEqual(s.theta, theta0);
  assert.deepEqual(Array.from(s.theta), [1, 1]);
  assert.deepEqual(Array.from(s.velocity), [0, 0]);
  assert.equal(s.step, 0);
});

test('sgd, momentum and nesterov each converge on the ill-conditioned quadratic', () => {
  const configs: OptimizerConfig[] = [
    { kind: 'sgd', lr: 0.02 },
    { kind: 'momentum', lr: 0.02, momentum: 0.9 },
    { kind: 'nesterov', lr: 0.02, momentum: 0.9 },
  ];
  const reached: Record<string, number> = {};
  for (const config of configs) {
    const r = run(config, theta0, grad, { iterations: 2000, loss, tolerance: 1e-10 });
    assert.equal(r.thetas.length, 2001);
    assert.equal(r.losses.length, 2001);
    assert.equal(r.losses[0], loss(theta0));
    assert.ok(r.iterationsToTolerance !== null, `${config.kind} did not reach 1e-10`);
    assert.ok(r.losses[r.iterationsToTolerance] <= 1e-10);
    assert.ok(r.losses[r.iterationsToTolerance - 1] > 1e-10);
    assert.ok(r.losses[2000] < 1e-20, `${config.kind} final loss ${r.losses[2000]}`);
    reached[config.kind] = r.iterationsToTolerance;
  }
  // Along the flat direction sgd contracts by 1 − ε = 0.98 per step, momentum by about √μ ≈ 0.95.
  assert.ok(reached.momentum < reached.sgd, JSON.stringify(reached));
  assert.ok(reached.nesterov < reached.sgd, JSON.stringify(reached));
});

test('a too-large learning rate diverges rather than being hidden', () => {
  const r = run({ kind: 'sgd', lr: 0.1 }, theta0, grad, { iterations: 50, loss, tolerance: 1e-10 });
  // ε·λ_max = 2.5 > 2: the stiff direction blows up.
  assert.ok(r.losses[50] > 1e10);
  assert.equal(r.iterationsToTolerance, null);
});

test('run without a loss records only θ', () => {
  const r = run({ kind: 'nesterov', lr: 0.02, momentum: 0.5 }, theta0, grad, { iterations: 3 });
  assert.equal(r.thetas.length, 4);
  assert.deepEqual(r.losses, []);
  assert.equal(r.iterationsToTolerance, null);
  assert.deepEqual(Array.from(r.thetas[0]), [1, 1]);
  assert.throws(() => run({ kind: 'sgd', lr: 0.1 }, theta0, grad, { iterations: 3, tolerance: 1 }), /without a loss/);
  assert.throws(() => run({ kind: 'sgd', lr: 0.1 }, theta0, grad, { iterations: -1 }), /iterations/);
});

test('bad configs throw clear errors', () => {
  assert.throws(() => validateConfig({ kind: 'sgd', lr: 0 }), /lr must be a finite number > 0, got 0/);
  assert.throws(() => validateConfig({ kind: 'sgd', lr: -0.1 }), /lr must be/);
  assert.throws(() => validateConfig({ kind: 'sgd', lr: NaN }), /lr must be/);
  assert.throws(() => validateConfig({ kind: 'momentum', lr: 0.1, momentum: 1 }), /momentum must be in \[0, 1\), got 1/);
  assert.throws(() => validateConfig({ kind: 'nesterov', lr: 0.1, momentum: -0.1 }), /momentum must be in \[0, 1\)/);
  assert.throws(() => validateConfig({ kind: 'nesterov', lr: 0.1 }), /needs a momentum/);
  assert.throws(() => validateConfig({ kind: 'sgd', lr: 0.1, momentum: 0.9 }), /takes no momentum/);
  assert.throws(() => validateConfig({ kind: 'adam' as 'sgd', lr: 0.1 }), /kind must be one of sgd, momentum, nesterov/);
  assert.throws(() => step({ kind: 'momentum', lr: 0.1, momentum: 1.5 }, initState(theta0), grad), /momentum/);
  assert.throws(() => step({ kind: 'sgd', lr: 0.1 }, initState(theta0), () => new Float64Array(3)), /gradient has length 3, expected 2/);
  assert.equal(validateConfig({ kind: 'sgd', lr: 0.1, momentum: 0 }), 0);
  assert.equal(validateConfig({ kind: 'momentum', lr: 0.1, momentum: 0 }), 0);
});
