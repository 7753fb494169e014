import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countWords } from '../../src/report/count-words';

test('countWords: the count in words, the noun singular only for one', () => {
  assert.equal(countWords(1, 'seed'), 'one seed');
  assert.equal(countWords(3, 'seed'), 'three seeds');
  assert.equal(countWords(0, 'seed'), 'zero seeds');
  assert.equal(countWords(12, 'training thread'), '12 training threads');
  assert.equal(countWords(2, 'child', 'children'), 'two children');
});
