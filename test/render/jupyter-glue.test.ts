// Named values and citations across notebooks in a real Jupyter Notebook (Debian's jupyter-notebook 6,
// Chromium through playwright-core): kernel.js reads the glue store (src/notebook/glue-store.ts) beside its
// kernelspec and references.json beside the notebooks, and substitutes in markdown cells and in markdown
// outputs (caption lines); a glue() run live in one notebook reaches the store and another notebook.
// The kernelspec is installed into a throwaway folder, so the project's own store is never read or written.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../render/pdf';
import { captionBundle, type DisplayBundle } from '../../src/notebook/display';
import { GLUE_STORE_ENV, glueStorePath, readGlueStore, writeGlueStore } from '../../src/notebook/glue-store';
import { startJupyter, type JupyterServer } from '../helpers/jupyter-server';

const REPO = resolve(__dirname, '..', '..');
// Inside the repository, so the kernel resolves @assignment-one/src the way notebooks/ does.
const DIR = join(REPO, 'test-artifacts', `jupyter-glue-${process.pid}`);
const KERNELS = mkdtempSync(join(tmpdir(), 'jupyter-glue-kernels-'));
const STORE = glueStorePath(KERNELS);

const output = (b: DisplayBundle): object => ({ output_type: 'display_data', data: b.data, metadata: b.metadata });
const kernelspec = { name: 'tslab', display_name: 'TypeScript (tslab)', language: 'typescript' };

function notebook(cells: object[]): string {
  return JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: { kernelspec }, cells: cells.map((c, i) => ({ id: `cell-${i}`, metadata: {}, ...c })) }, null, 1);
}

/** Cites names the store holds (glued "in another notebook"), one nothing glued, and three citations. */
const ANSWERS = notebook([
  { cell_type: 'markdown', source: 'Accuracy {glue}`other-acc`, rate {glue}`other-rate`; {glue}`nowhere` is glued nowhere. Works: [@glorot2010], [@he2015; @glorot2010] and [@nobody2000].' },
  {
    cell_type: 'code', execution_count: 1, source: 'showTable(/* tab-x */)',
    outputs: [output(captionBundle('tab-x', 'Rows at {glue}`other-rate`, after [@glorot2010].'))],
  },
  { cell_type: 'markdown', source: 'Live: {glue}`live-value`.' },
]);

/** A cell that glues live, and markdown that cites what it glues. */
const LIVE = notebook([
  { cell_type: 'markdown', source: 'Here: {glue}`live-value`.' },
  { cell_type: 'code', execution_count: null, outputs: [], source: 'import { glue } from "@assignment-one/src/notebook/glue";\nglue("live-value", 7, "seven");' },
]);

// The report's own notebooks that cite other notebooks' values, and 06, which once lacked a cell id.
const REAL = ['00-answers.ipynb', '06-experiments.ipynb', '08-conclusion.ipynb'];

let server: JupyterServer | undefined;
let browser: Browser | undefined;

before(async () => {
  const install = spawnSync(process.execPath, [join(REPO, 'scripts', 'install-kernel.mjs'), '--user', '--quiet'], { encoding: 'utf8', env: { ...process.env, JUPYTER_DATA_DIR: KERNELS } });
  assert.equal(install.status, 0, install.stderr);
  mkdirSync(DIR, { recursive: true });
  copyFileSync(join(REPO, 'notebooks', 'references.json'), join(DIR, 'references.json'));
  writeFileSync(join(DIR, 'answers.ipynb'), ANSWERS);
  for (const name of REAL) copyFileSync(join(REPO, 'notebooks', name), join(DIR, name));
  writeFileSync(join(DIR, 'live.ipynb'), LIVE);
  writeGlueStore(STORE, { format: 1, glue: { 'other-acc': { text: '97.5 %', from: 'x' }, 'other-rate': { text: '0.05', from: 'x' } }, citations: ['he2015', 'glorot2010'] });
  // Signed as `npm run notebook` signs the project's notebooks (scripts/jupyter/sign.mjs).
  server = await startJupyter(DIR, KERNELS, { trusted: ['answers.ipynb', ...REAL].map((n) => join(DIR, n)), env: { [GLUE_STORE_ENV]: STORE } });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(DIR, { recursive: true, force: true });
  rmSync(KERNELS, { recursive: true, force: true });
});

