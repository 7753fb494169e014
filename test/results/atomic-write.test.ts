import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertWritableFile, writeFileAtomic } from '../../src/results/atomic-write';

test('a failed atomic write removes its temporary file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atomic-fail-'));
  // The target is a non-empty directory: the temporary file is written, the rename fails.
  const target = join(dir, 'taken');
  mkdirSync(target);
  writeFileSync(join(target, 'keep'), 'x');
  assert.throws(() => writeFileAtomic(target, 'data'));
  assert.deepEqual(readdirSync(dir), ['taken']);
});

test('an output path is checked before any work: empty, a directory, or under a file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atomic-check-'));
  writeFileSync(join(dir, 'file'), 'x');
  assert.throws(() => assertWritableFile('', '--out'), /--out expects a file path, found ''/);
  assert.throws(() => assertWritableFile(dir, '--out'), new RegExp(`--out ${dir} is a directory; expected a file path such as ${join(dir, 'run.json')}`));
  assert.throws(() => assertWritableFile(join(dir, 'file', 'run.json'), '--out'), new RegExp(`--out ${join(dir, 'file', 'run.json')}: ${join(dir, 'file')} is not a directory`));
  assertWritableFile(join(dir, 'new', 'deeper', 'run.json'), '--out');
  assert.deepEqual(readdirSync(dir), ['file'], 'checking creates nothing');
});
