// The report mechanisms of docs/NOTEBOOK-OUTPUTS.md (glue, citations, appendix, title block) on two small
// executed notebooks in test/render/fixtures/mechanisms: no kernel, no browser.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseBibliography, readBibliography } from '../../render/bibliography';
import { cleanNotebook, type CleanNotebook } from '../../render/clean';
import { ReportError } from '../../render/errors';
import { renderReport, type ReportMeta } from '../../render/html/report';
import { readNotebook } from '../../render/notebook';

const DIR = join(__dirname, 'fixtures', 'mechanisms');
const meta: ReportMeta = { title: 'T', subtitle: 'S', date: new Date('2025-01-02T00:00:00Z'), version: { commit: '0123456789ab', clean: true } };
const bib = readBibliography(join(DIR, 'references.json'));

function load(): CleanNotebook[] {
  return ['01-answers', '02-experiments'].map((n) => cleanNotebook(readNotebook(join(DIR, `${n}.ipynb`)), `fixtures/${n}.ipynb`));
}

/** The page without inlined CSS/JS, and its parts in reading order. */
function render(notebooks = load()) {
  const r = renderReport(notebooks, meta, { bibliography: bib, bibliographySource: 'fixtures/references.json' });
  const body = r.html.slice(r.html.indexOf('<main'), r.html.indexOf('</main>'));
  const main = body.slice(body.indexOf('<div class="main-part">'), body.indexOf('<div class="appendix"'));
  const appendix = body.slice(body.indexOf('<div class="appendix"'));
  return { r, body, main, appendix };
}

function reportError(re: RegExp) {
  return (e: unknown) => e instanceof ReportError && re.test(e.message);
}

test('glue: markdown cites values glued anywhere in the report, even later or in a removed cell', () => {
  const { main, appendix, body } = render();
  assert.match(main, /The final accuracy is 93\.1 ± 0\.9\u00a0% /, 'forward reference to a value glued in section 2');
  assert.match(main, /We trained 3000 labeled images/, 'value glued by a remove-cell cell');
  assert.match(appendix, /Appendix prose two with 3000 images/, 'glue inside a prose output');
  assert.doesNotMatch(body, /\{glue\}|acc-final = |answers-n = /, 'no raw role and no glue output shown');
  assert.doesNotMatch(body, /@tab-final/, 'the Jupyter caption line is not shown in the report');
  assert.match(main, /Table&nbsp;1:<\/span> Final accuracy\./, 'the table keeps its numbered caption');
});

test('glue: an unknown name fails naming notebook, cell and name', () => {
  const nbs = load();
  const cell = nbs[1]!.cells[0]!;
  assert.ok(cell.kind === 'markdown');
  cell.source += '\n\nAnd {glue}`acc-typo`.';
  assert.throws(() => render(nbs), reportError(/fixtures\/02-experiments\.ipynb cell 0: unknown glue name \{glue\}`acc-typo`.*acc-final/));
});

test('glue: the same name glued twice with different text fails, naming both places', () => {
  const raw = readNotebook(join(DIR, '02-experiments.ipynb'));
  const out = raw.cells[1]!.outputs![0]!;
  (out.data!['application/vnd.assignment-one.glue+json'] as { name: string; text: string }).name = 'answers-n';
  (out.data!['application/vnd.assignment-one.glue+json'] as { text: string }).text = '2999';
  (out.metadata!.report as { name: string }).name = 'answers-n';
  const nbs = [cleanNotebook(readNotebook(join(DIR, '01-answers.ipynb')), 'a.ipynb'), cleanNotebook(raw, 'b.ipynb')];
  assert.throws(() => render(nbs), reportError(/b\.ipynb cell 1: glue answers-n = "2999" contradicts .*a\.ipynb cell 3 as "3000"/));
});

test('citations: numbered in order of first use, linked, listed once after the main part', () => {
  const { main, appendix, r } = render();
  assert.match(main, /\[<a class="cite" href="#ref-glorot2010">1<\/a>\]/);
  assert.match(main, /\[<a class="cite" href="#ref-he2015">2<\/a>, <a class="cite" href="#ref-glorot2010">1<\/a>\]/);
  assert.match(appendix, /\[<a class="cite" href="#ref-lee2013">3<\/a>\]/, 'a work first cited in the appendix gets the next number');
  const refs = main.slice(main.indexOf('<section class="references"'));
  assert.match(refs, /<li id="ref-glorot2010"[^>]*>.*\[1\].*Glorot[\s\S]*id="ref-he2015"[\s\S]*id="ref-lee2013"/);
  assert.ok(!refs.includes('ref-sohn2020'), 'uncited entries are not listed');
  assert.deepEqual(r.cited, ['glorot2010', 'he2015', 'lee2013']);
  assert.deepEqual(r.uncited, ['sohn2020']);
});

test('citations: an unknown key fails naming the cell and the bibliography', () => {
  const nbs = load();
  const cell = nbs[0]!.cells[0]!;
  assert.ok(cell.kind === 'markdown');
  cell.source += ' See [@glorot2010; @hinton2012].';
  assert.throws(() => render(nbs), reportError(/fixtures\/01-answers\.ipynb cell 0: unknown citation @hinton2012; not in fixtures\/references\.json/));
});

