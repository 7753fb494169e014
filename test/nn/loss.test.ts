import { test } from 'node:test';
import assert from 'node:assert/strict';
import { softmaxCrossEntropy } from '../../src/nn/loss';

test('with soft targets a row counts as correct when its arg-max is the target row\'s arg-max', () => {
  const logits = Float32Array.of(2, 0, 0, 0, 3, 0, 1, 0, 0);
  const probs = Float32Array.of(0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0.1, 0.1, 0.8);
  const out = softmaxCrossEntropy(logits, 3, { kind: 'soft', probs }, { scale: 1 });
  assert.equal(out.correct, 2, 'rows 0 and 1 agree with their targets, row 2 does not');
  const hard = softmaxCrossEntropy(logits, 3, { kind: 'hard', labels: Int32Array.of(0, 1, 2) }, { scale: 1 });
  assert.equal(hard.correct, 2);
});
