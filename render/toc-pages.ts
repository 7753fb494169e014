// Page numbers in the contents. Chromium does not say where its page breaks fall, so the PDF is printed
// twice: first with an invisible marker in every heading the contents lists, whose page pdftotext then
// reports (it separates pages with form feeds); the numbers go into the contents' fixed-width slots, so the
// layout does not move, and the second print is the one kept.
import { spawnSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { ReportError } from './errors';

const MARK = (i: number): string => `QZPAGEMARK${i}QZ`;

/** Puts marker i into the heading that contents slot i points to; returns the slots' heading ids. */
async function insertMarkers(page: Page): Promise<string[]> {
  return page.evaluate((prefix) => {
    const slots = Array.from(document.querySelectorAll<HTMLElement>('nav.toc .toc-page[data-for]'));
    slots.forEach((slot, i) => {
      const target = document.getElementById(slot.dataset.for ?? '');
      if (!target) return;
      const mark = document.createElement('span');
      mark.className = 'page-marker';
      mark.textContent = `${prefix}${i}QZ`;
      mark.setAttribute('style', 'position:absolute;font-size:2px;line-height:1;color:#fff;white-space:nowrap;');
      target.prepend(mark);
    });
    return slots.map((s) => s.dataset.for ?? '');
  }, MARK(0).replace(/0QZ$/, ''));
}

/** Page (1-based) of each marker in the PDF's text; a marker not found is undefined. */
export function markerPages(pdfPath: string, count: number): (number | undefined)[] {
  const r = spawnSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new ReportError(`pdftotext ${pdfPath} failed (is poppler-utils installed?): ${r.stderr || r.error?.message}`);
  const pages = r.stdout.split('\f');
  return Array.from({ length: count }, (_, i) => {
    const p = pages.findIndex((text) => text.includes(MARK(i)));
    return p < 0 ? undefined : p + 1;
  });
}

async function fillSlots(page: Page, numbers: (number | undefined)[]): Promise<void> {
  await page.evaluate((nums) => {
    document.querySelectorAll('.page-marker').forEach((m) => m.remove());
    document.querySelectorAll<HTMLElement>('nav.toc .toc-page[data-for]').forEach((slot, i) => {
      slot.textContent = nums[i] === null || nums[i] === undefined ? '' : String(nums[i]);
    });
  }, numbers.map((n) => n ?? null));
}

/**
 * Prints with `print(path)` into `pdfPath`, twice if the page has a contents list. Returns the page of
 * each contents entry by heading id (empty without contents), so callers can check where sections start.
 */
export async function printWithPageNumbers(page: Page, pdfPath: string, print: (path: string) => Promise<void>): Promise<Map<string, number>> {
  const ids = await insertMarkers(page);
  await print(pdfPath);
  if (ids.length === 0) return new Map();
  const numbers = markerPages(pdfPath, ids.length);
  await fillSlots(page, numbers);
  await print(pdfPath);
  const pages = new Map<string, number>();
  ids.forEach((id, i) => numbers[i] !== undefined && pages.set(id, numbers[i]!));
  return pages;
}
