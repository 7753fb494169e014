import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarizeRounds, type Round } from '../../src/cli/ratio-summary';

const round = (ours: number, pt1: number, pt2: number): Round => ({
  ours: { figures: { fixmatch: ours }, threads: 2, backend: 'wasm' },
  pt: [{ fixmatch: pt1 }, { fixmatch: pt2 }],
});

test("each round's ratio is taken against PyTorch's better thread count of that round, then the median", () => {
  // Rounds 1 and 2: one thread better (2 threads slowed by load), ratios 0.8 and 0.9; round 3: two threads
  // better, ratio 0.5. Median 0.8, where 2 threads alone would give 1.333 and 1 thread alone 0.9.
  const s = summarizeRounds(['fixmatch'], [round(400, 500, 300), round(450, 500, 300), round(500, 400, 1000)], true);
  assert.equal(s.ratio_vs_pytorch_best_fixmatch, 0.8);
  assert.equal(s.pytorch_best_threads_fixmatch, '1,1,2');
  assert.equal(s.ratio_vs_pytorch2_fixmatch, 1.333);
  assert.equal(s.ratio_vs_pytorch1_fixmatch, 0.9);
  assert.equal(s.ours_fixmatch, 450);
});

test('a tie counts as one thread, and without the peer only our medians are reported', () => {
  assert.equal(summarizeRounds(['fixmatch'], [round(500, 1000, 1000)], true).pytorch_best_threads_fixmatch, '1');
  const s = summarizeRounds(['fixmatch'], [{ ours: round(500, 0, 0).ours, pt: [] }], false);
  assert.deepEqual(Object.keys(s).sort(), ['backend', 'ours_fixmatch', 'runs', 'threads']);
});
