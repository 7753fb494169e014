import test from 'node:test';
import assert from 'node:assert/strict';
import { listText } from '../../src/report/format';

test('listText: items joined with commas and a final "and"', () => {
  assert.equal(listText(['7']), '7');
  assert.equal(listText(['4', '5']), '4 and 5');
  assert.equal(listText(['1', '2', '3']), '1, 2 and 3');
  assert.throws(() => listText([]), /listText \(src\/report\/format\.ts\): expected at least one item/);
});
