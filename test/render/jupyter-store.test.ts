// After a full report, the glue store holds every value glued in the executed notebooks and the report's
// citation order, which Jupyter's kernel.js then shows across notebooks (render/jupyter-store.ts).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CleanNotebook } from '../../render/clean';
import { reportGlueStore, writeReportGlueStore } from '../../render/jupyter-store';
import { glueBundle } from '../../src/notebook/glue';
import { readGlueStore } from '../../src/notebook/glue-store';

function notebook(name: string, glued: [string, number, string][]): CleanNotebook {
  const outputs = glued.map(([n, v, t]) => ({ type: 'data' as const, data: glueBundle(n, v, t).data, report: { kind: 'glue' as const, name: n } }));
  return { path: `notebooks/${name}.ipynb`, name, cells: [{ kind: 'code', source: '', showInput: false, outputs, where: `notebooks/${name}.ipynb cell 2` }] };
}

test('the store holds every notebook\'s glued text with where it was glued, and the cited keys in report order', () => {
  const books = [notebook('02-opt', [['mu', 2, 'μ = 2']]), notebook('06-exp', [['acc-final', 94.25, '94.3 %']])];
  assert.deepEqual(reportGlueStore(books, ['lee2013', 'sohn2020']), {
    format: 1,
    glue: { mu: { text: 'μ = 2', from: 'notebooks/02-opt.ipynb cell 2' }, 'acc-final': { text: '94.3 %', from: 'notebooks/06-exp.ipynb cell 2' } },
    citations: ['lee2013', 'sohn2020'],
  });
  const dir = mkdtempSync(join(tmpdir(), 'jupyter-store-'));
  try {
    const path = writeReportGlueStore(dir, books, ['lee2013']);
    assert.equal(path, join(dir, 'kernels', 'tslab', 'glue-store.json'));
    assert.deepEqual(readGlueStore(path).glue.mu, { text: 'μ = 2', from: 'notebooks/02-opt.ipynb cell 2' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
