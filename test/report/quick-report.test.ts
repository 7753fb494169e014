// The real report, end to end, on the quick profile: every notebook executes top to bottom under
// nbclient on the tslab kernel (their check cells assert), then the page is checked in Chromium and
// the PDF with pdftotext, against the results JSON the tables were built from.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { before, test } from 'node:test';
import { readPdfPages, type PdfPage } from '../helpers/pdf-pages';
import { openReport } from '../helpers/report-page';
import { overflowingElements } from '../helpers/report-layout';
import { parseArgs, runReport, type ReportResult } from '../../render/report';
import { describeFindings, findRawMarkup, findToolVoice } from '../../render/pdf-text-rules';

const REPO = resolve(__dirname, '..', '..');
const ARTIFACTS = join(REPO, 'test-artifacts');
const OUT = join(REPO, 'render', 'out', 'test-quick');
const SECTIONS = readdirSync(join(REPO, 'notebooks')).filter((f) => f.endsWith('.ipynb')).sort();
let result: ReportResult;
let pages: PdfPage[];

before(async () => {
  const install = spawnSync(process.execPath, [join(REPO, 'scripts', 'install-kernel.mjs'), '--quiet'], { encoding: 'utf8' });
  assert.equal(install.status, 0, install.stderr);
  process.env.REPORT_PROFILE = 'quick';
  // QUICK_REPORT_REUSE=1 re-renders the notebooks executed by the previous run, to iterate on these checks.
  const reuse = process.env.QUICK_REPORT_REUSE === '1' ? ['--no-execute'] : [];
  const opts = parseArgs(['--quick', '--out', OUT, '--startup-timeout', '300', '--cell-timeout', '1200', ...reuse]);
  assert.ok(opts !== 'help');
  result = await runReport(opts);
  assert.ok(result.pdf, 'a PDF was written');
  pages = readPdfPages(result.pdf);
});

/** Budgets of issue 12: the main part (title block through References) and the whole PDF. */
const MAIN_PAGES = 20;
const TOTAL_PAGES = 45;
const ANSWERS_BY_PAGE = 3;
const MIN_FILL = 0.3;

/** Last page of the main part: the page before the appendix starts, or the last page. */
function mainPartEnd(): number {
  const appendix = result.sections.find((s) => s.appendix && s.level === 1);
  return appendix?.page !== undefined ? appendix.page - 1 : pages.length;
}

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

test('answers first: "Answers at a glance" is the first section and starts within the first 3 pages', () => {
  const first = result.sections.find((s) => s.level === 1 && !s.appendix);
  assert.ok(first, 'the report has sections');
  assert.match(first.id, /answers-at-a-glance/, `the first section is the answers, found ${first.id}`);
  assert.ok(first.page !== undefined && first.page <= ANSWERS_BY_PAGE, `answers start on page ${first.page}, expected ≤ ${ANSWERS_BY_PAGE}`);
});

test('page budgets: main part ≤ 20 pages, whole PDF ≤ 45', () => {
  const perSection = result.sections.filter((s) => s.level === 1).map((s) => `${s.number || s.id}@${s.page}`).join(' ');
  assert.ok(mainPartEnd() <= MAIN_PAGES, `main part ends on page ${mainPartEnd()}, budget ${MAIN_PAGES} (sections start at: ${perSection})`);
  assert.ok(pages.length <= TOTAL_PAGES, `the PDF has ${pages.length} pages, budget ${TOTAL_PAGES}`);
});

test('bibliography: every cited key is in notebooks/references.json and every entry is cited', () => {
  const bib = JSON.parse(readFileSync(join(REPO, 'notebooks', 'references.json'), 'utf8')) as { key: string }[];
  const html = readFileSync(result.html, 'utf8');
  const cited = new Set([...html.matchAll(/<a class="cite" href="#ref-([a-z0-9]+)">/g)].map((m) => m[1]!));
  const listed = new Set([...html.matchAll(/<li id="ref-([a-z0-9]+)"/g)].map((m) => m[1]!));
  assert.ok(cited.size > 0, 'the report cites its sources');
  for (const k of cited) assert.ok(listed.has(k) && bib.some((e) => e.key === k), `cited @${k} is listed in References and in references.json`);
  assert.deepEqual(result.uncited, [], 'entries of notebooks/references.json that nothing cites');
});

test('no element wider than the text block (Chromium boxes at the print width)', { timeout: 240_000 }, async () => {
  const { checked, overflows } = await overflowingElements(result.html);
  assert.ok(checked > 1000, `measured the page's elements (${checked})`);
  const shown = overflows.slice(0, 15).map((o) => `${o.element} in "${o.section}": right edge ${o.right} px > ${o.limit} px`);
  assert.deepEqual(shown, [], `${overflows.length} element(s) stick out of the text block`);
});

test('no page under 30 % filled except the last page of a section', () => {
  const starts = new Set(result.sections.filter((s) => s.level === 1 && s.page !== undefined).map((s) => s.page!));
  const sparse = pages.filter((p) => p.fill < MIN_FILL && p.number < pages.length && !starts.has(p.number + 1));
  assert.deepEqual(sparse.map((p) => `page ${p.number}: ${Math.round(100 * p.fill)} % filled`), []);
});

/** Words of the tool, not of the report: they belong in the appendix, if anywhere. */
const TOOL_VOCABULARY: [RegExp, string][] = [
  [/\bREPORT_[A-Z_]+/, 'an environment variable'],
  [/\bhash(es)?\b/i, '"hash"'],
  [/key matches/i, '"key matches"'],
  [/\b(quick|full) profile/i, '"quick/full profile"'],
  [/\bChecks:/, '"Checks:"'],
  [/the cell (below|above)/i, '"the cell below/above"'],
  [/stretch goal/i, '"stretch goal"'],
  [/^\s*(stage \w+:|execute \S+\.ipynb|\[\d+\/\d+\] cell|warning:)/m, 'a raw console line'],
];

test('none of the tool vocabulary in the main part', () => {
  const end = mainPartEnd();
  const found: string[] = [];
  for (const p of pages.slice(0, end)) {
    for (const [re, what] of TOOL_VOCABULARY) {
      const m = re.exec(p.text);
      if (m) found.push(`page ${p.number}: ${what} in "${p.text.slice(Math.max(0, m.index - 40), m.index + 40).replace(/\s+/g, ' ')}"`);
    }
  }
  assert.deepEqual(found, []);
});

/** The whole PDF's text, pages separated by form feeds as pdftotext writes them. */
function pdfText(): string {
  return pages.map((p) => p.text).join('\f');
}

test('the whole PDF: no raw markup (TeX, markdown, {glue}, [@key], @fig-, 1e-8, 0.5000)', () => {
  const found = findRawMarkup(pdfText());
  assert.equal(found.length, 0, `${found.length} raw-markup finding(s):\n${describeFindings(found.slice(0, 30))}`);
});

test('the whole PDF: no tool voice (repository paths, file names, "the cell", identifiers, a commit outside the reproducibility note)', () => {
  const found = findToolVoice(pdfText());
  assert.equal(found.length, 0, `${found.length} tool-voice finding(s):\n${describeFindings(found.slice(0, 30))}`);
});
