// Writes into notebooks/*.ipynb what Jupyter would otherwise change the moment it opens them, showing
// "(unsaved changes)" before the reader did anything: the cell id nbformat 4.5 requires (the server adds a
// random one to a cell without), the kernelspec as the project's kernel.json names it (the frontend rewrites a
// differing display_name) and the language_info the tslab kernel reports (the frontend rewrites it when the
// kernel starts; taken from a notebook nbclient executed, render/out/notebooks, when there is one).
// Ids are derived from the file name and the cell's position and source, so a re-run (e.g. after a rebase
// brought in new cells) adds the same ids and leaves existing ones alone.
// Usage: node scripts/notebook-metadata.mjs [--check] [notebook.ipynb ...]   (default: every notebook in notebooks/)
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NOTEBOOKS = join(REPO, 'notebooks');
const KERNEL_JSON = join(REPO, '.jupyter', 'kernels', 'tslab', 'kernel.json');
const EXECUTED = join(REPO, 'render', 'out', 'notebooks');
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

/** The kernelspec block Notebook 6 writes for the project's kernel (scripts/install-kernel.mjs). */
function kernelspec() {
  if (!existsSync(KERNEL_JSON)) {
    console.error(`notebook-metadata: ${KERNEL_JSON} not found; run \`node scripts/install-kernel.mjs\` first`);
    process.exit(1);
  }
  const spec = JSON.parse(readFileSync(KERNEL_JSON, 'utf8'));
  return { display_name: spec.display_name, language: spec.language, name: 'tslab' };
}

/** The language_info of the tslab kernel's info reply, as nbclient saved it into an executed notebook; or null. */
function languageInfo() {
  if (!existsSync(EXECUTED)) return null;
  for (const f of readdirSync(EXECUTED).filter((n) => n.endsWith('.ipynb')).sort()) {
    const info = JSON.parse(readFileSync(join(EXECUTED, f), 'utf8')).metadata?.language_info;
    if (info?.name === 'typescript') return info;
  }
  return null;
}

/** Sets the two metadata blocks (kernelspec first, language_info second, as Jupyter orders them); returns what changed. */
export function setKernelMetadata(nb, spec, info) {
  const changed = [];
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  if (!same(nb.metadata?.kernelspec, spec)) changed.push('kernelspec');
  if (info && !same(nb.metadata?.language_info, info)) changed.push('language_info');
  const { kernelspec: _k, language_info: oldInfo, ...rest } = nb.metadata ?? {};
  nb.metadata = { kernelspec: spec, language_info: info ?? oldInfo, ...rest };
  if (nb.metadata.language_info === undefined) delete nb.metadata.language_info;
  return changed;
}

function main() {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--check');
  if (unknown.length > 0) {
    console.error(`notebook-metadata: unknown option ${unknown.join(' ')}; valid: --check, then notebook paths`);
    process.exit(2);
  }
  const given = args.filter((a) => !a.startsWith('--'));
  const files = given.length > 0 ? given : readdirSync(NOTEBOOKS).filter((f) => f.endsWith('.ipynb')).sort().map((f) => join(NOTEBOOKS, f));
  const spec = kernelspec();
  const info = languageInfo();
  if (!info) console.warn(`notebook-metadata: no executed notebook in ${EXECUTED}, so language_info is left as it is (run \`npm run report\` first to take it from the kernel)`);
  let missing = 0;
  for (const file of files) {
    let nb;
    try {
      nb = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      console.error(`notebook-metadata: ${file}: cannot read a notebook (${e.message})`);
      process.exit(1);
    }
    if (!Array.isArray(nb.cells)) {
      console.error(`notebook-metadata: ${file}: expected a notebook with a "cells" array, found ${typeof nb.cells}`);
      process.exit(1);
    }
    const n = addCellIds(nb, file);
    const changed = setKernelMetadata(nb, spec, info);
    if (n === 0 && changed.length === 0) continue;
    missing += n + changed.length;
    const what = [n > 0 ? `${n} cell id(s)` : '', ...changed].filter(Boolean).join(', ');
    if (check) {
      console.error(`notebook-metadata: ${file}: needs ${what}`);
      continue;
    }
    // Jupyter's own layout (indent 1, trailing newline), written to a temporary name and renamed.
    const tmp = `${file}.tmp-${process.pid}`;
    writeFileSync(tmp, JSON.stringify(nb, null, 1) + '\n');
    renameSync(tmp, file);
    console.log(`notebook-metadata: ${file}: wrote ${what}`);
  }
  if (check && missing > 0) process.exit(1);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
