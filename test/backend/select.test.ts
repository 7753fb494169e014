import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs';
import { initBackend, currentBackend } from '../../src/backend';

function tfjsNodeInstalled(): boolean {
  try {
    require.resolve('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false;
  }
}

async function withEnv<T>(value: string | undefined, body: () => Promise<T>): Promise<T> {
  const saved = process.env.TFJS_BACKEND;
  if (value === undefined) delete process.env.TFJS_BACKEND;
  else process.env.TFJS_BACKEND = value;
  try {
    return await body();
  } finally {
    if (saved === undefined) delete process.env.TFJS_BACKEND;
    else process.env.TFJS_BACKEND = saved;
  }
}

// Runs first, before any initBackend in this process.
test('currentBackend throws until initBackend has completed', () => {
  assert.throws(() => currentBackend(), /await initBackend\(\)/);
});

test('TFJS_BACKEND=cpu is honoured', async () => {
  const info = await withEnv('cpu', () => initBackend());
  assert.equal(info.name, 'cpu');
  assert.equal(tf.getBackend(), 'cpu');
  assert.equal(info.tfjsVersion, tf.version.tfjs);
  assert.deepEqual(currentBackend(), info);
});

test('TFJS_BACKEND=bogus is rejected with the valid names', async () => {
  await withEnv('bogus', async () => {
    await assert.rejects(initBackend(), (e: Error) => /TFJS_BACKEND/.test(e.message) && /node, wasm, cpu/.test(e.message) && /bogus/.test(e.message));
  });
});

test('the argument wins over TFJS_BACKEND, and wasm comes with our Conv2DBackpropFilter', async () => {
  const info = await withEnv('cpu', () => initBackend('wasm'));
  assert.equal(info.name, 'wasm');
  assert.equal(tf.getBackend(), 'wasm');
  assert.match(info.detail, /custom Conv2DBackpropFilter/);
  assert.ok(tf.getKernel('Conv2DBackpropFilter', 'wasm') !== undefined);
});

test('a second call is cheap and returns the same choice', async () => {
  const a = await withEnv(undefined, () => initBackend());
  const t0 = performance.now();
  const b = await withEnv(undefined, () => initBackend());
  assert.equal(b, a);
  assert.ok(performance.now() - t0 < 50);
});

test('with nothing forced, a fresh process picks node if installed, else wasm', () => {
  // A fresh process, because in this one a choice has already been made (and is kept).
  const env = { ...process.env };
  delete env.TFJS_BACKEND;
  const code = `require(${JSON.stringify(require.resolve('../../src/backend'))}).initBackend()` +
    `.then((i) => process.stdout.write('CHOSEN ' + i.name + '|' + i.detail + '\\n'))`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { env, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  const m = /CHOSEN (\w+)\|(.*)/.exec(r.stdout);
  assert.ok(m, r.stdout);
  assert.equal(m[1], tfjsNodeInstalled() ? 'node' : 'wasm');
  if (m[1] === 'wasm') assert.match(m[2], /^wasm (simd|no simd), \d+ internal threads?, custom Conv2DBackpropFilter/);
});

test('TFJS_BACKEND=node fails clearly when tfjs-node is absent', { skip: tfjsNodeInstalled() && 'tfjs-node is installed here' }, async () => {
  await withEnv('node', async () => {
    await assert.rejects(initBackend(), /TFJS_BACKEND=node: @tensorflow\/tfjs-node is not installed.*use wasm or cpu/);
  });
});
