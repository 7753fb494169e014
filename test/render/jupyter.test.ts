// The notebooks' outputs in a real Jupyter Notebook (Debian's jupyter-notebook 6, Chromium through
// playwright-core): every figure's static SVG fallback is visible with drawn marks (lines, bars, heatmap,
// contour), 05's two-panel grid lies side by side and its centroid tiles stay square, each figure and table has its caption line, and a cell run live on the project's tslab kernel
// shows its figure the same way. The server runs on 127.0.0.1 and is stopped in every case.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium } from '../../render/pdf';
import { captionBundle, figureBundle, tableBundle, type DisplayBundle } from '../../src/notebook/display';
import { digitGridFigure } from '../../src/notebook/digits';
import { glueBundle } from '../../src/notebook/glue';
import { startJupyter, type JupyterServer } from '../helpers/jupyter-server';

const REPO = resolve(__dirname, '..', '..');
// Inside the repository, so the kernel resolves @assignment-one/src the way notebooks/ does.
const DIR = join(REPO, 'test-artifacts', `jupyter-${process.pid}`);
const NOTEBOOK = 'fallbacks.ipynb';

function output(b: DisplayBundle): object {
  return { output_type: 'display_data', data: b.data, metadata: b.metadata };
}

function figureCell(fig: Parameters<typeof figureBundle>[0], id: string, caption: string): object {
  return {
    cell_type: 'code', execution_count: 1, source: `showFigure(/* ${id} */)`,
    metadata: { tags: ['hide-input'], jupyter: { source_hidden: true } },
    outputs: [output(figureBundle(fig, { id, caption })), output(captionBundle(id, caption))],
  };
}

/** 05's fig-signal as its cell builds it: two panels of a 1 × 2 layout.grid, log y, shared legend below. */
function signalFigure(): Parameters<typeof figureBundle>[0] {
  const layers = Array.from({ length: 20 }, (_, l) => l + 1);
  const data = ['', '2'].flatMap((ax, k) => [
    { type: 'scatter', mode: 'lines+markers', name: 'He: activations', x: layers, y: layers.map((l) => 2 ** (k === 0 ? 0 : -l / 4)), xaxis: `x${ax}`, yaxis: `y${ax}`, showlegend: k === 0 },
    { type: 'scatter', mode: 'lines', name: 'He: gradients', x: layers, y: layers.map((l) => 2 ** (k === 0 ? -l / 8 : -l / 3)), line: { dash: 'dash' }, xaxis: `x${ax}`, yaxis: `y${ax}`, showlegend: k === 0 },
  ]);
  return {
    data,
    layout: {
      grid: { rows: 1, columns: 2, pattern: 'independent' },
      xaxis: { title: { text: 'layer' } }, xaxis2: { title: { text: 'layer' } },
      yaxis: { title: { text: 'variance' }, type: 'log', exponentformat: 'power' }, yaxis2: { type: 'log', exponentformat: 'power' },
      annotations: ['ReLU units', 'tanh units'].map((text, k) => ({ text, xref: `x${k === 0 ? '' : '2'} domain`, yref: `y${k === 0 ? '' : '2'} domain`, x: 0.5, y: 1.08, showarrow: false })),
      legend: { orientation: 'h', y: -0.25 }, margin: { t: 30, b: 110, l: 60, r: 10 }, width: 720, height: 400,
    },
  };
}

/** 05's fig-kmeans-centroids as its cell builds it: 64 whitened 6 × 6 tiles, 16 a row, square pixels (scaleanchor). */
const centroids = Array.from({ length: 64 }, (_, k) => new Float32Array(36).map((_, j) => Math.sin(k * 7 + j * 3)));
const centroidFigure = digitGridFigure(centroids, centroids.map(() => ''), 16, { size: 6, gap: 1 });

const grid = (n: number, f: (x: number, y: number) => number) =>
  Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => f((j - n / 2) / 4, (i - n / 2) / 4)));

