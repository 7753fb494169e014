// End to end: a fixture notebook through the real tslab kernel, the renderer and headless Chromium,
// checked the way a reader would see it (page, screenshot) and as the printed PDF.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { openReport } from '../helpers/report-page';
import { parseArgs, runReport, type ReportResult } from '../../render/report';

const REPO = resolve(__dirname, '..', '..');
const ARTIFACTS = join(REPO, 'test-artifacts');
let out: string;
let result: ReportResult;

before(async () => {
  const install = spawnSync(process.execPath, [join(REPO, 'scripts', 'install-kernel.mjs'), '--quiet'], { encoding: 'utf8' });
  assert.equal(install.status, 0, install.stderr);
  out = mkdtempSync(join(tmpdir(), 'render-e2e-'));
  const opts = parseArgs(['--notebooks', join(__dirname, 'fixtures', 'nb'), '--out', out, '--quick', '--startup-timeout', '120', '--cell-timeout', '60']);
  assert.ok(opts !== 'help');
  result = await runReport(opts);
});
after(() => rmSync(out, { recursive: true, force: true }));

test('the executed notebook carries the kernel outputs and the profile passed through the environment', () => {
  const nb = readFileSync(join(out, 'notebooks', '01-tiny.ipynb'), 'utf8');
  assert.match(nb, /profile: quick/);
  assert.match(nb, /application\/vnd\.plotly\.v1\+json/);
});

test('report.html is self-contained and reads as a report', () => {
  const html = readFileSync(result.html, 'utf8');
  assert.ok(!/<(script|link|img)[^>]+(src|href)="https?:/i.test(html), 'no network resources');
  const fontFaces = html.match(/@font-face\{[^}]*\}/g) ?? [];
  assert.ok(fontFaces.length >= 10, 'KaTeX font faces present');
  for (const f of fontFaces) assert.match(f, /src:url\(data:font\/woff2;base64,[^)]+\) format\("woff2"\)\}?$/, 'fonts inlined as data URLs');
  assert.match(html, /Deep Learning: Assignment One/);
  assert.match(html, /<span class="caption-label">Figure&nbsp;1:<\/span> Baseline \+ Xavier Initialization/);
  assert.match(html, /<a href="#fig-loss" class="xref">Figure\u00a01<\/a>/);
  assert.match(html, /<span class="caption-label">Table&nbsp;1:<\/span> Test accuracy per model/);
  assert.ok(!html.includes('SECRET-REMOVED-CELL-OUTPUT'), 'remove-cell output is dropped');
  assert.ok(!html.includes('const acc = 0.9512'), 'hide-input source is hidden');
  assert.match(html, /The final test accuracy is <strong>95.12%<\/strong>/);
  assert.match(html, /<details class="code-cell">/);
});

test('in Chromium: figures drawn, math typeset, no console errors, no placeholders', { timeout: 120_000 }, async () => {
  const page = await openReport(result.html, { figureTimeoutMs: 60_000, screenshot: join(ARTIFACTS, 'report.png'), fullPage: true });
  assert.ok(page.figures >= 1, 'at least one plotly figure');
  assert.equal(page.drawn, page.figures, 'every plotly figure div contains an svg');
  assert.ok(page.katex >= 3, 'KaTeX output present');
  assert.ok(!page.text.includes('$$'), 'no raw $$ in the text');
  assert.ok(!/\$\\/.test(page.text), 'no raw inline TeX in the text');
  for (const p of ['[INSERT', '[EXPLAIN']) assert.ok(!page.text.includes(p), `no ${p} in the text`);
  assert.match(page.text, /1\s+Introduction/);
  assert.match(page.text, /Figure\s1: Baseline \+ Xavier Initialization/);
  assert.match(page.text, /Figure\s1 shows it falling/, 'the cross-reference reads as text');
  assert.deepEqual(page.errors, []);
});

test('report.pdf has the sections, the captions and a sensible page count', () => {
  assert.ok(result.pdf);
  assert.ok(statSync(result.pdf).size > 10_000);
  const text = spawnSync('pdftotext', ['-layout', result.pdf, '-'], { encoding: 'utf8' });
  assert.equal(text.status, 0, text.stderr);
  const flat = text.stdout.replace(/[ \t\u00a0]+/g, ' ').toLowerCase();
  for (const s of ['Deep Learning: Assignment One', 'Contents', '1 Introduction', '1.1 Set-up', 'Figure 1: Baseline', 'Table 1: Test accuracy']) {
    assert.ok(flat.includes(s.toLowerCase()), `PDF text contains ${JSON.stringify(s)}`);
  }
  assert.ok(!text.stdout.includes('$$'));
  assert.ok(!text.stdout.includes('const epochs'), 'code cells are left out of the PDF');
  const info = spawnSync('pdfinfo', [result.pdf], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info.stdout)?.[1]);
  assert.ok(pages >= 2 && pages <= 4, `page count ${pages} within 2..4`);
  assert.match(info.stdout, /Page size:\s+595\.\d+ x 841\.\d+|Page size:\s+595\.\d+ x 842\.\d+/, 'A4');
  mkdirSync(ARTIFACTS, { recursive: true });
  spawnSync('pdftoppm', ['-png', '-r', '60', result.pdf, join(ARTIFACTS, 'report-page')]);
});

test('the contents give each section the page it starts on in the PDF', () => {
  assert.ok(result.pdf);
  const pages = spawnSync('pdftotext', ['-layout', result.pdf, '-'], { encoding: 'utf8' }).stdout.split('\f');
  const sections = result.sections.filter((s) => s.level <= 2 && s.number);
  assert.ok(sections.length >= 2, 'the fixture has a section and a subsection');
  for (const s of sections) {
    assert.ok(s.page !== undefined, `${s.id} has a page`);
    const title = s.id === 'sec-1-introduction' ? 'Introduction' : 'Set-up';
    assert.match(pages[0]!, new RegExp(`${s.number}\\s+${title}\\s+${s.page}\\b`), `contents line "${s.number} ${title} … ${s.page}"`);
    const start = pages.findIndex((p, i) => i > 0 && new RegExp(`^\\s*${s.number.replace('.', '\\.')}\\s+${title}\\s*$`, 'm').test(p));
    assert.equal(start + 1, s.page, `${title} is printed on page ${s.page}`);
  }
  assert.ok(!pages.join('').includes('QZPAGEMARK'), 'no page markers left in the PDF');
});

test('--no-execute re-renders from executed notebooks; a missing Chromium still leaves the HTML and fails clearly', async () => {
  const opts = parseArgs(['--notebooks', join(__dirname, 'fixtures', 'nb'), '--out', out, '--no-execute']);
  assert.ok(opts !== 'help');
  rmSync(result.html);
  const saved = process.env.CHROMIUM_PATH;
  process.env.CHROMIUM_PATH = join(out, 'no-such-chromium');
  try {
    await assert.rejects(runReport(opts), /Chromium not found at .*no-such-chromium; install Debian's chromium or set CHROMIUM_PATH/);
  } finally {
    if (saved === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = saved;
  }
  assert.match(readFileSync(result.html, 'utf8'), /Figure&nbsp;1:/, 'report.html was written before the PDF stage');
});
