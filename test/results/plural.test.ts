// Issue 21 item 9: "after 1 epochs" and the like.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { plural } from '../../src/results/plural';

const ROOT = join(__dirname, '..', '..');

test('probe 21.9: a count of 1 takes the singular, every other count the plural', () => {
  assert.equal(plural(1, 'epoch'), '1 epoch');
  assert.equal(plural(0, 'epoch'), '0 epochs');
  assert.equal(plural(2, 'planned run'), '2 planned runs');
  assert.equal(plural(1.5, 'value'), '1.5 values');
});

test('probe 21.9: npm run experiment --epochs 1 says "after 1 epoch"', { timeout: 240_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'plural-'));
  try {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/experiment.ts'), '--config', 'baseline', '--epochs', '1', '--out', join(dir, 'x.json')], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /validation accuracy [\d.]+% after 1 epoch \(/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
