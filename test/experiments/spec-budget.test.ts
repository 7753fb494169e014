// Issue 21 item 5: an oversized model spec is refused before anything is allocated, naming its layer.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { getRunConfig, runConfigNames } from '../../src/experiments/registry';
import { checkRunBudget, checkSpecBudget, memoryLimit } from '../../src/experiments/spec-budget';

const ROOT = join(__dirname, '..', '..');
const GIB = 2 ** 30;
const conv100k = JSON.stringify({ name: 'big', input: [28, 28, 1], layers: [{ type: 'conv2d', filters: 100_000, kernel: 5 }, { type: 'relu' }, { type: 'gap' }, { type: 'linear', units: 10 }] });
const linear1e8 = JSON.stringify({ name: 'wide', input: [28, 28, 1], layers: [{ type: 'flatten' }, { type: 'linear', units: 1e8 }, { type: 'linear', units: 10 }] });

test('probe 21.5: 100,000 filters in a conv are refused, naming the layer, the estimate and the limit', () => {
  assert.throws(() => checkSpecBudget({ arch: 'spec', spec: conv100k }, { batchSize: 64, limit: 8 * GIB }),
    /^Error: model spec "big", layer 0 \(conv2d, 100000 filters\) needs an estimated [\d.]+ GiB .*; the whole model [\d.]+ GiB, over the limit of 8\.0 GiB \(the limit given\)$/);
});

test('probe 21.5: 1e8 linear units are refused, naming the layer', () => {
  assert.throws(() => checkSpecBudget({ arch: 'spec', spec: linear1e8 }, { batchSize: 64, limit: 8 * GIB }), /layer 1 \(linear, 100000000 units\) needs an estimated/);
});

test('probe 21.5: every registered config fits in 2 GiB (the full profile peaked at 1.32 GiB RSS), and a spec must fit the data', () => {
  for (const name of runConfigNames()) checkRunBudget(getRunConfig(name), 2 * GIB);
  const wrongInput = JSON.stringify({ name: 'rgb', input: [32, 32, 3], layers: [{ type: 'flatten' }, { type: 'linear', units: 10 }] });
  assert.throws(() => checkSpecBudget({ arch: 'spec', spec: wrongInput }, { batchSize: 64 }), /model spec "rgb": input must be the data's shape \[28, 28, 1\], found \[32, 32, 3\]/);
  const fiveClasses = JSON.stringify({ name: 'five', input: [28, 28, 1], layers: [{ type: 'flatten' }, { type: 'linear', units: 5 }] });
  assert.throws(() => checkSpecBudget({ arch: 'spec', spec: fiveClasses }, { batchSize: 64 }), /must output 10 class scores \(the digits\), found 5/);
});

test('probe 21.5: the limit is half the machine\'s memory unless SPEC_MEMORY_LIMIT_MB says otherwise', () => {
  assert.equal(memoryLimit('512'), 512 * 2 ** 20);
  assert.throws(() => memoryLimit('lots'), /SPEC_MEMORY_LIMIT_MB: expected a positive number of megabytes, found "lots"/);
  assert.ok(memoryLimit(undefined) > 0);
});

test('probe 21.5: npm run bench refuses the 100,000-filter conv in seconds with one line, no stack', { timeout: 60_000 }, () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/bench.ts'), '--model', conv100k], { cwd: ROOT, encoding: 'utf8', timeout: 50_000 });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /^error: model spec "big", layer 0 \(conv2d, 100000 filters\) needs an estimated/);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
});
