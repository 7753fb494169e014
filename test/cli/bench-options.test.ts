import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { getSpec } from '../../src/nn/specs';

const ROOT = join(__dirname, '..', '..');

/** Runs a bench CLI with a deadline: bad options must be refused at once, never hang or train. */
function cli(script: string, args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli', script), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stderr: r.stderr ?? '', timedOut: r.error !== undefined };
}

function refused(script: string, args: string[], message: RegExp): void {
  const r = cli(script, args);
  assert.equal(r.timedOut, false, `${script} ${args.join(' ')} did not return within 30 s (hang, probe 21.4)`);
  assert.equal(r.code, 2, `${script} ${args.join(' ')}: exit ${r.code}, stderr ${r.stderr}`);
  assert.match(r.stderr, message);
  assert.doesNotMatch(r.stderr, /median: expected|\n\s+at /, 'no median error and no stack trace (probe 21.8)');
}

test('probe 21.4: bench --hand-written --infer-batch 0 is refused at once, naming the option and its range', () => {
  refused('bench.ts', ['--hand-written', '--infer-batch', '0'], /--infer-batch expects an integer from 1 to 10000, found '0'/);
});

test("probe 21.8: bench --epochs 0 is refused before work, not with 'median: expected at least 1 value(s)'", () => {
  refused('bench.ts', ['--epochs', '0'], /--epochs expects an integer from 1 to 1000, found '0'/);
});

test('bench refuses unknown options and a bad model before any work', () => {
  refused('bench.ts', ['--thread', '2'], /unknown option '--thread'; valid options: .*--epochs/);
  refused('bench.ts', ['--model', 'nope'], /unknown name "nope"; expected one of/);
  refused('bench.ts', ['--hand-written', '--model', 'bn32x64'], /--hand-written exists for the starter model only/);
  refused('bench.ts', ['--hand-written', '--fixmatch'], /--fixmatch runs on the engine only/);
});

test('probe 21.9: bench --hand-written with an inline spec named "starter" is refused, not silently replaced by the hand-written network', () => {
  // The registered starter spec itself, written inline: valid, named "starter", but not the registered name.
  const inline = JSON.stringify(getSpec('starter'));
  refused('bench.ts', ['--hand-written', '--model', inline], /--hand-written exists for the starter model only \(the registered name\), found --model an inline spec named "starter"/);
});

test('bench:ratio refuses --runs 0, unknown options, a model the peer lacks and --hand-written off starter, before any round', () => {
  refused('bench-ratio.ts', ['--runs', '0'], /--runs expects an integer from 1 to 1000, found '0'/);
  refused('bench-ratio.ts', ['--round', '3'], /unknown option '--round'; valid options: .*--runs/);
  refused('bench-ratio.ts', ['--model', 'bn64'], /--model must be starter or bn32x64/);
  refused('bench-ratio.ts', ['--hand-written', '--model', 'bn32x64'], /--hand-written exists for the starter model only/);
  refused('bench-ratio.ts', ['--hand-written', '--fixmatch'], /--fixmatch runs on the engine only/);
  refused('bench-ratio.ts', ['--epochs', '0'], /--epochs expects an integer from 1 to 1000, found '0'/);
});
