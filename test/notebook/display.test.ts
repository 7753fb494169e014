import { test } from 'node:test';
import assert from 'node:assert/strict';
import { captionBundle, figureBundle, showFigure, showImage, showProse, showTable, tableBundle } from '../../src/notebook/display';
import { formatNumber, formatProse } from '../../src/notebook/format';
import { toPlainJson } from '../../src/notebook/plain-json';

const fig = { data: [{ type: 'scatter', x: Float64Array.from([1, 2, 3]), y: [1, NaN, 9], name: 'a' }], layout: { title: 'T' } };

test('showFigure outside a kernel returns the full bundle with report metadata', () => {
  const b = showFigure(fig, { id: 'fig-test', caption: 'A caption.' });
  assert.ok(b);
  assert.deepEqual(b.metadata, { report: { kind: 'figure', id: 'fig-test', caption: 'A caption.' } });
  assert.deepEqual(Object.keys(b.data).sort(), ['application/vnd.plotly.v1+json', 'image/svg+xml', 'text/plain']);
  const plotly = b.data['application/vnd.plotly.v1+json'] as { data: { x: unknown; y: unknown }[]; layout: unknown; config: { displaylogo: boolean } };
  // Typed arrays become plain arrays and NaN becomes null, so JSON.stringify cannot mangle them.
  assert.deepEqual(plotly.data[0].x, [1, 2, 3]);
  assert.deepEqual(plotly.data[0].y, [1, null, 9]);
  assert.deepEqual(plotly.layout, { title: 'T' });
  assert.equal(plotly.config.displaylogo, false);
  assert.match(b.data['image/svg+xml'] as string, /^<svg[\s\S]*<\/svg>$/);
  assert.deepEqual(JSON.parse(JSON.stringify(b)), b);
});

test('ids and captions are validated with a message naming the function', () => {
  assert.throws(() => figureBundle(fig, { id: 'tab-x', caption: 'c' }), /showFigure.*fig-<slug>.*"tab-x"/);
  assert.throws(() => figureBundle(fig, { id: 'fig-Bad_Slug', caption: 'c' }), /fig-<slug>/);
  assert.throws(() => figureBundle(fig, { id: 'fig-ok', caption: ' ' }), /caption/);
  assert.throws(() => tableBundle([{ a: 1 }], { id: 'fig-x', caption: 'c' }), /showTable.*tab-<slug>/);
  assert.throws(() => figureBundle({ data: undefined as unknown as object[] }, { id: 'fig-ok', caption: 'c' }), /data/);
});

test('showTable renders html, markdown and text from row objects, formatting numbers', () => {
  const b = showTable([{ name: 'a|b', err: 1.23456e-9 }, { name: '<c>', err: 0.5 }], { id: 'tab-errors', caption: 'Errors.', digits: 3 });
  assert.ok(b);
  assert.deepEqual(b.metadata, { report: { kind: 'table', id: 'tab-errors', caption: 'Errors.' } });
  const md = b.data['text/markdown'] as string;
  assert.equal(md.split('\n')[0], '| name | err |');
  assert.equal(md.split('\n')[1], '| --- | ---: |');
  assert.ok(md.includes('| a\\|b | 1.23·10⁻⁹ |'), md);
  assert.ok(md.includes('| <c> | 0.500 |'), md);
  const html = b.data['text/html'] as string;
  assert.ok(html.includes('<td>&lt;c&gt;</td>'), html);
  assert.ok(html.includes('<th style="text-align:right">err</th>'), html);
  assert.match(b.data['text/plain'] as string, /name\s+err/);
});

test('showTable accepts { columns, rows } and rejects ragged rows', () => {
  const b = tableBundle({ columns: ['k', 'v'], rows: [['x', 3000], ['y', 2.5]] }, { id: 'tab-cr', caption: 'c' });
  assert.ok((b.data['text/markdown'] as string).includes('| x | 3000 |'));
  assert.throws(() => tableBundle({ columns: ['k', 'v'], rows: [['x']] }, { id: 'tab-cr', caption: 'c' }), /row 0 has 1 cell, expected 2/);
});

