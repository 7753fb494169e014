import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunConfig } from '../../src/experiments/config';
import { getRunConfig } from '../../src/experiments/registry';
import { runRecordPath } from '../../src/experiments/result-paths';
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
