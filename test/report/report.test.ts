import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STARTER_CNN } from '../../src/models/config';
import { architectureTable, parameterCount } from '../../src/report/architecture';
import { curvesFigure, seedBand } from '../../src/report/curves';
import { durationText, meanStdText, pValueText } from '../../src/report/format';
import { comparisonTable, resultsTable, timings } from '../../src/report/tables';
import { starterLayerInits } from '../../src/report/xavier';
import { summarizeRuns } from '../../src/experiments/summary';
import { fakeRecord } from '../experiments/fixtures';
import type { RunRecord } from '../../src/results/run-record';

function withCurve(r: RunRecord, acc: number[]): RunRecord {
  const epochs = acc.map((a, i) => ({ ...r.final, epoch: i + 1, validationAccuracy: a, seconds: 3, trainSeconds: 1 }));
  return { ...r, epochs, final: epochs[epochs.length - 1] };
}

test('seed band: mean, min and max per epoch across seeds; unequal lengths are refused', () => {
  const rs = [withCurve(fakeRecord('baseline', 1, {}), [0.5, 0.7]), withCurve(fakeRecord('baseline', 2, {}), [0.6, 0.9])];
  const band = seedBand(rs, (e) => 100 * e.validationAccuracy);
  assert.deepEqual(band.epoch, [1, 2]);
  assert.ok(Math.abs(band.mean[0] - 55) < 1e-9 && Math.abs(band.mean[1] - 80) < 1e-9);
  assert.deepEqual(band.min.map(Math.round), [50, 70]);
  assert.deepEqual(band.max.map(Math.round), [60, 90]);
  const fig = curvesFigure(rs, 'accuracy', 'Baseline');
  // Three series, each a lower edge, a filled upper edge and a mean line.
  assert.equal(fig.data.length, 9);
  assert.equal((fig.data[1] as { fill: string }).fill, 'tonexty');
  // One seed: no band, just the three mean lines.
  assert.equal(curvesFigure(rs.slice(0, 1), 'loss', 'Baseline').data.length, 3);
  assert.throws(() => seedBand([rs[0], withCurve(fakeRecord('baseline', 3, {}), [0.5])], (e) => e.validationAccuracy), /seed 3 has 1 epoch, expected 2/);
});

test('Xavier numbers for the four layers follow the formulas (conv fans include the kernel area)', () => {
  const byLayer = Object.fromEntries(starterLayerInits().map((l) => [l.layer, l]));
  assert.deepEqual([byLayer.conv1.fanIn, byLayer.conv1.fanOut], [25, 250]);
  assert.deepEqual([byLayer.conv2.fanIn, byLayer.conv2.fanOut], [250, 500]);
  assert.deepEqual([byLayer.fc1.fanIn, byLayer.fc1.fanOut], [320, 50]);
  assert.deepEqual([byLayer.fc2.fanIn, byLayer.fc2.fanOut], [50, 10]);
  assert.ok(Math.abs(byLayer.fc1.xavierBound - Math.sqrt(6 / 370)) < 1e-12);
  assert.ok(Math.abs(byLayer.conv2.xavierVariance - 2 / 750) < 1e-15);
  assert.ok(Math.abs(byLayer.conv1.defaultBound - 1 / 5) < 1e-12);
});

test('architecture table counts the parameters of the four layers and shows the ReLU quirk only when on', () => {
  // 5·5·1·10+10 + 5·5·10·20+20 + 320·50+50 + 50·10+10
  assert.equal(parameterCount(STARTER_CNN), 260 + 5020 + 16050 + 510);
  assert.ok(!architectureTable(STARTER_CNN).some((r) => /ReLU on the logits/.test(r.Operation)));
  assert.ok(architectureTable({ ...STARTER_CNN, reluOnLogits: true }).some((r) => /ReLU on the logits/.test(r.Operation)));
  assert.ok(architectureTable({ ...STARTER_CNN, fc1DropRate: 0.3 }).some((r) => r.Operation === 'dropout, drop rate 0.3'));
});

test('formatting of spreads, p-values and durations', () => {
  assert.equal(meanStdText([95, 96, 97]), '96.00 ± 1.00');
  assert.equal(meanStdText([95]), '95.00 ± n/a');
  assert.equal(pValueText(0.0312), 'p = 0.031');
  assert.equal(pValueText(2.5e-4), 'p = 2.5·10⁻⁴');
  assert.equal(pValueText(1e-9), 'p < 10⁻⁶');
  assert.equal(durationText(42.4), '42 s');
  assert.equal(durationText(200), '3 min 20 s');
  assert.throws(() => pValueText(1.5), /expected a probability/);
});

test('results, comparison and timing tables carry the numbers they are given', () => {
  const rs = [
    fakeRecord('xavier', 1, { validationAccuracy: 0.95, trainAccuracy: 0.9, evalTrainAccuracy: 0.99 }),
    fakeRecord('xavier', 2, { validationAccuracy: 0.97, trainAccuracy: 0.92, evalTrainAccuracy: 0.99 }),
  ];
  const [row] = resultsTable([summarizeRuns(rs)]);
  assert.equal(row['Validation acc. %'], '96.00 ± 1.41');
  assert.equal(row['Train acc. (train mode) %'], '91.00 ± 1.41');
  assert.equal(row['Validation per seed (seeds 1, 2)'], '95.00, 97.00');
  const [c] = comparisonTable([{ a: 'x', b: 'y', change: 'c', results: [{ pairing: 'vote', accuracyA: 90, accuracyB: 91, b: 3, c: 9, statistic: 3, pValue: 0.146, exact: true }] }]);
  assert.equal(c.Pairing, 'majority vote of seeds');
  assert.equal(c['p (two-sided)'], '0.15');
  const [t] = timings(new Map([['xavier', rs]]));
  assert.equal(t.runs, 2);
  assert.equal(t.totalWallSeconds, 4);
  assert.equal(t.evalSecondsPerEpoch, 1);
});
