import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** A write that fails as a full disk does for every path under `full`, and writes elsewhere. */
const fullDisk = (full: string, code = 'ENOSPC') => (p: string, c: string | Uint8Array): void => {
  if (p.startsWith(full)) throw Object.assign(new Error(`${code}: no space left on device, write`), { code, syscall: 'write' });
  writeFileSync(p, c);
};

test('probe 21.8: a record write on a full disk keeps the content under os.tmpdir() and the error says where', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atomic-full-'));
  const target = join(dir, 'seed-1.json');
  let message = '';
  assert.throws(() => writeFileAtomic(target, '{"trained": true}', { write: fullDisk(dir) }), (e: Error) => {
    message = e.message;
    return true;
  });
  const m = new RegExp(`^${target}: could not be written \\(.*no space left on the device \\(ENOSPC in write\\)\\); its content is kept in (\\S+): move it to ${target} once there is room$`).exec(message);
  assert.ok(m, message);
  assert.equal(readFileSync(m[1]!, 'utf8'), '{"trained": true}');
  rmSync(m[1]!);
  assert.deepEqual(readdirSync(dir), [], 'no temporary file is left');
});

test('probe 21.8: when the fallback cannot be written either, the error says the content is lost', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atomic-rofs-'));
  assert.throws(() => writeFileAtomic(join(dir, 'x.json'), 'x', { write: fullDisk(tmpdir(), 'EROFS') }),
    /x\.json: could not be written \(.*read-only file system \(EROFS in write\)\); nor could the fallback copy .*rescued-.* so the content is lost$/);
});
