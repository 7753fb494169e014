import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runLockPath, withRunLock } from '../../src/experiments/run-lock';

const dir = mkdtempSync(join(tmpdir(), 'run-lock-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('probe 21.9: the same run started twice does not train twice; the second waits for the first', async () => {
  const record = join(dir, 'twice', 'seed-1.json');
  let training = 0;
  let most = 0;
  const trainOnce = async (): Promise<string> => {
    training++;
    most = Math.max(most, training);
    await new Promise((r) => setTimeout(r, 300));
    training--;
    return readFileSync(runLockPath(record), 'utf8');
  };
  const lines: string[] = [];
  const [a, b] = await Promise.all([withRunLock(record, trainOnce), withRunLock(record, trainOnce, (l) => lines.push(l))]);
  assert.equal(most, 1, 'never two trainings of one run at a time');
  assert.equal(a, String(process.pid));
  assert.equal(b, String(process.pid));
  assert.match(lines.join('\n'), /already being trained by process \d+/);
  assert.equal(existsSync(runLockPath(record)), false, 'the lock is gone once the run ends');
});

test('probe 21.9: the lock of a dead process is taken over, with a message', async () => {
  const record = join(dir, 'dead', 'seed-1.json');
  const child = spawn(process.execPath, ['-e', '0']);
  const pid = child.pid!;
  await new Promise((r) => child.on('exit', r));
  await withRunLock(record, async () => {}, () => {});
  writeFileSync(runLockPath(record), String(pid));
  const errors: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string) => (errors.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    assert.equal(await withRunLock(record, async () => 'ran'), 'ran');
  } finally {
    process.stderr.write = write;
  }
  assert.match(errors.join(''), new RegExp(`lock of process ${pid}, which is no longer running; taken over`));
});
