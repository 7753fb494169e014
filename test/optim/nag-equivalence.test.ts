import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initState, run, step, OptimizerConfig } from '../../src/optim/functional';
import { makeTfOptimizer } from '../../src/optim/tf-optimizer';

// f(θ) = ½ θᵀAθ, A = R diag(1, 25) Rᵀ with R a 30° rotation: ill-conditioned and not axis-aligned,
// so the two coordinates are coupled and a wrong change of variables cannot cancel per coordinate.
const c = Math.cos(Math.PI / 6);
const s = Math.sin(Math.PI / 6);
const A = [
  [c * c * 1 + s * s * 25, c * s * (1 - 25)],
  [c * s * (1 - 25), s * s * 1 + c * c * 25],
];
const grad = (t: Float64Array): Float64Array =>
  Float64Array.from([A[0][0] * t[0] + A[0][1] * t[1], A[1][0] * t[0] + A[1][1] * t[1]]);
const theta0 = Float64Array.from([1, -0.5]);
const LR = 0.02;
const MU = 0.9;
const STEPS = 50;
const TOL = 1e-5;
let variableCounter = 0;

/** Runs a tfjs optimizer on the same f; returns the variable after 0..steps updates and the final accumulator. */
async function tfTrajectory(config: OptimizerConfig, steps: number): Promise<{ points: Float64Array[]; accumulator: Float64Array | null }> {
  await tf.setBackend('cpu');
  const optimizer = makeTfOptimizer(config);
  const Amat = tf.tensor2d(A);
  const x = tf.variable(tf.tensor1d(Array.from(theta0)), true, `nag_eq_x_${config.kind}_${variableCounter++}`);
  const points: Float64Array[] = [Float64Array.from(x.dataSync())];
  for (let k = 0; k < steps; k++) {
    optimizer.minimize(() => tf.mul(0.5, tf.sum(tf.mul(x, tf.matMul(Amat, x.reshape([2, 1])).reshape([2])))) as tf.Scalar, false, [x]);
    points.push(Float64Array.from(x.dataSync()));
  }
  const weights = await optimizer.getWeights();
  // For momentum, weights = [iterations, `${name}/momentum`]; plain sgd has no accumulator.
  const acc = weights.find((w) => w.name.endsWith('/momentum'));
  const accumulator = acc ? Float64Array.from(acc.tensor.dataSync()) : null;
  optimizer.dispose();
  x.dispose();
  Amat.dispose();
  return { points, accumulator };
}

/** Our trajectory as (θ_k, v_k) pairs, k = 0..steps, from v₀ = 0. */
function ours(config: OptimizerConfig, steps: number): { theta: Float64Array; velocity: Float64Array }[] {
  let state = initState(theta0);
  const out = [{ theta: state.theta, velocity: state.velocity }];
  for (let k = 0; k < steps; k++) {
    state = step(config, state, grad);
    out.push({ theta: state.theta, velocity: state.velocity });
  }
  return out;
}

