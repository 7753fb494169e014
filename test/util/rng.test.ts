import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/util/rng';

test('the same seed gives the same stream, a different seed a different one', () => {
  const a = new Rng(42);
  const b = new Rng(42);
  const c = new Rng(43);
  const sa = Array.from({ length: 8 }, () => a.nextUint32());
  const sb = Array.from({ length: 8 }, () => b.nextUint32());
  const sc = Array.from({ length: 8 }, () => c.nextUint32());
  assert.deepEqual(sa, sb);
  assert.notDeepEqual(sa, sc);
});

test('uniform and normal have the right first two moments', () => {
  const rng = new Rng(7);
  const n = 200_000;
  let su = 0, suu = 0, sn = 0, snn = 0;
  for (let i = 0; i < n; i++) {
    const u = rng.uniform();
    const z = rng.normal();
    su += u; suu += u * u; sn += z; snn += z * z;
  }
  assert.ok(Math.abs(su / n - 0.5) < 0.005);
  assert.ok(Math.abs(suu / n - su * su / n / n - 1 / 12) < 0.002);
  assert.ok(Math.abs(sn / n) < 0.01);
  assert.ok(Math.abs(snn / n - 1) < 0.01);
});

test('permutation is a permutation', () => {
  const p = new Rng(1).permutation(1000);
  assert.deepEqual(Array.from(p).sort((x, y) => x - y), Array.from({ length: 1000 }, (_, i) => i));
});
