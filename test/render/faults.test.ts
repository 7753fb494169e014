// Faults around the render pipeline (issue 13): a plain Error named in the headline, the kernel gone
// with its driver, no empty kernel logs, the browser checked before any work, no HTML and PDF from
// different runs side by side. Uses the real python/nbclient side and tslab kernel.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { ReportError } from '../../render/errors';
import { executeNotebook } from '../../render/execute';
import { parseArgs, runReport } from '../../render/report';

const REPO = resolve(__dirname, '..', '..');
const FIXTURES = join(__dirname, 'fixtures');
const JUPYTER = join(REPO, '.jupyter');
let out: string;

before(() => {
  out = mkdtempSync(join(tmpdir(), 'render-faults-'));
  const r = spawnSync(process.execPath, [join(REPO, 'scripts', 'install-kernel.mjs'), '--quiet'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});
after(() => rmSync(out, { recursive: true, force: true }));

test('a cell throwing a plain Error is reported by its message, and no empty kernel log is left', { timeout: 180_000 }, async () => {
  const dir = join(out, 'plain');
  // As a run killed with its whole process group (python included, so nothing cleaned up) leaves it.
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, '00-killed.kernel.log'), '');
  await assert.rejects(executeNotebook({ input: join(FIXTURES, 'plain-error', '01-boom.ipynb'), outDir: dir, jupyterPath: JUPYTER }), (e: unknown) => {
    assert.ok(e instanceof ReportError, String(e));
    assert.match(e.message, /01-boom\.ipynb: cell 1 raised Error: boom$/m);
    return true;
  });
  for (const name of ['01-boom.kernel.log', '00-killed.kernel.log']) {
    const log = join(dir, name);
    assert.ok(!existsSync(log) || readFileSync(log, 'utf8').trim() !== '', `an empty ${name} is left behind`);
  }
});

/** Alive and not a zombie (a dead child whose parent has not reaped it yet counts as gone). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function waitFor(what: string, seconds: number, ok: () => boolean): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${seconds} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

for (const victim of ['driver', 'launcher'] as const) {
  const what = victim === 'driver' ? 'the process running the executor' : "the kernel's python launcher";
  test(`SIGKILL of ${what} takes the kernel with it, and leaves no empty kernel log`, { timeout: 180_000 }, async () => {
    const dir = join(out, `slow-${victim}`);
    const pidsFile = join(dir, 'kernel.pids');
    const driver = join(out, `driver-${victim}.ts`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(driver, `import { executeNotebook } from ${JSON.stringify(join(REPO, 'render', 'execute'))};
executeNotebook({ input: ${JSON.stringify(join(FIXTURES, 'slow', '01-sleeps.ipynb'))}, outDir: ${JSON.stringify(dir)},
  jupyterPath: ${JSON.stringify(JUPYTER)}, env: { KERNEL_PIDS_FILE: ${JSON.stringify(pidsFile)} } }).catch(() => process.exit(1));
`);
    const child = spawn(process.execPath, ['--import', pathToFileURL(join(REPO, 'node_modules/tsx/dist/loader.mjs')).href, driver], { stdio: 'ignore' });
    let pids: number[] = [];
    try {
      await waitFor('the kernel to start the slow cell', 120, () => existsSync(pidsFile) && readFileSync(pidsFile, 'utf8').includes(' '));
      pids = readFileSync(pidsFile, 'utf8').split(' ').map(Number);
      const [kernel, launcher] = pids as [number, number];
      assert.ok(alive(kernel) && alive(launcher), 'kernel and launcher run before the kill');
      if (victim === 'driver') child.kill('SIGKILL'); else process.kill(launcher, 'SIGKILL');
      await waitFor('the kernel to exit', 10, () => !alive(kernel));
      if (victim === 'driver') await waitFor('the launcher to exit', 10, () => !alive(launcher));
      const log = join(dir, '01-sleeps.kernel.log');
      if (victim === 'launcher') await waitFor('the driver to report the dead launcher', 10, () => child.exitCode !== null);
      assert.ok(!existsSync(log) || readFileSync(log, 'utf8').trim() !== '', 'the interrupted run left an empty kernel log');
    } finally {
      child.kill('SIGKILL');
      for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
  });
}

/** An output folder as an earlier run left it: an executed (markdown-only) notebook, report.html and report.pdf. */
function oldReport(dir: string): string {
  const notebooks = join(dir, 'source');
  mkdirSync(notebooks, { recursive: true });
  const nb = { cells: [{ cell_type: 'markdown', id: 'm0', metadata: {}, source: '# Old\n\nText.' }], metadata: {}, nbformat: 4, nbformat_minor: 5 };
  writeFileSync(join(notebooks, '01-note.ipynb'), JSON.stringify(nb));
  mkdirSync(join(dir, 'notebooks'));
  copyFileSync(join(notebooks, '01-note.ipynb'), join(dir, 'notebooks', '01-note.ipynb'));
  writeFileSync(join(dir, 'report.html'), 'old html');
  writeFileSync(join(dir, 'report.pdf'), 'old pdf');
  return notebooks;
}

