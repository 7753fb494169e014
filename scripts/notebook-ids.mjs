// Gives every cell of notebooks/*.ipynb the id nbformat 4.5 requires. Without one, Jupyter adds a random id
// when it opens the notebook, so it shows "(unsaved changes)" at once and the saved trust signature no longer
// matches. Ids are derived from the file name and the cell's position and source, so a re-run (e.g. after a
// rebase brought in new cells) adds the same ids and leaves existing ones alone.
// Usage: node scripts/notebook-ids.mjs [--check] [notebook.ipynb ...]   (default: every notebook in notebooks/)
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const NOTEBOOKS = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'notebooks');
// nbformat 4.5's schema for a cell id.
export const CELL_ID = /^[a-zA-Z0-9-_]{1,64}$/;

function source(cell) {
  return Array.isArray(cell.source) ? cell.source.join('') : String(cell.source ?? '');
}

/** Adds missing ids (in place, as the key after cell_type, where Jupyter writes it); returns how many. */
export function addCellIds(nb, file) {
  const taken = new Set(nb.cells.map((c) => c.id).filter((id) => typeof id === 'string'));
  let added = 0;
  nb.cells = nb.cells.map((cell, i) => {
    if (typeof cell.id === 'string' && CELL_ID.test(cell.id)) return cell;
    let id;
    for (let salt = 0; !id || taken.has(id); salt++) {
      id = createHash('sha256').update(`${basename(file)}\n${i}\n${salt}\n${source(cell)}`).digest('hex').slice(0, 8);
    }
    taken.add(id);
    added++;
    const { cell_type, id: _bad, ...rest } = cell;
    return { cell_type, id, ...rest };
  });
  if (nb.nbformat === 4 && (nb.nbformat_minor ?? 0) < 5) nb.nbformat_minor = 5;
  return added;
}

function main() {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--check');
  if (unknown.length > 0) {
    console.error(`notebook-ids: unknown option ${unknown.join(' ')}; valid: --check, then notebook paths`);
    process.exit(2);
  }
  const given = args.filter((a) => !a.startsWith('--'));
  const files = given.length > 0 ? given : readdirSync(NOTEBOOKS).filter((f) => f.endsWith('.ipynb')).sort().map((f) => join(NOTEBOOKS, f));
  let missing = 0;
  for (const file of files) {
    let nb;
    try {
      nb = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      console.error(`notebook-ids: ${file}: cannot read a notebook (${e.message})`);
      process.exit(1);
    }
    if (!Array.isArray(nb.cells)) {
      console.error(`notebook-ids: ${file}: expected a notebook with a "cells" array, found ${typeof nb.cells}`);
      process.exit(1);
    }
    const n = addCellIds(nb, file);
    if (n === 0) continue;
    missing += n;
    if (check) {
      console.error(`notebook-ids: ${file}: ${n} cell(s) without a valid id`);
      continue;
    }
    // Jupyter's own layout (indent 1, trailing newline), written to a temporary name and renamed.
    const tmp = `${file}.tmp-${process.pid}`;
    writeFileSync(tmp, JSON.stringify(nb, null, 1) + '\n');
    renameSync(tmp, file);
    console.log(`notebook-ids: ${file}: added ${n} id(s)`);
  }
  if (check && missing > 0) process.exit(1);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
