import nodeAssert from 'node:assert/strict';
import { test } from 'node:test';
import { inspect } from 'node:util';
import assert, { ClaimFailed } from '../../src/notebook/claim';

/** What tslab shows for an error a cell throws: console.error, i.e. util.inspect. */
function printed(f: () => void): string {
  try {
    f();
  } catch (e) {
    return inspect(e);
  }
  throw new Error('expected the claim to fail');
}

test('a failing boolean claim prints its sentence and the measured values, no stack or false == true', () => {
  const gain = -0.4;
  const text = printed(() => assert(gain > 0, 'claim in Section 7: augmentation raises validation accuracy', { 'mean gain (points)': gain }));
  nodeAssert.equal(text, 'Claim failed: claim in Section 7: augmentation raises validation accuracy\n  measured mean gain (points): -0.4');
});

test('equal and deepEqual show what was measured and what was expected', () => {
  const text = printed(() => assert.equal(5, 6, 'the text says six Xavier runs'));
  nodeAssert.match(text, /^Claim failed: the text says six Xavier runs\n  measured: 5\n  expected \(strictEqual\): 6$/);
  nodeAssert.match(printed(() => assert.deepEqual([1, 2], [1, 3], 'seeds')), /measured: \[ 1, 2 \][\s\S]*expected \(deepStrictEqual\): \[ 1, 3 \]/);
});

test('without a message the claim is worded for the reader; passing claims and other errors pass through', () => {
  nodeAssert.equal(printed(() => assert(1 > 2)), 'Claim failed: an unnamed check of this cell (its condition was false)');
  nodeAssert.equal(printed(() => assert.throws(() => undefined)), 'Claim failed: Missing expected exception.');
  nodeAssert.doesNotThrow(() => { assert(true, 'x'); assert.equal(1, 1); assert.deepEqual({ a: 1 }, { a: 1 }); assert.ok(1); });
  nodeAssert.throws(() => assert.throws(() => undefined), ClaimFailed);
  nodeAssert.doesNotThrow(() => assert.throws(() => { throw new Error('bad'); }, /bad/));
});
