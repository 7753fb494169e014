// Element boxes of a rendered report as Chromium lays it out for print (the PDF's text-block width):
// anything that sticks out past the text block would be cut off or overflow the A4 page.
import { pathToFileURL } from 'node:url';
import { launchChromium, PRINT_WIDTH_PX, waitForFigures } from '../../render/pdf';

export interface Overflow {
  /** tag#id.class of the element, and of its nearest section heading, for the message. */
  element: string;
  section: string;
  right: number;
  limit: number;
}

const MEASURE = String.raw`(() => {
  const main = document.querySelector('main.report');
  const box = main.getBoundingClientRect();
  const limit = box.left + main.clientWidth;
  function describe(e) {
    const cls = typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\s+/).join('.') : '';
    return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + cls;
  }
  const overflows = [];
  let checked = 0;
  let section = '(before the first section)';
  for (const e of Array.from(main.querySelectorAll('*'))) {
    if (/^H[2-4]$/.test(e.tagName)) section = (e.textContent || '').trim().slice(0, 80);
    // An <svg> is measured as a whole: paths clipped to a plot area have boxes that reach beyond it.
    if (e.closest('details.code-cell, .katex-mathml, .modebar-container') || (e.ownerSVGElement && e.tagName !== 'svg')) continue;
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || getComputedStyle(e).visibility === 'hidden') continue;
    checked++;
    // Content clipped by an overflow container is cut off in print, so it counts too.
    if (r.right > limit + 1 || r.left < box.left - 1) overflows.push({ element: describe(e), section, right: Math.round(r.right), limit: Math.round(limit) });
  }
  return { checked, overflows };
})()`;

export async function overflowingElements(htmlPath: string): Promise<{ checked: number; overflows: Overflow[] }> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: PRINT_WIDTH_PX, height: 1000 } });
    await page.emulateMedia({ media: 'print' });
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
    await waitForFigures(page, 180_000);
    await page.evaluate(() => document.fonts.ready);
    // A string, not a function: tsx's keepNames would wrap inner functions in a helper the page lacks.
    return (await page.evaluate(MEASURE)) as { checked: number; overflows: Overflow[] };
  } finally {
    await browser.close();
  }
}