test('bibliography: bad entries fail naming the file, the entry and the field', () => {
  const parse = (v: unknown) => () => parseBibliography(JSON.stringify(v), 'refs.json');
  assert.throws(parse({}), reportError(/refs\.json: expected a JSON array/));
  assert.throws(parse([{ key: 'Glorot2010', authors: 'a', year: 2010, title: 't', venue: 'v' }]), reportError(/refs\.json entry 0: key must be lowercase/));
  assert.throws(parse([{ key: 'glorot2010', authors: 'a', year: 2011, title: 't', venue: 'v' }]), reportError(/entry 0 \(glorot2010\): "year" must be an integer matching the key/));
  assert.throws(parse([{ key: 'glorot2010', authors: 'a', year: 2010, title: '', venue: 'v' }]), reportError(/"title" must be a non-empty string/));
  const ok = { key: 'glorot2010', authors: 'a', year: 2010, title: 't', venue: 'v' };
  assert.throws(parse([ok, ok]), reportError(/entry 1: duplicate key glorot2010/));
  assert.throws(() => parseBibliography('[', 'refs.json'), reportError(/refs\.json: cannot parse JSON/));
});

test('appendix: tagged cells leave the main part for an appendix grouped by notebook, after the References', () => {
  const { body, main, appendix } = render();
  assert.ok(!main.includes('Appendix note one') && !main.includes('Sweep details'));
  assert.ok(body.indexOf('id="references"') < body.indexOf('class="appendix"'));
  const a = appendix.indexOf('Appendix A.</span> Answers at a glance: checks and details');
  const b = appendix.indexOf('Appendix B.</span> Experiments: checks and details');
  assert.ok(a >= 0 && b > a, 'one part per notebook, in notebook order, titled after the section');
  const order = ['Appendix note one', 'Appendix prose two', 'Sweep details'].map((t) => appendix.indexOf(t));
  assert.ok(order.every((i, k) => i > (k === 0 ? a : order[k - 1]!)), `cells keep their relative order: ${order}`);
  assert.ok(order[1]! < b && order[2]! > b);
  assert.match(appendix, /<span class="secno">B\.1<\/span> Sweep details/, 'appendix headings are numbered within their part');
  assert.match(appendix, /Table&nbsp;2:<\/span> A check\./, 'tables are numbered in reading order: the main part first, then the appendix');
  assert.match(main, /<span class="secno">1<\/span> Answers at a glance[\s\S]*<span class="secno">2<\/span> Experiments/);
});

test('appendix: a part whose cells use ### (subsections in the notebook) numbers them B.1, B.1.1, never B.0.1', () => {
  const nbs = load();
  const cell = nbs[1]!.cells.find((c) => c.kind === 'markdown' && c.source.startsWith('## Sweep details'));
  assert.ok(cell && cell.kind === 'markdown', 'the fixture has its appendix heading');
  cell.source = cell.source.replace('## Sweep details', '### Sweep details') + '\n\n#### Sweep step\n\nText.';
  const { appendix } = render(nbs);
  assert.match(appendix, /<span class="secno">B\.1<\/span> Sweep details/);
  assert.match(appendix, /<span class="secno">B\.1\.1<\/span> Sweep step/);
  assert.doesNotMatch(appendix, /secno">B\.0/);
});

test('title block: title and date; the code version is a reproducibility note after the appendix; contents list References and the appendix parts', () => {
  const { body } = render();
  const header = body.slice(0, body.indexOf('</header>'));
  assert.match(header, /<h1 class="title">T<\/h1>[\s\S]*2 January 2025/);
  assert.doesNotMatch(header, /commit/);
  assert.match(body.slice(body.lastIndexOf('class="appendix"')), /Reproducibility\.<\/strong> Built from commit <code>0123456789ab<\/code> of the project's repository \(clean tree\)/);
  const dirty = renderReport(load(), { ...meta, version: { commit: 'abc', clean: false } }, { bibliography: bib }).html;
  assert.match(dirty, /commit <code>abc<\/code> of the project.s repository \(with uncommitted changes\)/);
  const toc = body.slice(body.indexOf('<nav class="toc"'), body.indexOf('</nav>'));
  const items = [...toc.matchAll(/class="toc-title">([^<]*)</g)].map((m) => m[1]);
  assert.deepEqual(items, ['Answers at a glance', 'Experiments', 'References', 'Answers at a glance: checks and details', 'Experiments: checks and details']);
});

test('code version: HEAD commit, clean until a tracked or untracked file changes; none outside git', async () => {
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { execFileSync } = await import('node:child_process');
  const { codeVersion } = await import('../../render/version');
  const dir = mkdtempSync(join(tmpdir(), 'version-'));
  try {
    assert.equal(codeVersion(dir), undefined);
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { cwd: dir, stdio: 'pipe' }).toString().trim();
    git('init', '-q');
    writeFileSync(join(dir, 'a.txt'), 'a');
    git('add', 'a.txt');
    git('commit', '-qm', 'a');
    const head = git('rev-parse', '--short=12', 'HEAD');
    assert.deepEqual(codeVersion(dir), { commit: head, clean: true });
    writeFileSync(join(dir, 'b.txt'), 'b');
    assert.deepEqual(codeVersion(dir), { commit: head, clean: false });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
