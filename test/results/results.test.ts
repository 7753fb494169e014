import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeJsonAtomic } from '../../src/results/atomic-write';
import { canonicalJson, codeHash, resultKey } from '../../src/results/provenance';
import { decodePredictions, decodeProbabilityBytes, encodePredictions, encodeProbabilityBytes, readRunRecord } from '../../src/results/run-record';

test('canonical JSON ignores key order but not values', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [1, 2], c: null } }), canonicalJson({ a: { c: null, d: [1, 2] }, b: 1 }));
  assert.notEqual(canonicalJson({ a: 1 }), canonicalJson({ a: 2 }));
});

test('the result key changes with the config, the seed and the backend', () => {
  const base = { config: { lr: 0.01 }, seed: 1, backend: 'wasm' };
  const key = resultKey(base);
  assert.equal(resultKey({ ...base }), key);
  assert.notEqual(resultKey({ ...base, config: { lr: 0.02 } }), key);
  assert.notEqual(resultKey({ ...base, seed: 2 }), key);
  assert.notEqual(resultKey({ ...base, backend: 'cpu' }), key);
  assert.match(codeHash(), /^[0-9a-f]{64}$/);
});

test('atomic writes leave no temporary file behind', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
  const path = join(dir, 'nested', 'out.json');
  writeJsonAtomic(path, { a: 1 });
  writeJsonAtomic(path, { a: 2 });
  assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), { a: 2 });
  assert.deepEqual(readdirSync(join(dir, 'nested')), ['out.json']);
});

test('predictions round-trip through their compact encoding', () => {
  const p = Uint8Array.from([7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
  assert.equal(encodePredictions(p), '7210414959');
  assert.deepEqual(decodePredictions(encodePredictions(p)), p);
});

test('soft labels round-trip through bytes within 1/510 and come back as rows summing to 1', () => {
  const probs = Float32Array.of(0.9, 0.07, 0.03, 0.2, 0.2, 0.6);
  const back = decodeProbabilityBytes(encodeProbabilityBytes(probs), 3, 'x.json');
  for (let i = 0; i < probs.length; i++) assert.ok(Math.abs(back[i] - probs[i]) <= 1 / 510 + 1e-6, `entry ${i}: ${back[i]} vs ${probs[i]}`);
  for (const r of [0, 3]) assert.ok(Math.abs(back[r] + back[r + 1] + back[r + 2] - 1) < 1e-6);
  assert.throws(() => decodeProbabilityBytes(encodeProbabilityBytes(probs), 4, 'x.json'), /x\.json: 6 probabilities is not a whole number of rows of 4/);
});

test('a bad run record gets an error naming the file and the problem', () => {
  const dir = mkdtempSync(join(tmpdir(), 'record-'));
  const missing = join(dir, 'missing.json');
  assert.throws(() => readRunRecord(missing), new RegExp(`run record not found: ${missing}`));
  const broken = join(dir, 'broken.json');
  writeFileSync(broken, '{"schema": ');
  assert.throws(() => readRunRecord(broken), /broken\.json: not valid JSON/);
  const wrong = join(dir, 'wrong.json');
  writeFileSync(wrong, JSON.stringify({ schema: 'other' }));
  assert.throws(() => readRunRecord(wrong), /wrong\.json: expected schema 'assignment-one\/run@1', found "other"/);
  const partial = join(dir, 'partial.json');
  writeFileSync(partial, JSON.stringify({ schema: 'assignment-one/run@1', key: 'k' }));
  assert.throws(() => readRunRecord(partial), /partial\.json: missing field 'experiment'/);
});

test('a run record that is valid JSON but not an object, or has fields of the wrong type, is refused naming the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'record-shape-'));
  for (const [name, text, found] of [['null.json', 'null', 'null'], ['number.json', '42', 'a number'], ['array.json', '[]', 'an array']] as const) {
    const path = join(dir, name);
    writeFileSync(path, text);
    assert.throws(() => readRunRecord(path), (e: Error) => {
      assert.equal(e.message, `${path}: expected a run record (a JSON object), found ${found}`);
      return true;
    });
  }
  const typed = join(dir, 'typed.json');
  const fields = { schema: 'assignment-one/run@1', key: 'k', experiment: 'e', config: {}, seed: 1, backend: {}, epochs: 'none', final: {}, validationPredictions: '0' };
  writeFileSync(typed, JSON.stringify(fields));
  assert.throws(() => readRunRecord(typed), new RegExp(`${typed}: field 'epochs' should be an array, found a string`));
});
