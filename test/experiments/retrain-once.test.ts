import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunConfig } from '../../src/experiments/config';
import { getRunConfig } from '../../src/experiments/registry';
import { runConfigs } from '../../src/experiments/plan';
import { setRecordsAside } from '../../src/experiments/retrain-once';
import type { Progress } from '../../src/train/progress';

const base = getRunConfig('labeled-only');
const teacher: RunConfig = { ...base, name: 'once-teacher', epochs: 1, labelUnlabeled: { views: 1, augment: { rotationDeg: 5, translatePx: 1, zoom: [1, 1], stretch: [1, 1] }, count: 300 } };
const student: RunConfig = { ...base, name: 'once-student', epochs: 1, teacher };

function recording(): { progress: Progress; lines: string[] } {
  const lines: string[] = [];
  return { lines, progress: { tick() {}, line: (l) => lines.push(l), end() {} } };
}
const epochsOf = (lines: string[], name: string) => lines.filter((l) => l.startsWith(`${name} epoch `)).length;

test('a retrain trains each planned run once, also the teacher a student reads', async () => {
  const root = mkdtempSync(join(tmpdir(), 'retrain-once-'));
  await runConfigs([teacher, student], { reuse: true, root, seeds: [1], profile: 'quick', progress: recording().progress });
  const { progress, lines } = recording();
  const runs = await runConfigs([teacher, student], { reuse: false, root, seeds: [1], profile: 'quick', progress });
  assert.equal(epochsOf(lines, 'once-teacher'), 1, lines.join('\n'));
  assert.equal(epochsOf(lines, 'once-student'), 1, lines.join('\n'));
  assert.deepEqual(runs.map((r) => r.reused), [false, false]);
  const left = readdirSync(root, { recursive: true }).map(String).filter((f) => f.endsWith('.before-retrain'));
  assert.deepEqual(left, [], 'no set-aside record is left behind');
});

test('after a failed retrain the old records are back where no new one was written', () => {
  const root = mkdtempSync(join(tmpdir(), 'retrain-aside-'));
  const [a, b, c] = ['a.json', 'b.json', 'c.json'].map((f) => join(root, f));
  writeFileSync(a, 'old a');
  writeFileSync(b, 'old b');
  const aside = setRecordsAside([a, b, c]);
  assert.ok(!existsSync(a) && !existsSync(b), 'both records are set aside');
  writeFileSync(a, 'new a');
  aside.settle();
  assert.equal(readFileSync(a, 'utf8'), 'new a');
  assert.equal(readFileSync(b, 'utf8'), 'old b');
  assert.ok(!existsSync(c));
  assert.deepEqual(readdirSync(root).sort(), ['a.json', 'b.json']);
});
