// Stage 4: print report.html to PDF with Debian's headless Chromium (never a downloaded browser).
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { writeAtomicVia } from '../src/results/atomic-write';
import { ReportError } from './errors';
import { printWithPageNumbers } from './toc-pages';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic',
];

// A4 is 210 mm wide; with 18 mm side margins the text column is 174 mm = 657.6 CSS px. Laying the page out
// at that width before printing makes plotly draw its SVG at the size it will be printed.
const MARGIN = { top: '16mm', bottom: '18mm', left: '18mm', right: '18mm' };
export const PRINT_WIDTH_PX = Math.floor(((210 - 36) / 25.4) * 96);

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/** How messages name the browser: by the variable when the user set it, else by the default path. */
function describeBrowser(env: NodeJS.ProcessEnv): string {
  return env.CHROMIUM_PATH ? `CHROMIUM_PATH=${env.CHROMIUM_PATH}` : `${chromiumPath(env)} (the default; set CHROMIUM_PATH for another)`;
}

/**
 * Checks the browser before any work (executing the notebooks can take an hour): it exists, is
 * executable and answers `--version` like a Chromium. Returns that version line.
 */
export function checkChromium(env: NodeJS.ProcessEnv = process.env): string {
  const path = chromiumPath(env);
  const where = describeBrowser(env);
  const fix = "install Debian's chromium (bash scripts/ensure-system-deps.sh), point CHROMIUM_PATH at a Chromium executable, or pass --no-pdf for report.html only";
  if (!existsSync(path)) throw new ReportError(`Chromium not found at ${where}; ${fix}`);
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new ReportError(`Chromium at ${where} is not executable; ${fix}`);
  }
  const r = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  const version = (r.stdout ?? '').trim().split('\n')[0] ?? '';
  if (r.error || r.status !== 0 || !/chrom/i.test(version)) {
    const how = r.error ? `failed (${r.error.message})` : `exited with status ${r.status}${version ? ` printing ${JSON.stringify(version)}` : ''}`;
    throw new ReportError(`Chromium at ${where} does not work: \`${path} --version\` ${how}, expected a line like "Chromium 120..."; ${fix}`);
  }
  return version;
}

export async function launchChromium(env: NodeJS.ProcessEnv = process.env): Promise<Browser> {
  checkChromium(env);
  try {
    // playwright gives each launch a fresh temporary profile, so no state leaks between builds.
    return await chromium.launch({ executablePath: chromiumPath(env), headless: true, args: CHROMIUM_ARGS });
  } catch (e) {
    const first = ((e as Error).message ?? String(e)).split('\n')[0];
    throw new ReportError(`Chromium at ${describeBrowser(env)} did not start: ${first}`);
  }
}

export interface PdfResult {
  figures: number;
  /** Page of each heading listed in the contents, by heading id. */
  sectionPages: Map<string, number>;
  consoleErrors: string[];
}

/** Waits until every plotly figure has an <svg> (or the boot script gave up on it). */
export async function waitForFigures(page: import('playwright-core').Page, timeoutMs = 60_000): Promise<number> {
  await page.waitForFunction(
    () => {
      const state = (window as unknown as { __reportFigures?: { total: number; drawn: number; failed: number } }).__reportFigures;
      if (!state) return false;
      const divs = Array.from(document.querySelectorAll('.plotly-figure'));
      return state.drawn + state.failed >= state.total && divs.every((d) => d.querySelector('svg') !== null);
    },
    undefined,
    { timeout: timeoutMs, polling: 100 },
  );
  return page.evaluate(() => document.querySelectorAll('.plotly-figure').length);
}

/** How long the report page may take to load before printing gives up. */
const PAGE_LOAD_TIMEOUT_MS = 300_000;

export async function printPdf(htmlPath: string, pdfPath: string, opts: { title?: string; env?: NodeJS.ProcessEnv } = {}): Promise<PdfResult> {
  const browser = await launchChromium(opts.env);
  try {
    const page = await browser.newPage({ viewport: { width: PRINT_WIDTH_PX, height: 1000 } });
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.emulateMedia({ media: 'print' });
    // The page inlines plotly and every figure (about 9 MB): on a busy machine its load takes longer than
    // playwright's 30 s default, and the report failed there with the notebooks already executed.
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load', timeout: PAGE_LOAD_TIMEOUT_MS });
    const figures = await waitForFigures(page);
    await page.evaluate(() => document.fonts.ready);
    const title = (opts.title ?? 'Deep Learning: Assignment One').replace(/[<&>]/g, '');
    const sectionPages = await writeAtomicVia(pdfPath, (tmp) => printWithPageNumbers(page, tmp, (path) => page.pdf({
      path,
      format: 'A4',
      printBackground: true,
      margin: MARGIN,
      displayHeaderFooter: true,
      headerTemplate: '<div></div>',
      footerTemplate: `<div style="width:100%;font-family:'Liberation Sans','DejaVu Sans',sans-serif;font-size:8px;color:#777;padding:0 18mm;display:flex;justify-content:space-between;"><span>${title}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
    }).then(() => undefined)));
    return { figures, sectionPages, consoleErrors };
  } finally {
    await browser.close();
  }
}
