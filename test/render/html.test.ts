import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CleanNotebook, CleanOutput } from '../../render/clean';
import { ReportError } from '../../render/errors';
import { renderReport } from '../../render/html/report';

const meta = { title: 'Deep Learning: Assignment One', subtitle: 'MNIST with 3,000 labels', date: new Date('2025-01-02T00:00:00Z') };
const fig = (id: string, caption: string): CleanOutput => ({
  type: 'data', report: { kind: 'figure', id, caption },
  data: { 'application/vnd.plotly.v1+json': { data: [{ x: [1], y: [1] }], layout: {} }, 'text/plain': 'fig' },
});
const table = (id: string): CleanOutput => ({
  type: 'data', report: { kind: 'table', id, caption: 'Accuracies' }, data: { 'text/html': '<table><tr><td>1</td></tr></table>' },
});

function notebook(name: string, markdown: string, outputs: CleanOutput[]): CleanNotebook {
  return {
    path: `notebooks/${name}.ipynb`, name,
    cells: [
      { kind: 'markdown', source: markdown, where: `notebooks/${name}.ipynb cell 0` },
      { kind: 'code', source: 'plot()', showInput: true, outputs, where: `notebooks/${name}.ipynb cell 1` },
    ],
  };
}

test('figures and tables are numbered across notebooks, references may point forward', () => {
  const r = renderReport([
    notebook('01-a', '# Data\n\nSee @fig-b-two and @tab-acc.', [fig('fig-a-one', 'First $x^2$')]),
    notebook('02-b', '# Models', [fig('fig-b-two', 'Baseline + Xavier Initialization + Data Augmentation'), table('tab-acc')]),
  ], meta);
  assert.equal(r.figures, 2);
  assert.equal(r.tables, 1);
  assert.match(r.html, /<a href="#fig-b-two" class="xref">Figure\u00a02<\/a>/);
  assert.match(r.html, /<figure class="report-figure" id="fig-b-two">[\s\S]*?Figure&nbsp;2:<\/span> Baseline \+ Xavier Initialization \+ Data Augmentation/);
  assert.match(r.html, /Figure&nbsp;1:<\/span> First <span class="katex">/, 'math in captions');
  assert.match(r.html, /<nav class="toc"[\s\S]*<span class="secno">1<\/span> <span class="toc-title">Data<\/span>[\s\S]*<span class="secno">2<\/span> <span class="toc-title">Models<\/span>[\s\S]*<\/nav>/);
  assert.match(r.html, /<time datetime="2025-01-02">2 January 2025<\/time>/);
  assert.equal((r.html.match(/<script type="application\/json" class="plotly-data"/g) ?? []).length, 2);
  assert.equal((r.html.match(/Plotly\.newPlot/g) ?? []).length >= 1, true);
  assert.deepEqual(r.warnings, []);
});

test('a duplicate figure id is an error naming both places', () => {
  assert.throws(
    () => renderReport([notebook('01-a', '# A', [fig('fig-x', 'a')]), notebook('02-b', '# B', [fig('fig-x', 'b')])], meta),
    (e: unknown) => e instanceof ReportError && /02-b\.ipynb cell 1: duplicate figure id fig-x \(first used in notebooks\/01-a\.ipynb cell 1\)/.test(e.message),
  );
});

test('placeholders in prose are reported as warnings', () => {
  const r = renderReport([notebook('01-a', '# A\n\n[EXPLAIN why this works]', [])], meta);
  assert.equal(r.warnings.length, 1);
  assert.match(r.warnings[0]!, /01-a\.ipynb cell 0: contains placeholder "\[EXPLAIN/);
});

test('without plotly figures the page does not carry plotly.js', () => {
  const r = renderReport([notebook('01-a', '# A', [table('tab-a')])], meta);
  assert.ok(r.html.length < 1_000_000, `${r.html.length} bytes`);
  assert.ok(!r.html.includes('Plotly.newPlot'));
});
