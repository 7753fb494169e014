import assert from 'node:assert/strict';
import { test } from 'node:test';
import { curvesGrid, paddedRange } from '../../src/report/curve-grid';
import type { RunRecord } from '../../src/results/run-record';
import { fakeRecord } from '../experiments/fixtures';

/** A run whose validation (and train) accuracy follows `acc` (fractions), one epoch per value. */
function run(name: string, seed: number, acc: number[]): RunRecord {
  const r = fakeRecord(name, seed, {});
  const epochs = acc.map((a, i) => ({ ...r.final, epoch: i + 1, validationAccuracy: a, trainAccuracy: a, evalTrainAccuracy: a, seconds: 3, trainSeconds: 1 }));
  return { ...r, epochs, final: epochs[epochs.length - 1]! };
}

type Axis = { domain: [number, number]; range?: [number, number]; title?: { text: string } };

test('curves grid: one figure, a column per configuration and a row per metric, one legend', () => {
  const panels = ['baseline', 'xavier', 'xavier-augment'].map((n, i) => ({
    title: n, records: [run(n, 1, [0.3, 0.9, 0.95 + i * 0.004, 0.96 + i * 0.004]), run(n, 2, [0.4, 0.91, 0.951 + i * 0.004, 0.962 + i * 0.004])],
  }));
  const fig = curvesGrid(panels);
  const layout = fig.layout as Record<string, unknown>;
  const traces = fig.data as { xaxis: string; yaxis: string; showlegend?: boolean; name?: string }[];
  assert.deepEqual([...new Set(traces.map((t) => `${t.xaxis}/${t.yaxis}`))], ['x/y', 'x2/y2', 'x3/y3', 'x4/y4', 'x5/y5', 'x6/y6']);
  assert.equal(traces.filter((t) => t.showlegend).length, 3, 'each series in the legend once');
  const acc = [1, 2, 3].map((k) => layout[k === 1 ? 'yaxis' : `yaxis${k}`] as Axis);
  assert.deepEqual(acc[1]!.range, acc[0]!.range, 'a row shares its y range');
  assert.equal(acc[0]!.title?.text, 'accuracy (%)');
  const [lo, hi] = acc[0]!.range!;
  // The range comes from epochs 2..4 (90 %–97.2 %), not from epoch 1's 30 %.
  assert.ok(lo > 85 && lo < 90 && hi > 97.2 && hi <= 100, `accuracy range ${lo}..${hi}`);
  const xs = [1, 2, 3].map((k) => (layout[k === 1 ? 'xaxis' : `xaxis${k}`] as Axis).domain);
  assert.ok(xs[0]![1] < xs[1]![0] && xs[1]![1] < xs[2]![0], 'columns side by side without overlap');
  assert.ok((layout.yaxis as Axis).domain[0] > (layout.yaxis4 as Axis).domain[1], 'accuracy row above the loss row');
  assert.deepEqual((layout.annotations as { text: string }[]).map((a) => a.text), ['baseline', 'xavier', 'xavier-augment']);
});

test('curves grid: five narrow panels break a title that would run into its neighbour and space their epoch ticks wider', () => {
  const acc = Array.from({ length: 30 }, (_, i) => 0.5 + i / 70);
  const titles = ['Baseline', '+ Xavier', '+ He', '+ Xavier + augment.', 'ReLU on logits'];
  const fig = curvesGrid(titles.map((title) => ({ title, records: [run('baseline', 1, acc)] })));
  const layout = fig.layout as Record<string, unknown>;
  const texts = (layout.annotations as { text: string }[]).map((a) => a.text);
  assert.equal(texts[3], '+ Xavier<br>+ augment.', 'the long title of a narrow panel goes on two lines');
  assert.deepEqual(texts.filter((_, i) => i !== 3), ['Baseline', '+ Xavier', '+ He', 'ReLU on logits']);
  assert.equal((layout.xaxis as { dtick: number }).dtick, 10, 'four epoch labels (0, 10, 20, 30) instead of six sideways ones');
  const wide = curvesGrid(titles.slice(0, 3).map((title) => ({ title, records: [run('baseline', 1, acc)] })));
  assert.equal(((wide.layout as Record<string, unknown>).xaxis as { dtick: number }).dtick, 6, 'wider panels keep six labels');
});

test('padded range: accuracy within 0..100, a flat series still gets a visible range; no data is an error', () => {
  assert.deepEqual(paddedRange([99.9, 100], 'accuracy').map((v) => Math.round(v * 100) / 100), [99.7, 100]);
  const [lo, hi] = paddedRange([2, 2], 'loss');
  assert.ok(hi > lo);
  assert.throws(() => paddedRange([NaN], 'accuracy'), /curve-grid\.ts.*no finite accuracy values/);
  assert.throws(() => curvesGrid([]), /at least one panel/);
});
