import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readRunRecord } from '../../src/results/run-record';

const ROOT = join(__dirname, '..', '..');

function experiment(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/experiment.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('an unknown config is refused with the list of valid ones', () => {
  const r = experiment(['--config', 'nope']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /unknown config 'nope'; valid configs: .*baseline.*xavier-augment/);
});

test('an unknown option is refused with the list of valid options', () => {
  const r = experiment(['--config', 'baseline', '--lr', '0.1']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown option '--lr'; valid options: --config, --seed, --epochs, --out/);
});

test('malformed values and a missing --config are refused', () => {
  assert.match(experiment(['--config', 'baseline', '--seed', 'abc']).stderr, /--seed expects an integer, found 'abc'/);
  assert.match(experiment(['--config', 'baseline', '--epochs', '0']).stderr, /--epochs expects an integer from 1 to 1000, found '0'/);
  assert.match(experiment([]).stderr, /--config is required; valid configs:/);
});

test('seeds outside 0..2^32-1 and absurd epoch counts are refused with the accepted range, before any training', () => {
  for (const seed of ['4294967297', '-4294967295', '-1', '99999999999999999999']) {
    const r = experiment(['--config', 'baseline', '--seed', seed]);
    assert.equal(r.code, 2, `--seed ${seed}: ${r.stderr}`);
    assert.match(r.stderr, new RegExp(`--seed expects an integer from 0 to 4294967295, found '${seed}'`));
  }
  const r = experiment(['--config', 'baseline', '--epochs', '99999999999999999999']);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /--epochs expects an integer from 1 to 1000, found '99999999999999999999'/);
});

test('a bad --out is refused before training and leaves no temporary file', () => {
  const parent = mkdtempSync(join(tmpdir(), 'experiment-out-'));
  const r = experiment(['--config', 'baseline', '--epochs', '1', '--out', parent]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /--out .* is a directory; expected a file path/);
  assert.doesNotMatch(r.stderr, /epoch 1/);
  assert.deepEqual(readdirSync(parent), []);
  const cwd = mkdtempSync(join(tmpdir(), 'experiment-cwd-'));
  const empty = spawnSync(process.execPath, ['--import', pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href, join(ROOT, 'src/cli/experiment.ts'), '--config', 'baseline', '--epochs', '1', '--out', ''], { cwd, encoding: 'utf8' });
  assert.equal(empty.status, 2, empty.stderr);
  assert.match(empty.stderr, /--out expects a file path, found ''/);
  assert.deepEqual(readdirSync(cwd), []);
});

test('a one-epoch run writes a complete result file', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'experiment-cli-')), 'run.json');
  const r = experiment(['--config', 'baseline', '--seed', '5', '--epochs', '1', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  // probe 21.9: 'after 1 epoch', not 'after 1 epochs'.
  assert.match(r.stdout, /baseline seed 5 on \w+: validation accuracy [\d.]+% after 1 epoch \(/);
  const record = readRunRecord(out);
  assert.equal(record.experiment, 'baseline');
  assert.equal(record.seed, 5);
  assert.equal(record.config.epochs, 1);
  assert.equal(record.epochs.length, 1);
  assert.equal(record.validationPredictions.length, 10_000);
  assert.match(record.backend.name, /^(node|wasm|cpu)$/);
  assert.ok(record.versions['@tensorflow/tfjs']);
  assert.ok(JSON.parse(readFileSync(out, 'utf8')).final.validationAccuracy > 0.1);
});

test('the same command runs a semi-supervised registry config through the one runner (labels-only reference, one epoch)', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'experiment-cli-')), 'run.json');
  const r = experiment(['--config', 'labeled-only', '--epochs', '1', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  const record = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(record.experiment, 'labeled-only');
  assert.equal(record.config.unlabeled, null, 'a labels-only run');
  assert.equal(record.semi.length, 1, 'semi-style record with its per-epoch log');
});
