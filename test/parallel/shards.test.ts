import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addGradients, GRADIENT_SHARDS, shardBounds } from '../../src/parallel/shards';

test('a batch splits into the same fixed parts whatever the thread count', () => {
  assert.equal(GRADIENT_SHARDS, 2);
  assert.deepEqual(shardBounds(64), [0, 32, 64]);
  assert.deepEqual(shardBounds(37), [0, 18, 37]);
  assert.deepEqual(shardBounds(1), [0, 1]);
  assert.deepEqual(shardBounds(10, 3), [0, 3, 6, 10]);
  assert.throws(() => shardBounds(0), /expected a positive batch size, found 0/);
});

test('addGradients adds in float32 and refuses parts that do not match', () => {
  const total = { grads: [Float32Array.of(1, 2**24)], lossSum: 1.5, correct: 3 };
  addGradients(total, { grads: [Float32Array.of(0.25, 1)], lossSum: 2, correct: 1 });
  // 2^24 + 1 is not a float32: the sum rounds to 2^24 as a float32 kernel would.
  assert.deepEqual(Array.from(total.grads[0]), [1.25, 2 ** 24]);
  assert.equal(total.lossSum, 3.5);
  assert.equal(total.correct, 4);
  assert.throws(() => addGradients(total, { grads: [new Float32Array(3)], lossSum: 0, correct: 0 }), /gradient 0 has 2 values in one part and 3 in another/);
  assert.throws(() => addGradients(total, { grads: [], lossSum: 0, correct: 0 }), /addGradients: 1 gradient vs 0$/);
});
