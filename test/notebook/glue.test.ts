import assert from 'node:assert/strict';
import { test } from 'node:test';
import { glue, glueBundle, GLUE_MIME } from '../../src/notebook/glue';

test('glue outside a kernel returns one bundle: glue JSON and report metadata, no text/plain line for Jupyter to show', () => {
  const b = glue('acc-final', 93.125, '93.1 ± 0.9 %');
  assert.deepEqual(b, {
    data: { [GLUE_MIME]: { name: 'acc-final', value: 93.125, text: '93.1 ± 0.9 %' } },
    metadata: { report: { kind: 'glue', name: 'acc-final' } },
  });
});

test('glue text defaults to formatProse for numbers (no table padding: 0.5, not 0.5000) and the string itself otherwise', () => {
  assert.equal((glueBundle('p', 0.5).data[GLUE_MIME] as { text: string }).text, '0.5');
  assert.equal((glueBundle('n', 0.123456).data[GLUE_MIME] as { text: string }).text, '0.1235');
  assert.equal((glueBundle('n', 3000).data[GLUE_MIME] as { text: string }).text, '3000');
  assert.equal((glueBundle('best', 'Baseline + Xavier').data[GLUE_MIME] as { text: string }).text, 'Baseline + Xavier');
});

test('bad names and values fail naming glue and what was expected', () => {
  assert.throws(() => glueBundle('Acc_Final', 1), /glue \(src\/notebook\/glue\.ts\): name must be lowercase.*"Acc_Final"/);
  assert.throws(() => glueBundle('acc', NaN), /acc: value must be a finite number or a string, got NaN/);
  assert.throws(() => glueBundle('acc', 1, ' '), /acc: text, when given, must be a non-empty string/);
  assert.throws(() => glueBundle('acc', ''), /reads as empty/);
});
