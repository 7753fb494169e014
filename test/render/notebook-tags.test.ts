// Cell metadata of the real notebooks that Jupyter itself reads: a cell that shows only its output in the
// report (tag hide-input) is collapsed in Jupyter too (jupyter.source_hidden), so both readers see the same.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
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

// Jupyter adds an id to every cell that lacks one when it opens the notebook: the notebook then shows
// "(unsaved changes)" at once and no longer matches its trust signature (scripts/notebook-metadata.mjs adds them).
test('every notebook is valid nbformat 4.5 with a unique id on every cell (nbformat\'s own validator)', () => {
  const files = readdirSync(DIR).filter((n) => n.endsWith('.ipynb')).sort().map((f) => join(DIR, f));
  const script = [
    'import json, sys, nbformat',
    'for p in sys.argv[1:]:',
    // json, not nbformat.read: nbformat.read quietly adds the ids that are missing.
    '    nb = json.load(open(p, encoding="utf-8"))',
    '    ids = [c.get("id") for c in nb["cells"]]',
    '    missing = [i for i, x in enumerate(ids) if not x]',
    '    dup = sorted({x for x in ids if x and ids.count(x) > 1})',
    '    try:',
    '        nbformat.validate(nb, version=4, version_minor=5, repair_duplicate_cell_ids=False)',
    '        bad = ""',
    '    except nbformat.ValidationError as e:',
    '        bad = str(e).splitlines()[0]',
    '    if nb["nbformat_minor"] < 5 or missing or dup or bad:',
    '        print(f"{p}: nbformat 4.{nb[\'nbformat_minor\']}, cells without id {missing}, duplicate ids {dup} {bad}")',
  ].join('\n');
  // Debian's python3, which has the nbformat Jupyter itself uses.
  const r = spawnSync('/usr/bin/python3', ['-c', script, ...files], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '', `run \`node scripts/notebook-metadata.mjs\` to add the missing ids:\n${r.stdout}`);
});

// The kernelspec as the project's kernel.json names it, and the language_info the tslab kernel reports (checked
// against an executed notebook when one exists): otherwise Notebook 6 rewrites them on open, "(unsaved changes)".
test('every notebook carries the kernel metadata Jupyter would write itself (scripts/notebook-metadata.mjs --check)', () => {
  const install = spawnSync(process.execPath, [join(DIR, '..', 'scripts', 'install-kernel.mjs'), '--quiet'], { encoding: 'utf8' });
  assert.equal(install.status, 0, install.stderr);
  const r = spawnSync(process.execPath, [join(DIR, '..', 'scripts', 'notebook-metadata.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, `run \`node scripts/notebook-metadata.mjs\`:\n${r.stderr}`);
});
