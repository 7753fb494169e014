// Cell metadata of the real notebooks that Jupyter itself reads: a cell that shows only its output in the
// report (tag hide-input) is collapsed in Jupyter too (jupyter.source_hidden), so both readers see the same.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const DIR = resolve(__dirname, '..', '..', 'notebooks');

interface Cell {
  cell_type: string;
  metadata?: { tags?: string[]; jupyter?: { source_hidden?: boolean } };
}

test('every hide-input cell carries jupyter.source_hidden, so Jupyter collapses its code too', () => {
  const missing: string[] = [];
  for (const f of readdirSync(DIR).filter((n) => n.endsWith('.ipynb')).sort()) {
    const nb = JSON.parse(readFileSync(join(DIR, f), 'utf8')) as { cells: Cell[] };
    nb.cells.forEach((c, i) => {
      if (c.metadata?.tags?.includes('hide-input') && c.metadata.jupyter?.source_hidden !== true) missing.push(`notebooks/${f} cell ${i}`);
    });
  }
  assert.deepEqual(missing, [], `hide-input cells without "jupyter": {"source_hidden": true} in their metadata:\n${missing.join('\n')}`);
});
