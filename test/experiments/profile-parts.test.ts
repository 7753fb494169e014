// Issue 21 item 9: `npm run experiments` checks every part's records before any part trains, so a
// refusal lists the stale records of all parts at once, not those of the first part only.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { initBackend } from '../../src/backend/select';
import { getRunConfig } from '../../src/experiments/registry';
import { StaleRecordsError } from '../../src/experiments/preflight';
import { partRecords, preflightParts } from '../../src/experiments/profile-parts';
import { runTraining } from '../../src/experiments/run';
import { makeProgress } from '../../src/train/progress';
import { resumeData } from './resume-run';

const root = mkdtempSync(join(tmpdir(), 'profile-parts-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('probe 21.9: a stale-records refusal names the stale records of the supervised and the final part together', async () => {
  await initBackend();
  const source = join(root, 'source', 'seed-1.json');
  await runTraining({ ...getRunConfig('baseline'), name: 'parts-check', epochs: 1 }, 1, { out: source, data: resumeData(), progress: makeProgress(process.stderr, true), checkpoint: false });
  // A record of other code under the path of one run of each part: the first supervised run, and a
  // final run that is also another's teacher (so that it is planned twice, and must be listed once).
  const stale = { ...JSON.parse(readFileSync(source, 'utf8')), key: '0'.repeat(16) };
  const final = partRecords('final', 'quick', root);
  const teacher = final.find((r) => final.some((o) => o.config.teacher?.name === r.config.name));
  assert.ok(teacher, 'the final part plans a teacher run of its own');
  const targets = [partRecords('supervised', 'quick', root)[0].path, teacher.path];
  for (const path of targets) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(stale));
  }
  await assert.rejects(preflightParts(['supervised', 'final'], 'quick', root, { reuse: true, committedRoot: root, retrain: false }), (err: Error) => {
    assert.ok(err instanceof StaleRecordsError, err.message);
    assert.match(err.message, /^2 committed records in data\/results\/ are stale/);
    for (const path of targets) assert.equal(err.message.split(path).length - 1, 1, `the refusal names ${path} once:\n${err.message}`);
    return true;
  });
  // Asked for, nothing is refused.
  await preflightParts(['supervised', 'final'], 'quick', root, { reuse: true, committedRoot: root, retrain: true });
});
