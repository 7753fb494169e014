import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LEE_2013_SCHEDULE, makeAlphaSchedule, pseudoLabelAlpha } from '../../src/semi/alpha-schedule';

test('α(t) is 0 before T1, ramps linearly to α_f at T2, then stays there', () => {
  const s = { t1: 10, t2: 30, alphaF: 3 };
  assert.equal(pseudoLabelAlpha(0, s), 0);
  assert.equal(pseudoLabelAlpha(9.999, s), 0);
  assert.equal(pseudoLabelAlpha(10, s), 0);
  assert.ok(Math.abs(pseudoLabelAlpha(10.5, s) - 0.075) < 1e-12);
  assert.equal(pseudoLabelAlpha(20, s), 1.5);
  assert.ok(Math.abs(pseudoLabelAlpha(29.999, s) - 2.99985) < 1e-9);
  assert.equal(pseudoLabelAlpha(30, s), 3);
  assert.equal(pseudoLabelAlpha(1000, s), 3);
  assert.equal(pseudoLabelAlpha(-5, s), 0);
});

test("Lee's published schedule and the pre-validated closure agree", () => {
  const f = makeAlphaSchedule(LEE_2013_SCHEDULE);
  assert.equal(f(99), 0);
  assert.equal(f(350), 1.5);
  assert.equal(f(600), 3);
  for (const t of [0, 100, 123.4, 599.9, 700]) assert.equal(f(t), pseudoLabelAlpha(t, LEE_2013_SCHEDULE));
});

test('invalid schedules are rejected', () => {
  assert.throws(() => pseudoLabelAlpha(1, { t1: 5, t2: 5, alphaF: 1 }), /T1 < T2, got T1=5, T2=5/);
  assert.throws(() => makeAlphaSchedule({ t1: 6, t2: 5, alphaF: 1 }), /T1 < T2/);
  assert.throws(() => pseudoLabelAlpha(1, { t1: 0, t2: 5, alphaF: -1 }), /alphaF ≥ 0/);
  assert.throws(() => pseudoLabelAlpha(NaN, { t1: 0, t2: 5, alphaF: 1 }), /epochs/);
});
