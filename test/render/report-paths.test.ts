// Issue 21 item 7: `npm run report` path errors print one line naming the path, never a stack.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { fsErrorMessage } from '../../src/results/fs-error';

const REPO = resolve(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'report-paths-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'a-file');
writeFileSync(file, 'x');

function report(...args: string[]): { status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'render', 'report.ts'), '--no-pdf', ...args], { encoding: 'utf8', cwd: REPO });
  return { status: r.status, stderr: r.stderr };
}

function assertClean(r: { status: number | null; stderr: string }, message: RegExp): void {
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, message);
  assert.doesNotMatch(r.stderr, /\n\s+at /, `a stack trace was printed:\n${r.stderr}`);
  assert.equal(r.stderr.trim().split('\n').length, 1, `expected one line, found:\n${r.stderr}`);
}

test('probe 21.7: --notebooks <a file> names the file, no stack', { timeout: 60_000 }, () => {
  assertClean(report('--notebooks', file), new RegExp(`^report: --notebooks ${file} is a file; expected the directory`));
});

test('probe 21.7: --out <a file> is refused before any work, naming the file', { timeout: 60_000 }, () => {
  assertClean(report('--out', file), new RegExp(`^report: --out ${file} is a file; expected a directory`));
  assertClean(report('--out', join(file, 'sub')), new RegExp(`^report: --out ${join(file, 'sub')}: ${file} is a file`));
});

test('probe 21.7: an unreadable notebooks folder gives a message naming it (as root, the read error itself)', () => {
  // Root reads a chmod 000 folder anyway, so the message is checked on the error readdir raises.
  const locked = join(dir, 'locked');
  mkdirSync(locked);
  const err = Object.assign(new Error(`EACCES: permission denied, scandir '${locked}'`), { code: 'EACCES', syscall: 'scandir', path: locked });
  assert.equal(fsErrorMessage(err), `${locked}: permission denied (EACCES in scandir)`);
  assert.equal(fsErrorMessage(new Error('not a file error')), undefined);
});
