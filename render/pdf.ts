// Stage 4: print report.html to PDF with Debian's headless Chromium (never a downloaded browser).
import { existsSync, renameSync, rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
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

export async function launchChromium(env: NodeJS.ProcessEnv = process.env): Promise<Browser> {
  const executablePath = chromiumPath(env);
  if (!existsSync(executablePath)) {
    throw new ReportError(`Chromium not found at ${executablePath}; install Debian's chromium or set CHROMIUM_PATH`);
  }
  // playwright gives each launch a fresh temporary profile, so no state leaks between builds.
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
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

export async function printPdf(htmlPath: string, pdfPath: string, opts: { title?: string; env?: NodeJS.ProcessEnv } = {}): Promise<PdfResult> {
  const browser = await launchChromium(opts.env);
  const tmp = `${pdfPath}.tmp-${process.pid}`;
  try {
    const page = await browser.newPage({ viewport: { width: PRINT_WIDTH_PX, height: 1000 } });
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.emulateMedia({ media: 'print' });
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
    const figures = await waitForFigures(page);
    await page.evaluate(() => document.fonts.ready);
    const title = (opts.title ?? 'Deep Learning: Assignment One').replace(/[<&>]/g, '');
    const sectionPages = await printWithPageNumbers(page, tmp, (path) => page.pdf({
      path,
      format: 'A4',
      printBackground: true,
      margin: MARGIN,
      displayHeaderFooter: true,
      headerTemplate: '<div></div>',
      footerTemplate: `<div style="width:100%;font-family:'Liberation Sans','DejaVu Sans',sans-serif;font-size:8px;color:#777;padding:0 18mm;display:flex;justify-content:space-between;"><span>${title}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
    }).then(() => undefined));
    renameSync(tmp, pdfPath);
    return { figures, sectionPages, consoleErrors };
  } finally {
    rmSync(tmp, { force: true });
    await browser.close();
  }
}
