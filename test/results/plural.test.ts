// Issue 21 item 9: "after 1 epochs" and the like.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plural } from '../../src/util/plural';

test('probe 21.9: a count of 1 takes the singular, every other count the plural', () => {
  assert.equal(plural(1, 'epoch'), '1 epoch');
  assert.equal(plural(0, 'epoch'), '0 epochs');
  assert.equal(plural(2, 'planned run'), '2 planned runs');
  assert.equal(plural(1.5, 'value'), '1.5 values');
});
// The command's own line ('after 1 epoch') is checked in test/cli/experiment-cli.test.ts.
