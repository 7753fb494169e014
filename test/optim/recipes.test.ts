import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WeightAverage } from '../../src/optim/ema';
import { HostOptimizer } from '../../src/optim/host-optimizer';
import { lrFactorAt, validateSchedule } from '../../src/optim/lr-schedule';
import { applyWeightDecay } from '../../src/optim/weight-decay';

const close = (got: number, want: number, tol = 1e-6): void => assert.ok(Math.abs(got - want) <= tol, `got ${got}, want ${want}`);

test('schedules by hand: constant, cosine (1 → ¾ at a third → 0), step (γ per block)', () => {
  close(lrFactorAt('constant', 7.3, 10, 47), 1);
  close(lrFactorAt('cosine', 0, 30, 47), 1);
  close(lrFactorAt('cosine', 10, 30, 47), 0.75); // ½(1 + cos(π/3))
  close(lrFactorAt('cosine', 15, 30, 47), 0.5);
  close(lrFactorAt('cosine', 30, 30, 47), 0);
  const step = { kind: 'step', everyEpochs: 10, gamma: 0.1 } as const;
  close(lrFactorAt(step, 9.98, 30, 47), 1);
  close(lrFactorAt(step, 10, 30, 47), 0.1);
  close(lrFactorAt(step, 25, 30, 47), 0.01);
});

test('linear warm-up: (k+1)/W over W = warmupEpochs·stepsPerEpoch steps, multiplying the schedule', () => {
  const warm = { kind: 'constant', warmupEpochs: 2 } as const; // W = 10 steps at 5 steps per epoch
  close(lrFactorAt(warm, 0, 10, 5), 0.1);
  close(lrFactorAt(warm, 0.8, 10, 5), 0.5); // step 4
  close(lrFactorAt(warm, 1.8, 10, 5), 1); // step 9, the last of the warm-up
  close(lrFactorAt(warm, 2, 10, 5), 1);
  // Cosine over 10 epochs at t = 1 (step 5): ½(1 + cos(π/10)) · 6/10.
  close(lrFactorAt({ kind: 'cosine', warmupEpochs: 2 }, 1, 10, 5), 0.5 * (1 + Math.cos(Math.PI / 10)) * 0.6, 1e-12);
  close(0.5 * (1 + Math.cos(Math.PI / 10)) * 0.6, 0.585317, 1e-6);
});

test('schedules with bad settings are refused, naming the field', () => {
  assert.throws(() => validateSchedule({ kind: 'step', everyEpochs: 0, gamma: 0.1 }), /everyEpochs > 0, found 0/);
  assert.throws(() => validateSchedule({ kind: 'cosine', warmupEpochs: -1 }), /warmupEpochs must be a number ≥ 0, found -1/);
  assert.throws(() => validateSchedule({ kind: 'linear' } as never), /kind must be 'constant', 'cosine' or 'step', found "linear"/);
});

test('decoupled weight decay: p ← p − ε·s·λ·p on weights only, 2 → 1.98 with ε 0.1, s ½, λ 0.2', () => {
  const params = [Float32Array.of(2, -4), Float32Array.of(3)];
  applyWeightDecay(params, [true, false], 0.1, 0.5, 0.2);
  close(params[0][0], 1.98);
  close(params[0][1], -3.96);
  assert.equal(params[1][0], 3);
  assert.throws(() => applyWeightDecay(params, [true], 0.1, 1, 0.1), /2 parameters but 1 decay flag$/);
});

test('decoupled decay stays out of the momentum accumulator: two zero-gradient steps shrink by exactly (1 − c)²', () => {
  const params = [Float32Array.of(2)];
  const optimizer = new HostOptimizer({ kind: 'nesterov', lr: 0.1, momentum: 0.9 }, [1]);
  for (let k = 0; k < 2; k++) {
    applyWeightDecay(params, [true], 0.1, 1, 0.1);
    optimizer.step(params, [Float32Array.of(0)]);
  }
  close(params[0][0], 2 * 0.99 * 0.99, 1e-6); // 1.9602; L2 through momentum would give 1.94238
  assert.deepEqual(optimizer.state(), [Float32Array.of(0)]);
});

test('EMA of weights and batch-norm buffers: 1 → 1.1 → 1.19 with decay 0.9 toward 2; restore round-trips', () => {
  const ema = new WeightAverage(0.9, [Float32Array.of(1)], [Float32Array.of(10)]);
  ema.update([Float32Array.of(2)], [Float32Array.of(20)]);
  close(ema.parameters[0][0], 1.1);
  close(ema.buffers[0][0], 11, 1e-5);
  ema.update([Float32Array.of(2)], [Float32Array.of(20)]);
  close(ema.parameters[0][0], 1.19);
  close(ema.buffers[0][0], 11.9, 1e-5);
  const saved = ema.state();
  ema.update([Float32Array.of(0)], [Float32Array.of(0)]);
  ema.restore(saved);
  close(ema.parameters[0][0], 1.19);
  assert.throws(() => new WeightAverage(1, [], []), /ema.decay: expected a number in \[0, 1\), found 1/);
});