test('a bad CHROMIUM_PATH is reported before any notebook runs, with a clear message and the old report untouched', async () => {
  const dir = join(out, 'bad-browser');
  const notebooks = oldReport(dir);
  const saved = process.env.CHROMIUM_PATH;
  try {
    for (const bad of ['/bin/false', join(dir, 'no-such-chromium')]) {
      process.env.CHROMIUM_PATH = bad;
      const opts = parseArgs(['--notebooks', notebooks, '--out', dir]);
      assert.ok(opts !== 'help');
      const t0 = Date.now();
      await assert.rejects(runReport(opts), (e: unknown) => {
        assert.ok(e instanceof ReportError, String(e));
        assert.match(e.message, new RegExp(`^Chromium .*CHROMIUM_PATH=${bad.replace(/[/.]/g, '\\$&')}`));
        assert.doesNotMatch(e.message, /\n\s+at /, 'no stack trace');
        return true;
      });
      assert.ok(Date.now() - t0 < 20_000, 'fails fast, before executing notebooks');
    }
  } finally {
    if (saved === undefined) delete process.env.CHROMIUM_PATH; else process.env.CHROMIUM_PATH = saved;
  }
  assert.deepEqual(readdirSync(join(dir, 'notebooks')), ['01-note.ipynb'], 'nothing executed');
  assert.equal(readFileSync(join(dir, 'report.html'), 'utf8'), 'old html');
  assert.equal(readFileSync(join(dir, 'report.pdf'), 'utf8'), 'old pdf');
});

test('a new report.html never sits beside a report.pdf from an earlier run', async () => {
  const dir = join(out, 'no-mix');
  const notebooks = oldReport(dir);
  const opts = parseArgs(['--notebooks', notebooks, '--out', dir, '--no-execute', '--no-pdf']);
  assert.ok(opts !== 'help');
  await runReport(opts);
  assert.notEqual(readFileSync(join(dir, 'report.html'), 'utf8'), 'old html');
  assert.ok(!existsSync(join(dir, 'report.pdf')), 'the old PDF is still there beside the new HTML');
});

test('ensure-system-deps: a bad CHROMIUM_PATH is an error naming it, and apt-get (which cannot fix a path) is not run', () => {
  const bin = join(out, 'fake-bin');
  const calls = join(out, 'apt-calls');
  mkdirSync(bin, { recursive: true });
  for (const tool of ['apt-get', 'sudo']) {
    writeFileSync(join(bin, tool), `#!/bin/sh\necho "${tool} $*" >> ${JSON.stringify(calls)}\n`, { mode: 0o755 });
  }
  const bad = join(out, 'no-such-chromium');
  const r = spawnSync('bash', [join(REPO, 'scripts', 'ensure-system-deps.sh')], {
    encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, CHROMIUM_PATH: bad },
  });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, new RegExp(`CHROMIUM_PATH=${bad.replace(/[/.]/g, '\\$&')} is not an executable file`));
  assert.ok(!existsSync(calls), `apt-get was run: ${existsSync(calls) ? readFileSync(calls, 'utf8') : ''}`);
});
