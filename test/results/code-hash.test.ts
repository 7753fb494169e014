import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codeHash, fileCodeHash, manifestChanges, normalizedSource } from '../../src/results/provenance';

const SOURCE = 'export function f(a: number): number {\n  return a / 2 + `x${a}y`.length;\n}\n';

test('probe 21.1: a comment does not stale a record', () => {
  const commented = `// why f halves\n${SOURCE.replace('return', '/* halve */ return')}  // trailing\n`;
  const reformatted = SOURCE.replace(/\n {2}/g, '\n      ').replace('(a: number)', '( a : number )');
  assert.equal(fileCodeHash(commented), fileCodeHash(SOURCE));
  assert.equal(fileCodeHash(reformatted), fileCodeHash(SOURCE));
});

test('probe 21.1: a change of code, or of text inside a string, template or regex, does stale it', () => {
  assert.notEqual(fileCodeHash(SOURCE.replace('/ 2', '/ 3')), fileCodeHash(SOURCE));
  assert.notEqual(fileCodeHash(SOURCE.replace('y`', '// y`')), fileCodeHash(SOURCE));
  assert.notEqual(fileCodeHash('const r = /a  b/;'), fileCodeHash('const r = /a b/;'));
  assert.notEqual(fileCodeHash('let ab = 1;'), fileCodeHash('let a b = 1;'));
  assert.ok(normalizedSource('`a ${ {b: 1}.b } // kept ${c}`').split('\n').includes('} // kept ${'));
});

test('probe 21.1: a stale manifest names the files added, removed and changed', () => {
  const then = { 'src/a.ts': '1', 'src/b.ts': '2', 'src/c.ts': '3' };
  const now = { 'src/a.ts': '1', 'src/b.ts': '9', 'src/d.ts': '4' };
  assert.deepEqual(manifestChanges(then, now), { added: ['src/d.ts'], removed: ['src/c.ts'], changed: ['src/b.ts'] });
  assert.notEqual(codeHash(then), codeHash(now));
  assert.equal(codeHash({ ...then }), codeHash(then));
});