/** The fallbacks a notebook of the report shows, built by the library's own display helpers. */
function fixtureNotebook(): object {
  // Cell ids are required by nbformat 4.5: without them the server adds random ones on load, the notebook
  // no longer matches its signature, and Jupyter shows it untrusted (plain text instead of SVG).
  const digit = new Float32Array(784).map((_, k) => ((k % 28) - 14) ** 2 + (Math.floor(k / 28) - 14) ** 2 < 60 ? 1 : 0);
  return {
    nbformat: 4, nbformat_minor: 5,
    // static_figures: the fallbacks are what these tests look at; the last test turns it off for plotly.js.
    metadata: { kernelspec: { name: 'tslab', display_name: 'TypeScript (tslab)', language: 'typescript' }, assignment_one: { static_figures: true } },
    cells: ([
      { cell_type: 'markdown', metadata: {}, source: '# Fallbacks\n\nThe loss falls (@fig-lines) to {glue}`final-loss`; {glue}`elsewhere` is glued in another notebook.' },
      figureCell({ data: [{ type: 'scatter', mode: 'lines', x: [1, 2, 3, 4], y: [2.3, 1.1, 0.6, 0.4], name: 'loss' }], layout: { width: 420, height: 300 } }, 'fig-lines', 'Loss per epoch.'),
      figureCell({ data: [{ type: 'bar', x: ['a', 'b', 'c'], y: [95.1, 95.6, 96.2], name: 'accuracy' }], layout: { width: 420, height: 300 } }, 'fig-bars', 'Accuracy per model.'),
      figureCell(digitGridFigure([digit, digit], ['0', '1'], 2), 'fig-digits', 'Two digits.'),
      figureCell({ data: [{ type: 'contour', z: grid(30, (x, y) => x * x + 4 * y * y), contours: { coloring: 'lines' } }], layout: { width: 420, height: 300 } }, 'fig-contour', 'A quadratic bowl.'),
      figureCell(signalFigure(), 'fig-signal', 'Two panels side by side.'),
      figureCell(centroidFigure, 'fig-kmeans-centroids', 'Sixty-four square tiles.'),
      {
        cell_type: 'code', execution_count: 1, source: 'showTable(/* tab-acc */)', metadata: { tags: ['hide-input'], jupyter: { source_hidden: true } },
        outputs: [output(tableBundle([{ model: 'baseline', 'accuracy (%)': 95.1 }], { id: 'tab-acc', caption: 'Accuracy.' })), output(captionBundle('tab-acc', 'Accuracy.')), output(glueBundle('final-loss', 0.4, '0.40 nats'))],
      },
      {
        cell_type: 'code', execution_count: null, metadata: {}, outputs: [],
        source: 'import { showFigure } from "@assignment-one/src/notebook/display";\n' +
          'showFigure({ data: [{ type: "heatmap", z: [[0, 1, 2], [2, 1, 0]] }], layout: { width: 300, height: 240 } }, { id: "fig-live", caption: "Drawn by the kernel in this session." });',
      },
    ] as object[]).map((c, i) => ({ id: `cell-${i}`, ...c })),
  };
}

let server: JupyterServer | undefined;
let browser: Browser | undefined;
let page: Page;
const consoleLines: string[] = [];

