import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fans } from '../../src/init/fans';

test('dense kernels [in, out] use in and out directly', () => {
  assert.deepEqual(fans([320, 50]), { fanIn: 320, fanOut: 50 });
  assert.deepEqual(fans([50, 10]), { fanIn: 50, fanOut: 10 });
});

test('conv kernels [kh, kw, cin, cout] multiply channels by the receptive field', () => {
  // The course CNN's two convolutions, as PyTorch's _calculate_fan_in_and_fan_out reports them.
  assert.deepEqual(fans([5, 5, 1, 10]), { fanIn: 25, fanOut: 250 });
  assert.deepEqual(fans([5, 5, 10, 20]), { fanIn: 250, fanOut: 500 });
  // Non-square kernel: the order of kh and kw does not matter, the channel order does.
  assert.deepEqual(fans([3, 2, 4, 7]), { fanIn: 24, fanOut: 42 });
});

test('other ranks and bad dimensions are rejected with the shape in the message', () => {
  assert.throws(() => fans([10]), /rank 1 shape \[10\]/);
  assert.throws(() => fans([3, 3, 3]), /rank 3/);
  assert.throws(() => fans([2, 2, 2, 2, 2]), /rank 5/);
  assert.throws(() => fans([0, 5]), /positive integer/);
  assert.throws(() => fans([2.5, 5]), /positive integer/);
});
