import { launchChromium } from '../pdf';
import { serveLive } from './serve';
(async () => {
  const server = await serveLive(process.argv[2]!, 0);
  const port = (server.address() as { port: number }).port;
  const browser = await launchChromium();
  const page = await browser.newPage();
  page.on('console', (m) => console.log('console', m.type(), m.text().slice(0, 300)));
  page.on('request', (r) => { if (/wasm|worker/.test(r.url())) console.log('request', r.url()); });
  page.on('pageerror', (e) => console.log('pageerror', String(e).slice(0, 500)));
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => (window as any).__live?.ready === true, undefined, { timeout: 20000 });
  console.log('cells', await page.evaluate(() => document.querySelectorAll('.live-cell').length), 'isolated', await page.evaluate(() => crossOriginIsolated));
  const nb = process.argv[3] ?? '02-optimization';
  const idx = Number(process.argv[4] ?? 9);
  const src = process.argv[5];
  const box = page.locator(`.live-cell[data-nb="${nb}"][data-cell="${idx}"]`);
  if (src) { await box.locator('button[data-action="edit"]').click(); await box.locator('textarea').fill(src); }
  const t0 = Date.now();
  await box.locator('button[data-action="run"]').click();
  await page.waitForFunction(([n, i]) => ['done', 'error', 'stopped'].includes((document.querySelector(`.live-cell[data-nb="${n}"][data-cell="${i}"]`) as HTMLElement).dataset.state!), [nb, String(idx)], { timeout: 120000 }).catch((e) => console.log('timeout', e.message));
  console.log('ms', Date.now() - t0, 'state', await box.getAttribute('data-state'));
  console.log((await box.locator('.live-outputs').innerText()).slice(0, 1500));
  console.log('status', await box.locator('.live-status').innerText());
  console.log(JSON.stringify(await page.evaluate(() => (window as any).__live.state)));
  await page.screenshot({ path: '/tmp/live/shot.png' });
  await browser.close();
  server.close();
})().catch((e) => { console.error(e); process.exit(1); });
