// Input validation and failure reporting of the execute stage, through the real python/nbclient side.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { ReportError } from '../../render/errors';
import { executeNotebook } from '../../render/execute';

const REPO = resolve(__dirname, '..', '..');
const FIXTURES = join(__dirname, 'fixtures');
let out: string;

before(() => {
  out = mkdtempSync(join(tmpdir(), 'render-exec-'));
  const r = spawnSync(process.execPath, [join(REPO, 'scripts', 'install-kernel.mjs'), '--quiet'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});
after(() => rmSync(out, { recursive: true, force: true }));

test('a notebook that is not valid nbformat fails with the file name and the validation message', async () => {
  await assert.rejects(
    executeNotebook({ input: join(FIXTURES, 'bad', 'no-outputs.ipynb'), outDir: out, jupyterPath: join(REPO, '.jupyter') }),
    (e: unknown) => {
      assert.ok(e instanceof ReportError, String(e));
      assert.match(e.message, /fixtures\/bad\/no-outputs\.ipynb is not a valid nbformat 4 notebook/);
      assert.match(e.message, /'outputs' is a required property \(at cell 1\)/);
      return true;
    },
  );
});

test('a missing tslab kernelspec tells to run npm run kernel:install', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'render-nokernel-'));
  try {
    await assert.rejects(
      executeNotebook({ input: join(FIXTURES, 'nb', '01-tiny.ipynb'), outDir: out, jupyterPath: empty }),
      (e: unknown) => e instanceof ReportError && /tslab kernelspec is missing/.test(e.message) && /npm run kernel:install/.test(e.message),
    );
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});

test('a failing cell stops the run, names the cell, shows its source and the kernel error, keeps a partial notebook', { timeout: 180_000 }, async () => {
  await assert.rejects(
    executeNotebook({ input: join(FIXTURES, 'failing', '01-fails.ipynb'), outDir: out, jupyterPath: join(REPO, '.jupyter'), startupTimeoutSeconds: 120 }),
    (e: unknown) => {
      assert.ok(e instanceof ReportError, String(e));
      assert.match(e.message, /01-fails\.ipynb: cell 2 raised RangeError: expected 41, found 42/);
      assert.match(e.message, /check\(before\);/, 'the cell source is shown');
      assert.ok(!/\x1b\[/.test(e.message), 'no ANSI escapes');
      assert.match(e.message, /partially executed notebook saved as .*01-fails\.partial\.ipynb/);
      return true;
    },
  );
  const partial = JSON.parse(readFileSync(join(out, '01-fails.partial.ipynb'), 'utf8')) as { cells: { outputs?: { text?: string[] | string }[] }[] };
  assert.match(JSON.stringify(partial.cells[1]!.outputs), /42/, 'cells before the failure keep their outputs');
  assert.deepEqual(partial.cells[3]!.outputs, [], 'cells after the failure did not run');
  assert.ok(!existsSync(join(out, '01-fails.ipynb')), 'no executed notebook is written for a failed run');
});

test('probe 21.1: while a cell trains, the execute stage shows the lines it writes to stderr, not just its cell number', { timeout: 180_000 }, async () => {
  let shown = '';
  const progress = new Writable({ write(chunk, _enc, done) { shown += String(chunk); done(); } });
  await executeNotebook({ input: join(FIXTURES, 'progress', '01-progress.ipynb'), outDir: out, jupyterPath: join(REPO, '.jupyter'), startupTimeoutSeconds: 120, progress });
  assert.match(shown, /epoch 1\/2 of a training run/);
  assert.match(shown, /epoch 2\/2 of a training run/);
});