function maxDiff(a: Float64Array, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

const lookAhead = (p: { theta: Float64Array; velocity: Float64Array }): Float64Array =>
  p.theta.map((t, i) => t + MU * p.velocity[i]);

test('makeTfOptimizer builds the configured tfjs optimizer', () => {
  const cases: [OptimizerConfig, object][] = [
    [{ kind: 'nesterov', lr: 0.05, momentum: 0.8 }, { learningRate: 0.05, momentum: 0.8, useNesterov: true }],
    [{ kind: 'momentum', lr: 0.05, momentum: 0.8 }, { learningRate: 0.05, momentum: 0.8, useNesterov: false }],
    [{ kind: 'sgd', lr: 0.05 }, { learningRate: 0.05 }],
  ];
  for (const [config, expected] of cases) {
    const optimizer = makeTfOptimizer(config);
    assert.deepEqual(optimizer.getConfig(), expected);
    optimizer.dispose();
  }
  assert.throws(() => makeTfOptimizer({ kind: 'nesterov', lr: 0.05, momentum: 1 }), /momentum must be in \[0, 1\)/);
  assert.throws(() => makeTfOptimizer({ kind: 'momentum', lr: -1, momentum: 0.5 }), /lr must be a finite number > 0/);
});

test('tfjs Nesterov stores the look-ahead point: p_k = θ_k + μ v_k and accumulator = −v/ε', async () => {
  const config: OptimizerConfig = { kind: 'nesterov', lr: LR, momentum: MU };
  const tfRun = await tfTrajectory(config, STEPS);
  const mine = ours(config, STEPS);
  let worst = 0;
  for (let k = 0; k <= STEPS; k++) {
    const d = maxDiff(lookAhead(mine[k]), tfRun.points[k]);
    worst = Math.max(worst, d);
    assert.ok(d < TOL, `step ${k}: |θ+μv − p| = ${d}`);
  }
  // The trajectory actually moved and is not trivially near the optimum from the start.
  assert.ok(maxDiff(tfRun.points[0], tfRun.points[STEPS]) > 0.5);
  // Without the change of variables the trajectories differ: θ_k is not p_k.
  const unshifted = Math.max(...mine.map((p, k) => maxDiff(p.theta, tfRun.points[k])));
  assert.ok(unshifted > 1e-2, `θ_k matches p_k too closely (${unshifted}); the test would not detect the shift`);
  // The accumulator is the velocity in gradient units.
  assert.ok(tfRun.accumulator);
  const expectedAcc = mine[STEPS].velocity.map((v) => -v / LR);
  const accErr = maxDiff(expectedAcc, tfRun.accumulator);
  assert.ok(accErr < 1e-4 * Math.max(1, ...Array.from(expectedAcc, Math.abs)), `accumulator ${tfRun.accumulator} vs −v/ε ${expectedAcc}`);
  // Conversely the seed's θ is recovered from tfjs's state as p + εμ·a.
  const recovered = tfRun.points[STEPS].map((p, i) => p + LR * MU * tfRun.accumulator![i]);
  assert.ok(maxDiff(mine[STEPS].theta, recovered) < TOL);
  assert.ok(worst < TOL);
});

test('classical momentum is NOT tfjs Nesterov, in either coordinate system', async () => {
  const tfNag = await tfTrajectory({ kind: 'nesterov', lr: LR, momentum: MU }, STEPS);
  const heavyBall = ours({ kind: 'momentum', lr: LR, momentum: MU }, STEPS);
  const asTheta = Math.max(...heavyBall.map((p, k) => maxDiff(p.theta, tfNag.points[k])));
  const asLookAhead = Math.max(...heavyBall.map((p, k) => maxDiff(lookAhead(p), tfNag.points[k])));
  assert.ok(asTheta > 1e-2, `momentum θ within ${asTheta} of tfjs-nesterov`);
  assert.ok(asLookAhead > 1e-2, `momentum θ+μv within ${asLookAhead} of tfjs-nesterov`);
});

test('classical momentum needs no change of variables: tfjs momentum p_k = θ_k', async () => {
  const config: OptimizerConfig = { kind: 'momentum', lr: LR, momentum: MU };
  const tfRun = await tfTrajectory(config, STEPS);
  const mine = ours(config, STEPS);
  for (let k = 0; k <= STEPS; k++) {
    const d = maxDiff(mine[k].theta, tfRun.points[k]);
    assert.ok(d < TOL, `step ${k}: |θ − p| = ${d}`);
  }
  const expectedAcc = mine[STEPS].velocity.map((v) => -v / LR);
  assert.ok(maxDiff(expectedAcc, tfRun.accumulator!) < 1e-4 * Math.max(1, ...Array.from(expectedAcc, Math.abs)));
});

test('tfjs sgd matches functional sgd step for step', async () => {
  const config: OptimizerConfig = { kind: 'sgd', lr: LR };
  const tfRun = await tfTrajectory(config, STEPS);
  const mine = run(config, theta0, grad, { iterations: STEPS });
  for (let k = 0; k <= STEPS; k++) assert.ok(maxDiff(mine.thetas[k], tfRun.points[k]) < TOL, `step ${k}`);
  assert.equal(tfRun.accumulator, null);
});
