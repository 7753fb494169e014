// The glue store that Jupyter's readers see across notebooks (src/notebook/glue-store.ts): a kernel's glue()
// updates its one name, a report writes the whole store, a damaged store is rebuilt rather than stopping a cell.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { glue } from '../../src/notebook/glue';
import { GLUE_STORE_ENV, glueStorePath, readGlueStore, recordGlue, writeGlueStore } from '../../src/notebook/glue-store';

const DIR = mkdtempSync(join(tmpdir(), 'glue-store-'));
after(() => rmSync(DIR, { recursive: true, force: true }));

test('glue() with ASSIGNMENT_ONE_GLUE_STORE set updates that one name in the store and keeps the others', () => {
  const path = glueStorePath(join(DIR, 'a'));
  assert.equal(path, join(DIR, 'a', 'kernels', 'tslab', 'glue-store.json'));
  writeGlueStore(path, { format: 1, glue: { 'acc-final': { text: '93.1 %', from: 'notebooks/06-x.ipynb cell 3' } }, citations: ['lee2013'] });
  process.env[GLUE_STORE_ENV] = path;
  try {
    glue('mu', 2, 'μ = 2');
    glue('acc-final', 94.25, '94.3 %');
  } finally {
    delete process.env[GLUE_STORE_ENV];
  }
  assert.deepEqual(readGlueStore(path), {
    format: 1,
    glue: { 'acc-final': { text: '94.3 %', from: 'a Jupyter session' }, mu: { text: 'μ = 2', from: 'a Jupyter session' } },
    citations: ['lee2013'],
  });
});

test('without the variable glue() writes no store', () => {
  const path = glueStorePath(join(DIR, 'b'));
  glue('mu', 2);
  assert.deepEqual(readGlueStore(path), { format: 1, glue: {}, citations: [] });
});

test('a store that is not one (damaged JSON, another format) reads as empty and is rebuilt by the next glue', () => {
  const path = join(DIR, 'damaged.json');
  writeFileSync(path, '{"format": 1, "glue": {"mu": ');
  assert.deepEqual(readGlueStore(path), { format: 1, glue: {}, citations: [] });
  writeFileSync(path, JSON.stringify({ format: 2, glue: { mu: { text: 'old', from: 'x' } }, citations: [] }));
  assert.deepEqual(readGlueStore(path).glue, {});
  recordGlue(path, { name: 'mu', value: 2, text: '2' });
  assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')).glue, { mu: { text: '2', from: 'a Jupyter session' } });
});
