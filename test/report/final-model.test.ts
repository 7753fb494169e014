import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FINAL_RUNS } from '../../src/experiments/final-recipe';
import type { RunRecordWithSemiLog } from '../../src/results/run-record';
import { compactSettingsRows, describeLayers, finalSettingsRows } from '../../src/report/final-settings';
import { maskRateFigure, semiBand, warmUpEpochs } from '../../src/report/semi-curves';
import type { SemiEpoch } from '../../src/train/epoch-tally';
import { fakeRecord } from '../experiments/fixtures';

/** A teacher run whose per-epoch log has the given α, mask rate and accepted accuracy (fractions). */
function teacher(seed: number, alpha: number[], mask: number[], accepted: (number | null)[]): RunRecordWithSemiLog {
  const r = fakeRecord('final-fixmatch', seed, {});
  const semi: SemiEpoch[] = alpha.map((a, i) => ({
    epoch: i + 1, alpha: a, alphaMean: a, lrFactor: 1, unlabeledSeen: 100,
    pseudoLabelAccuracy: 0.9 + 0.01 * i, acceptedFraction: mask[i]!, acceptedAccuracy: accepted[i]!, unlabeledLoss: 0.1,
  }));
  const epochs = semi.map((s) => ({ ...r.final, epoch: s.epoch }));
  return { ...r, epochs, final: epochs[epochs.length - 1]!, semi };
}

test('semi band: percent mean, min and max per epoch over seeds; a seed without a value is left out, none at all is null', () => {
  const a = teacher(1, [0, 0, 1], [0.2, 0.5, 0.8], [null, 0.98, 0.99]);
  const b = teacher(2, [0, 0, 1], [0.4, 0.7, 0.9], [null, null, 0.97]);
  const mask = semiBand([a, b], (s) => s.acceptedFraction);
  assert.deepEqual(mask.epoch, [1, 2, 3]);
  assert.deepEqual(mask.mean.map((v) => Math.round(v! * 1e6) / 1e6), [30, 60, 85]);
  assert.deepEqual(mask.min.map((v) => Math.round(v! * 1e6) / 1e6), [20, 50, 80]);
  const acc = semiBand([a, b], (s) => s.acceptedAccuracy);
  assert.equal(acc.mean[0], null);
  assert.equal(Math.round(acc.mean[1]! * 1e6) / 1e6, 98, 'only seed 1 accepted anything in epoch 2');
  assert.equal(Math.round(acc.max[2]! * 1e6) / 1e6, 99);
  assert.throws(() => semiBand([a, teacher(3, [0, 1], [0.1, 0.2], [null, 0.9])], (s) => s.acceptedFraction), /seed 3 has 2 logged epochs, expected 3/);
});

test('warm-up: the leading epochs where every seed logged α = 0, shaded in the figure up to epoch k + 0.5', () => {
  const a = teacher(1, [0, 0, 0.5, 1], [0.2, 0.5, 0.8, 0.9], [0.9, 0.9, 0.9, 0.9]);
  const b = teacher(2, [0, 0, 0.5, 1], [0.2, 0.5, 0.8, 0.9], [0.9, 0.9, 0.9, 0.9]);
  assert.equal(warmUpEpochs([a, b]), 2);
  assert.equal(warmUpEpochs([teacher(1, [1, 1], [0.5, 0.5], [1, 1])]), 0);
  const fig = maskRateFigure([a, b]);
  const layout = fig.layout as { shapes: { x0: number; x1: number }[]; annotations: { text: string }[] };
  assert.deepEqual(layout.shapes.map((s) => [s.x0, s.x1]), [[0.5, 2.5]]);
  assert.match(layout.annotations[0]!.text, /epochs 1–2/);
  // Three series, each a band (two edges) and a mean line; one seed: mean lines only.
  assert.equal(fig.data.length, 9);
  assert.equal(maskRateFigure([a]).data.length, 3);
  assert.equal((maskRateFigure([teacher(1, [1, 1], [0.5, 0.5], [1, 1])]).layout as { shapes: unknown[] }).shapes.length, 0);
});

