// Serves a copy of the executed notebooks of the last `npm run report` (render/out/notebooks) in Debian's
// Jupyter Notebook and prints, per notebook, the figure outputs with an SVG fallback and the drawn SVGs
// Chromium shows there. Usage: npx tsx scripts/jupyter-fallbacks.ts
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../render/pdf';
import { startJupyter } from '../test/helpers/jupyter-server';
const DIR = join(__dirname, '..', 'test-artifacts', 'jupyter-fallbacks');
rmSync(DIR, { recursive: true, force: true });
mkdirSync(DIR, { recursive: true });
cpSync(join(__dirname, '..', 'render', 'out', 'notebooks'), DIR, { recursive: true });
(async () => {
  const books = readdirSync(DIR).filter((f) => f.endsWith('.ipynb'));
  const server = await startJupyter(DIR, join(__dirname, '..', '.jupyter'), { trusted: books.map((b) => join(DIR, b)) });
  const browser = await launchChromium();
  try {
    for (const b of books) {
      const nb = JSON.parse(readFileSync(join(DIR, b), 'utf8'));
      const figs = nb.cells.flatMap((c: any) => c.outputs ?? []).filter((o: any) => o.data && o.data['image/svg+xml']).length;
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      await page.goto(`${server.url}notebooks/${b}?token=${server.token}`, { waitUntil: 'load' });
      if (figs > 0) await page.waitForSelector('.output_svg svg', { timeout: 60_000 });
      await page.waitForTimeout(1500);
      const shown = await page.$$eval('.output_svg svg', (s) => s.filter((e) => e.getBoundingClientRect().width > 50 && e.querySelectorAll('path, rect, circle').length > 0).length);
      const placeholder = await page.$$eval('.output_svg svg', (s) => s.filter((e) => (e.textContent ?? '').includes('interactive view only')).length);
      console.log(`${b}: ${figs} figure outputs with an SVG fallback, ${shown} drawn SVGs visible, ${placeholder} placeholders`);
      await page.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
})();