async function open(name: string): Promise<Page> {
  const page = await browser!.newPage({ viewport: { width: 1200, height: 900 } });
  await page.goto(`${server!.url}notebooks/${name}?token=${server!.token}`, { waitUntil: 'load' });
  await page.waitForFunction('window.assignmentOneStore === "ready"', undefined, { timeout: 60_000 });
  return page;
}

const markdownText = (page: Page): Promise<string[]> => page.$$eval('.text_cell_render', (els) => els.map((e) => (e.textContent ?? '').trim()));

test('names glued in another notebook read as their values in markdown and in caption outputs; citations read as the report numbered them', async () => {
  const page = await open('answers.ipynb');
  const [first] = await markdownText(page);
  assert.equal(first, 'Accuracy 97.5 %, rate 0.05; {glue}nowhere is glued nowhere. Works: [2], [1, 2] and [@nobody2000].');
  const caption = (await page.locator('.output_markdown').allTextContents()).join(' ').trim();
  assert.equal(caption, '@tab-x: Rows at 0.05, after [2].');
  const link = page.locator('.citation a').first();
  assert.equal(await link.getAttribute('href'), 'https://proceedings.mlr.press/v9/glorot10a.html');
  assert.match((await link.getAttribute('title')) ?? '', /^X\. Glorot and Y\. Bengio \(2010\)\. Understanding/);
  await page.close();
});

test('a work the report has not numbered reads as author and year', async () => {
  writeGlueStore(STORE, { ...readGlueStore(STORE), citations: [] });
  const page = await open('answers.ipynb');
  const [first] = await markdownText(page);
  assert.match(first!, /Works: \[Glorot and Bengio 2010\], \[He et al\. 2015, Glorot and Bengio 2010\] and \[@nobody2000\]\.$/);
  await page.close();
});

test('a glue run live updates the store; its notebook and, on their next look, the others show the new text', { timeout: 240_000 }, async () => {
  const live = await open('live.ipynb');
  await live.waitForFunction('Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected()', undefined, { timeout: 120_000 });
  const answers = await open('answers.ipynb');
  assert.match((await markdownText(answers))[1]!, /^Live: \{glue\}live-value\.$/, 'not glued anywhere yet');

  await live.bringToFront();
  await live.evaluate('Jupyter.notebook.execute_cells([1])');
  await live.waitForFunction('document.querySelector(".glue-value") && document.querySelector(".glue-value").textContent === "seven"', undefined, { timeout: 150_000 });
  assert.deepEqual(readGlueStore(STORE).glue['live-value'], { text: 'seven', from: 'a Jupyter session' });

  await live.evaluate('Jupyter.notebook.get_cell(1).set_text(\'import { glue } from "@assignment-one/src/notebook/glue";\\nglue("live-value", 8, "eight");\'); Jupyter.notebook.execute_cells([1])');
  await live.waitForFunction('document.querySelector(".glue-value").textContent === "eight"', undefined, { timeout: 60_000 });

  await answers.bringToFront();
  await answers.evaluate('document.dispatchEvent(new Event("visibilitychange"))');
  await answers.waitForFunction('document.querySelectorAll(".text_cell_render")[1].textContent.trim() === "Live: eight."', undefined, { timeout: 30_000 });
  await live.close();
  await answers.close();
});

test('the report\'s notebooks open trusted and without "(unsaved changes)", once their kernel is up too', { timeout: 240_000 }, async () => {
  for (const name of REAL) {
    const page = await open(name);
    await page.waitForFunction('Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected()', undefined, { timeout: 120_000 });
    await page.waitForTimeout(1000);
    const state = await page.evaluate('({ dirty: Jupyter.notebook.dirty, trusted: Jupyter.notebook.trusted, title: document.title })') as { dirty: boolean; trusted: boolean; title: string };
    assert.deepEqual({ name, dirty: state.dirty, trusted: state.trusted }, { name, dirty: false, trusted: true }, `${name}: ${state.title}`);
    assert.equal(await page.locator('.autosave_status').first().textContent().then((t) => (t ?? '').includes('unsaved')), false, `${name}: the header says unsaved changes`);
    await page.close();
  }
});