test('final settings: one row per setting, one column per stage, read from the configs', () => {
  const rows = finalSettingsRows(FINAL_RUNS, { labeled: 3000, unlabeled: 57000 });
  const get = (setting: string) => rows.find((r) => r.Setting === setting)!;
  assert.deepEqual(Object.keys(rows[0]!), ['Setting', 'final-labeled', 'final-fixmatch', 'final-student']);
  assert.match(get('Network')['final-labeled']!, /^conv 32@5×5 \(no bias\) → BN → ReLU → max-pool 2×2 → conv 64@5×5/);
  assert.equal(get('Confidence threshold τ')['final-labeled'], '—');
  assert.equal(get('Confidence threshold τ')['final-fixmatch'], String(FINAL_RUNS[1]!.unlabeled!.threshold));
  const mu = FINAL_RUNS[1]!.unlabeled!.batchSize / FINAL_RUNS[1]!.batchSize;
  assert.match(get('Unlabeled batch (μ × batch)')['final-fixmatch']!, new RegExp(`μ = ${mu}\\)$`));
  assert.match(get('Strong view (loss)')['final-fixmatch']!, /elastic distortion.*then an 8×8 px square blanked \(cutout\)/);
  for (const row of rows) {
    for (const [k, v] of Object.entries(row)) {
      if (k !== 'Setting') assert.doesNotMatch(v, /drawn uniformly|bilinear resampling/, `${row.Setting}: the clause every view shares is in the caption, not repeated per row`);
    }
  }
  assert.match(get('Training images')['final-student']!, /57,000 with the mean of the class probabilities of the teachers of seeds 1, 2 and 3 \(soft labels\)/);
  assert.equal(get('Initial weights')['final-fixmatch'], "the labels-only run's final weights (same seed)");
  assert.equal(get('Initial weights')['final-student'], "fresh (not the teacher's)");
  assert.equal(get('Weight of the unlabeled term')['final-fixmatch'], '1 from the first step');
  assert.match(get('Labels for the unlabeled images')['final-fixmatch']!, new RegExp(`and ${FINAL_RUNS[1]!.labelUnlabeled!.views} weak views`));
  assert.equal(describeLayers([{ type: 'linear', units: 10 }, { type: 'dropout', rate: 0.5 }]), 'fc 10 → dropout 0.5');
  assert.throws(() => finalSettingsRows([{ ...FINAL_RUNS[0]!, model: { arch: 'starter' } as never }], { labeled: 1, unlabeled: 1 }), /expected a spec network/);
});

test('compact settings: a value shared by every stage once, otherwise per stage, without the stages that lack it', () => {
  const rows = compactSettingsRows(finalSettingsRows(FINAL_RUNS, { labeled: 3000, unlabeled: 57000 }));
  const get = (setting: string) => rows.find((r) => r.Setting === setting)!.Value;
  assert.equal(get('Batch size (labeled)'), '64');
  assert.equal(get('Confidence threshold τ'), `final-fixmatch: ${FINAL_RUNS[1]!.unlabeled!.threshold}`);
  const [labeled, teacher, student] = FINAL_RUNS.map((c) => c.epochs);
  assert.equal(get('Epochs (passes over the labeled batch stream)'), `final-labeled: ${labeled}; final-fixmatch: ${teacher}; final-student: ${student}`);
  assert.equal(compactSettingsRows([{ Setting: 'x', a: '1', b: '—' }])[0]!.Value, 'a: 1');
  // Labels name the stages by role for the reader; a stage without a label keeps its run name.
  assert.equal(compactSettingsRows([{ Setting: 'x', a: '1', b: '2', c: '3' }], { a: 'teacher', b: 'student' })[0]!.Value, 'teacher: 1; student: 2; c: 3');
  const quick = finalSettingsRows([{ ...FINAL_RUNS[1]!, unlabeled: { ...FINAL_RUNS[1]!.unlabeled!, alpha: { t1: 0.1 * 6, t2: 0.1 * 7, alphaF: 1 } } }], { labeled: 1, unlabeled: 1 });
  assert.equal(quick.find((r) => r.Setting === 'Weight of the unlabeled term')!['final-fixmatch'], '0 before epoch 0.6, linear to 1 at epoch 0.7');
});
