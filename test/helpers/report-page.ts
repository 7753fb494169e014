// Opens a rendered report in headless Chromium the way a reader would and returns what a test
// needs to judge it; the assertions stay in the tests.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium, waitForFigures } from '../../render/pdf';

export interface ReportPage {
  /** Plotly figure divs, and how many of them contain a drawn svg. */
  figures: number;
  drawn: number;
  katex: number;
  text: string;
  /** Console errors, page errors and any request that left the file. */
  errors: string[];
}

export async function openReport(htmlPath: string, options: { figureTimeoutMs: number; screenshot: string; fullPage: boolean }): Promise<ReportPage> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) errors.push(`network request to ${r.url()}`);
    });
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
    const figures = await waitForFigures(page, options.figureTimeoutMs);
    const drawn = await page.$$eval('.plotly-figure', (divs) => divs.filter((d) => d.querySelector('svg.main-svg')).length);
    const katex = await page.locator('.katex').count();
    const text = await page.evaluate(() => document.body.innerText);
    await page.evaluate(() => document.fonts.ready);
    mkdirSync(dirname(options.screenshot), { recursive: true });
    await page.screenshot({ path: options.screenshot, fullPage: options.fullPage });
    return { figures, drawn, katex, text, errors };
  } finally {
    await browser.close();
  }
}
