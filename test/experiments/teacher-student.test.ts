import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunConfig } from '../../src/experiments/config';
import { getRunConfig } from '../../src/experiments/registry';
import { finalStatePath, runRecordPath } from '../../src/experiments/result-paths';
import { readRunRecord } from '../../src/results/run-record';
import { runTraining } from '../../src/experiments/run';
import { makeProgress } from '../../src/train/progress';

const quiet = makeProgress(process.stderr, true);
const base = getRunConfig('labeled-only');
const teacher: RunConfig = { ...base, name: 'test-teacher', epochs: 1, labelUnlabeled: { views: 1, augment: { rotationDeg: 5, translatePx: 1, zoom: [1, 1], stretch: [1, 1] }, count: 300 } };
const student: RunConfig = { ...base, name: 'test-student', epochs: 1, teacher };

test('a student trains on the labels its teacher run gave the first N unlabeled images; the teacher is trained once and reused', async () => {
  const root = mkdtempSync(join(tmpdir(), 'distill-'));
  const out = runRecordPath(root, student, 1);
  const first = await runTraining(student, 1, { reuse: true, out, root, progress: quiet });
  const teacherPath = runRecordPath(root, teacher, 1);
  const taught = await runTraining(teacher, 1, { reuse: true, out: teacherPath, root, progress: quiet });
  assert.equal(taught.reused, true, 'the student trained its teacher first');
  assert.equal(taught.record.unlabeledLabels?.length, 300);
  const acc = taught.record.unlabeledLabelAccuracy!;
  assert.ok(acc > 0.5 && acc <= 1, `teacher label accuracy ${acc}`);
  assert.equal(first.reused, false);
  assert.ok(first.record.final.validationAccuracy > 0.5);
  const teacherTime = statSync(teacherPath).mtimeMs;
  // A changed student setting retrains the student only.
  await runTraining({ ...student, batchSize: 32 }, 1, { reuse: true, out: join(root, 'other.json'), root, progress: quiet });
  assert.equal(statSync(teacherPath).mtimeMs, teacherTime);
});

test('a teacher that labels nothing is refused before anything trains', async () => {
  const root = mkdtempSync(join(tmpdir(), 'distill-'));
  const bad: RunConfig = { ...student, teacher: { ...base, name: 'mute-teacher', epochs: 1 } };
  await assert.rejects(runTraining(bad, 1, { out: join(root, 's.json'), root, progress: quiet }), /'mute-teacher' is a teacher but has no labelUnlabeled section/);
});

test('a warm-started run begins from its start run\'s final weights: at a negligible rate it scores what the start scored', async () => {
  const root = mkdtempSync(join(tmpdir(), 'warm-'));
  const start: RunConfig = { ...base, name: 'test-start', epochs: 1, keepFinalState: true };
  const warm: RunConfig = { ...base, name: 'test-warm', epochs: 1, start, optimizer: { ...base.optimizer, lr: 1e-12 } };
  const first = await runTraining(start, 1, { reuse: true, out: runRecordPath(root, start, 1), root, progress: quiet });
  assert.ok(existsSync(finalStatePath(first.path)), 'the start kept its final weights');
  const after = await runTraining(warm, 1, { reuse: true, out: runRecordPath(root, warm, 1), root, progress: quiet });
  assert.ok(first.record.final.validationAccuracy > 0.5);
  assert.equal(after.record.final.validationAccuracy, first.record.final.validationAccuracy);
  assert.equal(after.record.validationPredictions, first.record.validationPredictions);
  // Without the weights on disk the start is trained again (deterministically: the same record) before the warm run.
  rmSync(finalStatePath(first.path));
  const lines: string[] = [];
  const again = await runTraining({ ...warm, epochs: 2 }, 1, { reuse: true, out: join(root, 'warm2.json'), root, progress: { ...quiet, line: (l: string) => lines.push(l) } });
  assert.ok(lines.some((l) => /final weights .* are missing; training it again/.test(l)), lines.join('\n'));
  assert.ok(existsSync(finalStatePath(first.path)));
  assert.equal(readRunRecord(first.path).validationPredictions, first.record.validationPredictions);
  assert.ok(again.record.final.validationAccuracy > 0.5);
});

test('a student of several teacher seeds fits the mean of their soft labels and records the ensemble\'s label accuracy', async () => {
  const root = mkdtempSync(join(tmpdir(), 'ensemble-'));
  const pair: RunConfig = { ...student, name: 'test-ensemble-student', teacherSeeds: [1, 2] };
  const run = await runTraining(pair, 1, { reuse: true, out: runRecordPath(root, pair, 1), root, progress: quiet });
  const teachers = [1, 2].map((s) => readRunRecord(runRecordPath(root, teacher, s)));
  assert.deepEqual(run.record.teacherEnsemble?.seeds, [1, 2]);
  const acc = run.record.teacherEnsemble!.labelAccuracy;
  assert.ok(acc > 0.5 && acc <= 1, `ensemble label accuracy ${acc}`);
  for (const t of teachers) assert.equal(Buffer.from(t.unlabeledProbs!, 'base64').length, 300 * 10);
  assert.notEqual(teachers[0].unlabeledProbs, teachers[1].unlabeledProbs, 'two seeds gave two different teachers');
});
