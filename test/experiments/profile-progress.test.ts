import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDuration, ProfileProgress } from '../../src/experiments/profile-progress';
import { checkpointPath, runRecordPath, selectionRecordPath } from '../../src/experiments/result-paths';

test('the profile line counts runs and estimates the rest from the mean of the runs trained (reused ones cost nothing)', () => {
  const lines: string[] = [];
  const tracker = new ProfileProgress(5, { tick() {}, line: (t) => lines.push(t), end() {} });
  tracker.finished('a seed 1', true, 500);
  assert.match(lines[0], /^\[profile 1\/5\] a seed 1 \| elapsed \d+ s \| ETA unknown \(4 runs left, none trained yet\)$/);
  tracker.finished('a seed 2', false, 30);
  tracker.finished('b seed 1', false, 90);
  assert.match(lines[2], /^\[profile 3\/5\] b seed 1 \| .* \| ETA 2 min 00 s if the 2 runs left all train$/); // 2 × mean(30, 90)
  tracker.finished('b seed 2', false, 60);
  tracker.finished('c seed 1', false, 60);
  assert.match(lines[4], /\| done$/);
  assert.equal(formatDuration(3725), '1 h 02 min');
  assert.equal(formatDuration(59.6), '1 min 00 s');
});

test('result paths come from one place: record, its checkpoint beside it, selection trials', () => {
  const path = runRecordPath('/r', { name: 'fixmatch', epochs: 30 }, 2);
  assert.equal(path, '/r/runs/fixmatch/epochs-30/seed-2.json');
  assert.equal(checkpointPath(path), '/r/runs/fixmatch/epochs-30/seed-2.checkpoint.json');
  assert.equal(selectionRecordPath('/r', 0.02, 15), '/r/runs/semi-select/lr-0.02/epochs-15/seed-1.json');
});

test('with costs, the ETA is the cost left times the seconds per unit of cost trained so far', () => {
  const lines: string[] = [];
  // Costs 1, 1, 10: after the two cheap runs (10 s each) the expensive one should take 100 s.
  const tracker = new ProfileProgress(3, { tick() {}, line: (t) => lines.push(t), end() {} }, 12);
  tracker.finished('cheap 1', false, 10, 1);
  tracker.finished('cheap 2', false, 10, 1);
  assert.match(lines[1], /ETA 1 min 40 s if the 1 run left all train$/);
});