before(async () => {
  const install = spawnSync(process.execPath, [join(REPO, 'scripts', 'install-kernel.mjs'), '--quiet'], { encoding: 'utf8' });
  assert.equal(install.status, 0, install.stderr);
  mkdirSync(DIR, { recursive: true });
  writeFileSync(join(DIR, NOTEBOOK), JSON.stringify(fixtureNotebook(), null, 1));
  server = await startJupyter(DIR, join(REPO, '.jupyter'), { trusted: [join(DIR, NOTEBOOK)] });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`.slice(0, 300)));
  await page.goto(`${server.url}notebooks/${NOTEBOOK}?token=${server.token}`, { waitUntil: 'load' });
  try {
    await page.waitForSelector('.output_svg svg', { timeout: 60_000 });
  } catch (e) {
    await page.screenshot({ path: join(REPO, 'test-artifacts', 'jupyter-failed.png'), fullPage: true });
    throw e;
  }
});

after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(DIR, { recursive: true, force: true });
});

/** Marks drawn inside each SVG output: paths, non-white rects, circles, lines; and its on-screen size. */
async function svgOutputs(): Promise<{ marks: number; heatCells: number; contours: number; bars: number; width: number; height: number }[]> {
  return page.$$eval('.output_svg svg', (svgs) => svgs.map((s) => {
    const r = s.getBoundingClientRect();
    const rects = Array.from(s.querySelectorAll('rect')).filter((e) => !['white', '#fff', '#ffffff', 'none', '#fafafa'].includes(e.getAttribute('fill') ?? '') && e.parentElement?.tagName !== 'clipPath');
    return {
      marks: s.querySelectorAll('path, circle').length + rects.length,
      heatCells: s.querySelectorAll('g.heatmap rect').length,
      contours: s.querySelectorAll('path.contour').length,
      bars: s.querySelectorAll('g[class^="trace-"] rect').length,
      width: Math.round(r.width), height: Math.round(r.height),
    };
  }));
}

test('every figure shows its static SVG with drawn marks: lines, bars, heatmap and contour', async () => {
  const svgs = (await svgOutputs()).slice(0, 4);
  assert.equal((await svgOutputs()).length, 6, `six figure outputs, found ${JSON.stringify(svgs)}`);
  const [lines, bars, digits, contour] = svgs;
  for (const s of svgs) assert.ok(s.width >= 100 && s.height >= 60, `visible size ${s.width}×${s.height}`);
  assert.ok(lines!.marks >= 1, 'the line is drawn');
  assert.equal(bars!.bars, 3, 'three bars');
  assert.ok(digits!.heatCells >= 20, `digit pixels drawn (${digits!.heatCells} cells)`);
  assert.equal(contour!.contours, 1, 'contour lines drawn');
  const text = await page.$$eval('.output_svg svg', (s) => s.map((e) => e.textContent ?? '').join(' '));
  assert.ok(!text.includes('interactive view only'), 'no placeholder boxes');
});

/** Each figure's panels (clip rectangles, in SVG units) and the on-screen boxes of what each panel drew. */
async function panelsOf(index: number): Promise<{ frames: { x: number; y: number; w: number; h: number }[]; drawn: { left: number; right: number; width: number; height: number }[] }> {
  return page.$$eval('.output_svg svg', (svgs, i) => {
    const s = svgs[i]!;
    const frames = Array.from(s.querySelectorAll('clipPath rect')).map((r) => ({
      x: Number(r.getAttribute('x')), y: Number(r.getAttribute('y')), w: Number(r.getAttribute('width')), h: Number(r.getAttribute('height')),
    }));
    const drawn = Array.from(s.querySelectorAll('g[clip-path]')).map((g) => {
      const b = g.getBoundingClientRect();
      return { left: b.left, right: b.right, width: b.width, height: b.height };
    });
    return { frames, drawn };
  }, index);
}

test("05's subplot grid: the two panels of fig-signal lie side by side, each drawing its own curves", async () => {
  const { frames, drawn } = await panelsOf(4);
  assert.equal(frames.length, 2, `two panels, found ${JSON.stringify(frames)}`);
  const [a, b] = frames as [typeof frames[0], typeof frames[0]];
  assert.ok(a.x + a.w < b.x, `the left panel ends before the right one starts: ${JSON.stringify(frames)}`);
  assert.ok(Math.abs(a.w - b.w) < 1 && Math.abs(a.y - b.y) < 1 && Math.abs(a.h - b.h) < 1, 'equal cells, one row');
  assert.ok(drawn[0]!.width > 50 && drawn[1]!.width > 50 && drawn[0]!.right < drawn[1]!.left, `curves drawn apart on screen: ${JSON.stringify(drawn)}`);
});

test("05's centroid mosaic keeps square tiles (scaleanchor): its panel has the data's aspect ratio, on screen too", async () => {
  const { frames, drawn } = await panelsOf(5);
  const layout = centroidFigure.layout as { xaxis: { range: number[] }; yaxis: { range: number[] } };
  const wanted = Math.abs(layout.xaxis.range[1]! - layout.xaxis.range[0]!) / Math.abs(layout.yaxis.range[1]! - layout.yaxis.range[0]!);
  const f = frames[0]!;
  assert.ok(Math.abs(f.w / f.h / wanted - 1) < 0.01, `panel ${f.w}×${f.h} has aspect ${(f.w / f.h).toFixed(2)}, the data ${wanted.toFixed(2)}`);
  // On screen the tiles span x from −0.5 to the range's end and y from −0.5 to the bottom row's end (the range
  // also holds the gap above the first row), so one data unit must be as many pixels across as down.
  const shown = drawn[0]!;
  const perX = shown.width / Math.abs(layout.xaxis.range[1]! - layout.xaxis.range[0]!);
  const perY = shown.height / (Math.max(...layout.yaxis.range) + 0.5);
  assert.ok(Math.abs(perX / perY - 1) < 0.03, `tiles drawn ${shown.width}×${shown.height} on screen: ${perX.toFixed(2)} px per unit across, ${perY.toFixed(2)} down`);
});

test('each figure and table has a caption line starting with the id that markdown cites', async () => {
  const captions = await page.$$eval('.output_markdown', (els) => els.map((e) => (e.textContent ?? '').trim()));
  for (const id of ['fig-lines', 'fig-bars', 'fig-digits', 'fig-contour', 'fig-signal', 'fig-kmeans-centroids', 'tab-acc']) {
    assert.ok(captions.some((c) => c.startsWith(`@${id}:`)), `caption line for @${id} in ${JSON.stringify(captions)}`);
  }
  assert.ok(await page.locator('.output_html table').count() >= 1, 'the table is shown as HTML');
  const shown = (await page.locator('.output_area').allTextContents()).join('\n');
  assert.ok(!shown.includes('final-loss'), `the glue output shows nothing, found ${JSON.stringify(shown.slice(0, 400))}`);
});

test('markdown shows the text glued in the same notebook where it cites the name (kernel.js); other names stay as written', async () => {
  await page.waitForSelector('.glue-value', { timeout: 60_000 });
  const text = await page.$eval('.text_cell_render', (e) => e.textContent ?? '');
  assert.match(text, /falls \(@fig-lines\) to 0\.40 nats;/);
  assert.match(text, /\{glue\}elsewhere is glued in another notebook/);
});

test('cells with jupyter.source_hidden show only their output (the kernelspec\'s kernel.js); others show their code', async () => {
  await page.waitForSelector('.source-hidden-stub', { timeout: 60_000 });
  const cells = await page.$$eval('.cell.code_cell', (els) => els.map((e) => ({
    stub: e.querySelector('.source-hidden-stub') !== null,
    inputVisible: (e.querySelector('.input') as HTMLElement | null)?.offsetParent !== null,
  })));
  assert.deepEqual(cells.map((c) => c.stub), [true, true, true, true, true, true, true, false]);
  assert.deepEqual(cells.map((c) => c.inputVisible), [false, false, false, false, false, false, false, true]);
  await page.locator('.source-hidden-stub').first().click();
  assert.ok(await page.locator('.cell.code_cell').first().locator('.input').isVisible(), 'a click shows the code again');
});

/** Waits for a live cell's output; on timeout, fails with what the page shows instead (the cell's errors, its outputs). */
async function waitOrExplain(locator: Locator, explain: (e: Error) => Promise<string>, timeout = 150_000): Promise<void> {
  try {
    await locator.waitFor({ timeout });
  } catch (e) {
    throw new Error(await explain(e as Error));
  }
}

test('a cell run live on the tslab kernel shows its figure fallback and caption line', { timeout: 180_000 }, async () => {
  await page.waitForFunction('window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected()', undefined, { timeout: 120_000 });
  await page.evaluate('Jupyter.notebook.execute_cells([Jupyter.notebook.ncells() - 1])');
  const live = page.locator('.cell:last-child .output_svg svg');
  await waitOrExplain(live, async (e) => {
    const errors = await page.locator('.cell:last-child .output_error, .cell:last-child .output_stderr').allTextContents();
    return `no figure from the live cell: ${errors.join('\n') || e.message}\n${server?.log() ?? ''}`;
  });
  assert.ok(await live.locator('g.heatmap rect').count() >= 4, 'heatmap cells drawn by the kernel-side fallback');
  const caption = await page.locator('.cell:last-child .output_markdown').allTextContents();
  assert.ok(caption.some((c) => c.trim().startsWith('@fig-live:')), `live caption line, found ${JSON.stringify(caption)}`);
});

test('without static_figures a figure run live is drawn interactively by plotly.js (kernel.js)', { timeout: 180_000 }, async () => {
  await page.waitForFunction('window.assignmentOnePlotly', undefined, { timeout: 60_000 });
  assert.equal(await page.evaluate('window.assignmentOnePlotly'), 'ready', 'plotly.js loaded from the kernelspec');
  await page.evaluate('Jupyter.notebook.metadata.assignment_one.static_figures = false; Jupyter.notebook.execute_cells([Jupyter.notebook.ncells() - 1])');
  const plot = page.locator('.cell:last-child .output_plotly .js-plotly-plot');
  await waitOrExplain(plot, async (e) => {
    const html = await page.locator('.cell:last-child .output_wrapper').innerHTML();
    return `no plotly figure in the live cell: ${e.message}\nits outputs: ${html.slice(0, 1500)}\nconsole: ${consoleLines.join('\n')}`;
  });
  assert.ok(await plot.locator('.heatmaplayer image, .hm image, .heatmaplayer').count() >= 1, 'plotly drew the heatmap');
  assert.ok(await plot.locator('.modebar').count() >= 1, 'with its interactive mode bar');
  assert.equal(await page.locator('.cell:last-child .output_svg').count(), 0, 'the static fallback is not shown as well');
});
