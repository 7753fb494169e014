// Opens the report's notebooks (notebooks/*.ipynb, as a reader does) in Debian's Jupyter Notebook with the
// project's kernelspec and glue store (.jupyter/, written by the last full `npm run report`), and prints per
// notebook the {glue} names and [@key] citations still raw in its markdown and markdown outputs, and whether
// it opened trusted and unmodified. Usage: npx tsx scripts/jupyter-resolved.ts [substring of notebook names]
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../render/pdf';
import { glueStorePath } from '../src/notebook/glue-store';
import { startJupyter } from '../test/helpers/jupyter-server';

const REPO = join(__dirname, '..');
const DIR = join(REPO, 'test-artifacts', 'jupyter-resolved');
const KERNELS = join(REPO, '.jupyter');

(async () => {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  cpSync(join(REPO, 'notebooks'), DIR, { recursive: true });
  const only = process.argv[2] ?? '';
  const books = readdirSync(DIR).filter((f) => f.endsWith('.ipynb') && f.includes(only)).sort();
  // Signed and given the store as `npm run notebook` does (scripts/notebook.mjs).
  const server = await startJupyter(DIR, KERNELS, { trusted: books.map((b) => join(DIR, b)), env: { ASSIGNMENT_ONE_GLUE_STORE: glueStorePath(KERNELS) } });
  const browser = await launchChromium();
  let raw = 0;
  try {
    for (const b of books) {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      await page.goto(`${server.url}notebooks/${b}?token=${server.token}`, { waitUntil: 'load', timeout: 180_000 });
      await page.waitForFunction('window.assignmentOneStore === "ready"', undefined, { timeout: 60_000 });
      // The frontend rewrites metadata it disagrees with once the kernel is up, so look after that.
      await page.waitForFunction('Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected()', undefined, { timeout: 120_000 });
      await page.waitForTimeout(1000);
      const found = await page.$$eval('.text_cell_render, .output_markdown', (els) => {
        const text = els.map((e) => e.textContent ?? '').join('\n');
        return { glue: [...text.matchAll(/\{glue\}([a-z0-9-]+)/g)].map((m) => m[1]), cites: [...text.matchAll(/\[@[^\]]+\]/g)].map((m) => m[0]) };
      });
      const state = await page.evaluate('({ dirty: Jupyter.notebook.dirty, trusted: Jupyter.notebook.trusted })') as { dirty: boolean; trusted: boolean };
      const values = await page.locator('.glue-value').count();
      const cites = await page.locator('.citation').count();
      raw += found.glue.length + found.cites.length;
      console.log(`${b}: ${values} glued values and ${cites} citations shown; raw: ${found.glue.length} {glue} ${JSON.stringify(found.glue)}, ${found.cites.length} citations ${JSON.stringify(found.cites)}; trusted ${state.trusted}, unsaved changes ${state.dirty}`);
      // One kernel at a time: the notebooks' kernels would otherwise all stay up until the server stops.
      await page.evaluate('new Promise((done) => Jupyter.notebook.session.delete(done, done))');
      await page.close();
    }
  } finally {
    await browser.close();
    await server.stop();
    rmSync(DIR, { recursive: true, force: true });
  }
  process.exitCode = raw > 0 ? 1 : 0;
})();
