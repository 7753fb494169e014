import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkpointPath } from '../../src/experiments/result-paths';
import type { RunRecordWithSemiLog } from '../../src/results/run-record';
import { resumeRun } from './resume-run';

const ROOT = join(__dirname, '..', '..');
const curves = (r: RunRecordWithSemiLog) => ({
  epochs: r.epochs.map((e) => ({ ...e, trainSeconds: 0, seconds: 0 })),
  semi: r.semi,
  predictions: r.validationPredictions,
  key: r.key,
});

/** Starts the run in a child process and SIGKILLs it as soon as its first checkpoint exists. */
async function killAfterFirstCheckpoint(out: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/experiments/resume-run.ts'), out], { cwd: ROOT, stdio: 'ignore' });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  const deadline = Date.now() + 240_000;
  while (!existsSync(checkpointPath(out)) && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
  child.kill('SIGKILL');
  assert.equal(await exited, 'SIGKILL', 'the child was killed midway, not finished');
  assert.ok(existsSync(checkpointPath(out)), 'the killed run left a checkpoint');
  assert.ok(!existsSync(out), 'and no record');
}

test('a run SIGKILLed midway resumes from its checkpoint and reaches the same final numbers as an uninterrupted run', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'resume-'));
  try {
    const whole = await resumeRun(join(dir, 'whole', 'seed-1.json'), { checkpoint: false });
    const out = join(dir, 'killed', 'seed-1.json');
    await killAfterFirstCheckpoint(out);
    const firstPart = JSON.parse(readFileSync(checkpointPath(out), 'utf8'));
    const resumed = await resumeRun(out);
    assert.equal(resumed.reused, false);
    assert.ok(resumed.resumedEpochs >= 1 && resumed.resumedEpochs < 4, `resumed after epoch ${resumed.resumedEpochs}`);
    assert.deepEqual(curves(resumed.record), curves(whole.record));
    // Probe 21.9: the wall time counts the epochs the killed process trained, not only the resumed part.
    const restored = resumed.record.epochs.slice(0, resumed.resumedEpochs).reduce((a, e) => a + e.seconds, 0);
    assert.ok(firstPart.elapsedSeconds >= restored, `the checkpoint's ${firstPart.elapsedSeconds} s cover its epochs' ${restored} s`);
    assert.ok(resumed.record.wallSeconds >= firstPart.elapsedSeconds, `wallSeconds ${resumed.record.wallSeconds} ≥ the first part's ${firstPart.elapsedSeconds} s`);
    const resumedPart = (Date.parse(resumed.record.finishedAt) - Date.parse(resumed.record.startedAt)) / 1000;
    assert.ok(resumed.record.wallSeconds >= resumedPart + restored, `wallSeconds ${resumed.record.wallSeconds} ≥ the resumed part's ${resumedPart} s + the restored epochs' ${restored} s`);
    assert.ok(!existsSync(checkpointPath(out)), 'the checkpoint is removed once the record is written');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