test('showProse and showImage carry their kinds', () => {
  const p = showProse('The error is $10^{-9}$.');
  assert.deepEqual(p, { data: { 'text/markdown': 'The error is $10^{-9}$.', 'text/plain': 'The error is $10^{-9}$.' }, metadata: { report: { kind: 'prose' } } });
  assert.throws(() => showProse(''), /non-empty/);
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2]);
  const img = showImage(png, { id: 'fig-img', caption: 'An image.' });
  assert.ok(img);
  assert.equal(img.data['image/png'], Buffer.from(png).toString('base64'));
  assert.deepEqual(img.metadata, { report: { kind: 'figure', id: 'fig-img', caption: 'An image.' } });
  assert.throws(() => showImage(Uint8Array.from([1, 2, 3]), { id: 'fig-img', caption: 'c' }), /PNG/);
});

test('inside a kernel the bundle goes to lastWriteDisplayData as one display_data, then its caption line', () => {
  // Simulate tslab having loaded its jupyter module with a live hook.
  const sent: { message: unknown; update: boolean }[] = [];
  const fakePath = require.resolve('tslab/dist/jupyter');
  const saved = require.cache[fakePath];
  require.cache[fakePath] = { exports: { lastWriteDisplayData: (message: unknown, update: boolean) => sent.push({ message, update }) } } as unknown as NodeJS.Module;
  try {
    const r = showTable([{ a: 1 }], { id: 'tab-k', caption: 'c' });
    assert.equal(r, undefined);
    assert.equal(sent.length, 2);
    assert.equal(sent[0].update, false);
    assert.deepEqual((sent[1].message as { metadata: unknown }).metadata, { report: { kind: 'caption', for: 'tab-k' } });
    const m = sent[0].message as { data: Record<string, unknown>; metadata: unknown; transient: unknown };
    assert.deepEqual(m.metadata, { report: { kind: 'table', id: 'tab-k', caption: 'c' } });
    assert.deepEqual(Object.keys(m.data).sort(), ['text/html', 'text/markdown', 'text/plain']);
    assert.deepEqual(m.transient, {});
  } finally {
    if (saved) require.cache[fakePath] = saved;
    else delete require.cache[fakePath];
  }
});

test('formatNumber keeps integers whole and switches to scientific for extreme magnitudes', () => {
  assert.equal(formatNumber(3000), '3000');
  assert.equal(formatNumber(0.123456), '0.1235');
  assert.equal(formatNumber(2.5e-12, 2), '2.5·10⁻¹²');
  assert.equal(formatNumber(1.5e7 + 0.25), '1.500·10⁷');
  assert.equal(formatProse(0.5), '0.5');
  assert.equal(formatProse(0.01), '0.01');
  assert.equal(formatProse(1.5e7 + 0.25), '1.5·10⁷');
  assert.equal(formatProse(0.1235), '0.1235');
  assert.equal(formatNumber(NaN), 'NaN');
  assert.equal(formatNumber(-Infinity), '−∞');
  assert.throws(() => formatNumber(1, 0), /digits/);
});

test('toPlainJson drops undefined and functions and names the path of bad values', () => {
  assert.deepEqual(toPlainJson({ a: undefined, b: () => 1, c: [Infinity, Float32Array.from([0.5])] }), { c: [null, [0.5]] });
  assert.throws(() => toPlainJson({ s: Symbol('x') }, 'fig'), /fig\.s has type symbol/);
});

test('caption line for Jupyter: starts with the id markdown cites, marked so the report skips it', () => {
  const b = captionBundle('fig-loss', 'Loss per epoch.');
  assert.deepEqual(b.metadata, { report: { kind: 'caption', for: 'fig-loss' } });
  assert.equal(b.data['text/markdown'], '**@fig-loss**: Loss per epoch.');
  assert.ok(!('image/svg+xml' in b.data) && !('text/html' in b.data), 'a line of text, so Jupyter shows it as markdown');
});
