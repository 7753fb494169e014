// The real report, end to end, on the quick profile: every notebook executes top to bottom under
// nbclient on the tslab kernel (their check cells assert), then the page is checked in Chromium and
// the PDF with pdftotext, against the results JSON the tables were built from.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { before, test } from 'node:test';
import { openReport } from '../helpers/report-page';
import { parseArgs, runReport } from '../../render/report';

const REPO = resolve(__dirname, '..', '..');
const ARTIFACTS = join(REPO, 'test-artifacts');
const OUT = join(REPO, 'render', 'out', 'test-quick');
const SECTIONS = readdirSync(join(REPO, 'notebooks')).filter((f) => f.endsWith('.ipynb')).sort();
let result: { html: string; pdf?: string };

before(async () => {
  const install = spawnSync(process.execPath, [join(REPO, 'scripts', 'install-kernel.mjs'), '--quiet'], { encoding: 'utf8' });
  assert.equal(install.status, 0, install.stderr);
  process.env.REPORT_PROFILE = 'quick';
  // QUICK_REPORT_REUSE=1 re-renders the notebooks executed by the previous run, to iterate on these checks.
  const reuse = process.env.QUICK_REPORT_REUSE === '1' ? ['--no-execute'] : [];
  const opts = parseArgs(['--quick', '--out', OUT, '--startup-timeout', '300', '--cell-timeout', '1200', ...reuse]);
  assert.ok(opts !== 'help');
  result = await runReport(opts);
});

function firstHeading(notebook: string): string {
  const nb = JSON.parse(readFileSync(join(REPO, 'notebooks', notebook), 'utf8'));
  for (const cell of nb.cells) {
    const source = Array.isArray(cell.source) ? cell.source.join('') : cell.source;
    const m = cell.cell_type === 'markdown' ? /^#\s+(.+)$/m.exec(source) : null;
    if (m) return m[1].replace(/\$[^$]*\$/g, '').replace(/[*_`]/g, '').trim();
  }
  throw new Error(`${notebook}: no '#' heading`);
}

test('every notebook executed top to bottom and the report has one section per notebook', () => {
  // runReport stops at the first failing cell, so reaching here means every cell ran; these checks
  // guard against a notebook silently left out.
  assert.ok(SECTIONS.length >= 7, `expected the report's notebooks, found ${SECTIONS.join(', ')}`);
  for (const nb of SECTIONS) {
    const executed = JSON.parse(readFileSync(join(OUT, 'notebooks', nb), 'utf8'));
    const outputs = executed.cells.flatMap((c: { outputs?: { output_type: string }[] }) => c.outputs ?? []);
    assert.ok(outputs.length > 0, `${nb}: the executed copy has outputs`);
    assert.ok(!outputs.some((o: { output_type: string }) => o.output_type === 'error'), `${nb}: no error outputs`);
  }
});

test('in Chromium: no console errors, every figure drawn, math typeset, no placeholders', { timeout: 240_000 }, async () => {
  const page = await openReport(result.html, { figureTimeoutMs: 180_000, screenshot: join(ARTIFACTS, 'quick-report.png'), fullPage: false });
  assert.ok(page.figures >= 10, `the report has its figures (found ${page.figures})`);
  assert.equal(page.drawn, page.figures, 'every plotly figure div contains an svg');
  assert.ok(page.katex >= 50, 'KaTeX output present');
  assert.ok(!page.text.includes('$$'), 'no raw $$ left');
  for (const p of ['[INSERT', '[EXPLAIN']) assert.ok(!page.text.includes(p), `no ${p} left in the report`);
  assert.deepEqual(page.errors, []);
});

test('report.pdf has the section titles, the results-table numbers of the results JSON, and a sane page count', () => {
  assert.ok(result.pdf, 'a PDF was written');
  const text = spawnSync('pdftotext', ['-layout', result.pdf, '-'], { encoding: 'utf8' });
  assert.equal(text.status, 0, text.stderr);
  // Chromium prints typographic apostrophes; compare modulo them.
  const flat = text.stdout.replace(/\s+/g, ' ').replace(/[\u2018\u2019]/g, "'");
  for (const nb of SECTIONS) {
    const title = firstHeading(nb);
    assert.ok(flat.toLowerCase().includes(title.toLowerCase()), `PDF contains the section title ${JSON.stringify(title)} of ${nb}`);
  }
  const summary = JSON.parse(readFileSync(join(REPO, 'render', 'out', 'results-quick', 'summary.json'), 'utf8'));
  const entries = summary.entries as { name: string; validationAccuracy: number[] }[];
  assert.ok(entries.length >= 4, 'the summary has the ablation configs');
  for (const e of entries) {
    for (const acc of e.validationAccuracy) {
      assert.ok(flat.includes(acc.toFixed(2)), `PDF shows ${e.name}'s validation accuracy ${acc.toFixed(2)} from summary.json`);
    }
  }
  const info = spawnSync('pdfinfo', [result.pdf], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info.stdout)?.[1]);
  assert.ok(pages >= 15 && pages <= 120, `page count ${pages} within 15..120`);
});
