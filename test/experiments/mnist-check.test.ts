// Issue 21 item 8: an MNIST file that is a folder is named before the loader reads it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { MNIST_FILES, mnistDataPackageDir } from '../../src/data/mnist';
import { checkMnistFiles } from '../../src/experiments/mnist-check';

const ROOT = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'mnist-check-'));
after(() => rmSync(dir, { recursive: true, force: true }));
for (const name of Object.values(MNIST_FILES)) {
  if (name === MNIST_FILES.testLabels) mkdirSync(join(dir, name));
  else symlinkSync(join(mnistDataPackageDir(), name), join(dir, name));
}
const folder = join(dir, MNIST_FILES.testLabels);

test('probe 21.8: an MNIST file that is a folder is refused, naming it', () => {
  checkMnistFiles(mnistDataPackageDir());
  assert.throws(() => checkMnistFiles(dir), new RegExp(`^Error: MNIST file ${folder} is a directory; expected the IDX file ${MNIST_FILES.testLabels}`));
});

test('probe 21.8: npm run experiment names the folder in one line before training', { timeout: 60_000 }, () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/experiment.ts'), '--config', 'baseline', '--epochs', '1', '--out', join(dir, 'out', 'x.json')], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, MNIST_DIR: dir }, timeout: 50_000,
  });
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stderr, `error: MNIST file ${folder} is a directory; expected the IDX file ${MNIST_FILES.testLabels} (raw or .gz) (MNIST_DIR=${dir})\n`);
});
