import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanNotebook } from '../../render/clean';
import { ReportError } from '../../render/errors';
import type { RawNotebook } from '../../render/notebook';

function nb(cells: RawNotebook['cells']): RawNotebook {
  return { cells, metadata: {}, nbformat: 4, nbformat_minor: 5 };
}

test('remove-cell drops the cell with its outputs; hide-input keeps only the outputs', () => {
  const out = cleanNotebook(
    nb([
      { cell_type: 'markdown', source: ['# Title\n', 'text'] },
      { cell_type: 'code', source: 'secret()', metadata: { tags: ['remove-cell'] }, outputs: [{ output_type: 'stream', name: 'stdout', text: 'SECRET' }] },
      { cell_type: 'code', source: 'emitProse()', metadata: { tags: ['hide-input'] }, outputs: [{ output_type: 'display_data', data: { 'text/markdown': ['Accuracy **95%**'] }, metadata: { report: { kind: 'prose' } } }] },
      { cell_type: 'code', source: 'shown()', outputs: [] },
      { cell_type: 'code', source: '', outputs: [] },
    ]),
    'notebooks/01-x.ipynb',
  );
  assert.equal(out.name, '01-x');
  assert.deepEqual(out.cells.map((c) => c.kind), ['markdown', 'code', 'code']);
  assert.equal(out.cells[0]!.source, '# Title\ntext');
  assert.ok(!JSON.stringify(out).includes('SECRET'));
  const hidden = out.cells[1]!;
  assert.ok(hidden.kind === 'code' && !hidden.showInput);
  assert.deepEqual(hidden.outputs, [{ type: 'data', data: { 'text/markdown': 'Accuracy **95%**' }, report: { kind: 'prose' } }]);
  const shown = out.cells[2]!;
  assert.ok(shown.kind === 'code' && shown.showInput);
  assert.equal(shown.where, 'notebooks/01-x.ipynb cell 3');
});

test('ANSI escapes are stripped and stream chunks merged', () => {
  const out = cleanNotebook(
    nb([{
      cell_type: 'code', source: 'x', outputs: [
        { output_type: 'stream', name: 'stdout', text: '\x1b[32mgreen\x1b[0m ' },
        { output_type: 'stream', name: 'stdout', text: ['epoch 1\n'] },
        { output_type: 'stream', name: 'stderr', text: 'warn' },
        { output_type: 'execute_result', data: { 'text/plain': '\x1b[33m42\x1b[39m' }, metadata: {} },
        { output_type: 'error', ename: 'Error', evalue: '\x1b[31mbad\x1b[0m', traceback: ['\x1b[31mError: bad\x1b[0m', '    at x'] },
      ],
    }]),
    'a.ipynb',
  );
  const cell = out.cells[0]!;
  assert.ok(cell.kind === 'code');
  assert.deepEqual(cell.outputs, [
    { type: 'stream', name: 'stdout', text: 'green epoch 1\n' },
    { type: 'stream', name: 'stderr', text: 'warn' },
    { type: 'data', data: { 'text/plain': '42' } },
    { type: 'error', ename: 'Error', evalue: 'bad', traceback: 'Error: bad\n    at x' },
  ]);
});

test('plotly JSON is kept as an object, text mime types are joined', () => {
  const fig = { data: [{ x: [1], y: [2] }], layout: {} };
  const out = cleanNotebook(
    nb([{ cell_type: 'code', source: 'x', outputs: [{ output_type: 'display_data', data: { 'application/vnd.plotly.v1+json': fig, 'text/plain': ['a', 'b'] }, metadata: { report: { kind: 'figure', id: 'fig-a', caption: 'A' } } }] }]),
    'a.ipynb',
  );
  const cell = out.cells[0]!;
  assert.ok(cell.kind === 'code');
  assert.deepEqual(cell.outputs[0], { type: 'data', data: { 'application/vnd.plotly.v1+json': fig, 'text/plain': 'ab' }, report: { kind: 'figure', id: 'fig-a', caption: 'A' } });
});

test('bad report metadata is an error naming the notebook and cell', () => {
  const bad = (report: unknown) => () =>
    cleanNotebook(nb([{ cell_type: 'markdown', source: 'x' }, { cell_type: 'code', source: 'x', outputs: [{ output_type: 'display_data', data: { 'text/plain': 'x' }, metadata: { report } }] }]), 'notebooks/02-y.ipynb');
  const check = (re: RegExp) => (e: unknown) => e instanceof ReportError && /notebooks\/02-y\.ipynb cell 1/.test(e.message) && re.test(e.message);
  assert.throws(bad({ kind: 'chart', id: 'fig-a', caption: 'c' }), check(/"figure", "table", "prose", "glue" or "caption"/));
  assert.throws(bad({ kind: 'figure', id: 'tab-a', caption: 'c' }), check(/fig-<slug>/));
  assert.throws(bad({ kind: 'table', id: 'tab-a' }), check(/caption/));
});
