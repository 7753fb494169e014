// The browser stand-ins for Node modules (render/live/browser/node-*.ts) against Node's own.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { test } from 'node:test';
import { createHash as browserHash } from '../../render/live/browser/node-crypto';
import * as path from '../../render/live/browser/node-path';
import browserAssert, { AssertionError } from '../../render/live/browser/node-assert';

test('sha256 matches node:crypto at every padding boundary and across split updates', () => {
  let state = 12345;
  const byte = (): number => (state = (state * 1103515245 + 12345) >>> 0) >>> 24;
  for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000, 100_003]) {
    const bytes = Uint8Array.from({ length: n }, byte);
    const want = createHash('sha256').update(bytes).digest('hex');
    assert.equal(browserHash('sha256').update(bytes).digest('hex'), want, `${n} bytes`);
    const cut = Math.floor(n / 3);
    assert.equal(browserHash('sha256').update(bytes.subarray(0, cut)).update(bytes.subarray(cut)).digest('hex'), want, `${n} bytes in two updates`);
  }
  assert.equal(browserHash('sha256').update('μ = 0.9').digest('hex'), createHash('sha256').update('μ = 0.9').digest('hex'));
});

test('path functions agree with node:path (POSIX) from the kernel working directory', () => {
  const cases = [['/repo/src/results', '..', '..'], ['a', 'b/../c', './d'], ['/x/', 'y/'], ['', 'a'], ['/a/b', '../../..']];
  for (const c of cases) assert.equal(path.join(...c), posix.join(...c), `join ${c}`);
  for (const p of ['/a/b/c.json', '/a', 'a/b/', '/']) {
    assert.equal(path.dirname(p), posix.dirname(p), `dirname ${p}`);
    assert.equal(path.basename(p), posix.basename(p), `basename ${p}`);
    assert.equal(path.extname(p), posix.extname(p), `extname ${p}`);
  }
  assert.equal(path.resolve('data', 'x.json'), posix.resolve(path.CWD, 'data', 'x.json'));
  assert.equal(path.resolve('/a', 'b', '/c', 'd'), '/c/d');
  assert.equal(path.relative('/repo/src', '/repo/data/results'), posix.relative('/repo/src', '/repo/data/results'));
});

test("assert keeps node's AssertionError fields, which the notebooks' claims read", () => {
  assert.throws(() => browserAssert(false), (e: unknown) => e instanceof AssertionError && e.operator === '==');
  assert.throws(() => browserAssert.equal(1, 2, 'one is two'), (e: unknown) => e instanceof AssertionError && e.message === 'one is two' && e.operator === 'strictEqual' && e.actual === 1 && e.expected === 2);
  assert.throws(() => browserAssert.deepEqual({ a: [1, 2] }, { a: [1, 3] }), AssertionError);
  browserAssert.deepEqual({ a: [1, 2], m: new Map([[1, 'x']]) }, { a: [1, 2], m: new Map([[1, 'x']]) });
  browserAssert.throws(() => { throw new Error('boom'); }, /boom/);
  assert.throws(() => browserAssert.throws(() => {}), AssertionError);
});
