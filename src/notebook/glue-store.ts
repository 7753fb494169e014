/**
 * The glue store: the named values of every notebook in one JSON file, so that a notebook read in Jupyter
 * shows the numbers other notebooks computed (00-answers and 08-conclusion cite names glued in 02–07). The
 * report needs none of this (it collects every glue of the executed notebooks itself); the store exists for
 * the classic Notebook's frontend, whose kernel.js (scripts/jupyter/kernel.js) fetches it and substitutes
 * {glue}`name` in markdown cells and markdown outputs, and numbers `[@key]` citations as the report did.
 *
 * Two writers: `npm run report` (full profile) writes the whole store from the notebooks it executed, with
 * the report's citation order; in a Jupyter session started by `npm run notebook`, which sets
 * ASSIGNMENT_ONE_GLUE_STORE, every glue() call updates its one name, so a value re-computed in one notebook
 * reads anew in the others. The file lives in the project-local kernelspec folder (.jupyter/kernels/tslab/),
 * which the Notebook server serves at /kernelspecs/tslab/ and which no reader sees in the notebook tree.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../results/atomic-write';
import type { GlueValue } from './glue';

/** The environment variable naming the store file a kernel updates (unset: glue() writes nothing). */
export const GLUE_STORE_ENV = 'ASSIGNMENT_ONE_GLUE_STORE';
/** The store's file name inside the kernelspec folder (scripts/notebook.mjs and kernel.js use the same). */
export const GLUE_STORE_FILE = 'glue-store.json';

export interface StoredGlue {
  text: string;
  /** Where it was glued: "notebooks/06-experiments.ipynb cell 12" from the report, "a Jupyter session" from a kernel. */
  from: string;
}

export interface GlueStore {
  format: 1;
  glue: Record<string, StoredGlue>;
  /** Cited keys in the report's order of first citation (number = index + 1); empty until a report ran. */
  citations: string[];
}

/** The store beside the tslab kernelspec of a JUPYTER_PATH entry (the project's .jupyter/). */
export function glueStorePath(jupyterPath: string): string {
  return join(jupyterPath, 'kernels', 'tslab', GLUE_STORE_FILE);
}

function emptyStore(): GlueStore {
  return { format: 1, glue: {}, citations: [] };
}

/**
 * The store at `path`; an absent file is an empty store, and so is one that is not a store: it is a cache
 * that the next report or glue() call rebuilds, so a damaged copy must not stop a notebook.
 */
export function readGlueStore(path: string): GlueStore {
  if (!existsSync(path)) return emptyStore();
  try {
    const raw = JSON.parse(readFileSync(path, 'utf8')) as Partial<GlueStore>;
    if (raw?.format !== 1 || typeof raw.glue !== 'object' || raw.glue === null || !Array.isArray(raw.citations)) return emptyStore();
    return { format: 1, glue: raw.glue, citations: raw.citations.filter((k): k is string => typeof k === 'string') };
  } catch {
    return emptyStore();
  }
}

export function writeGlueStore(path: string, store: GlueStore): void {
  writeFileAtomic(path, JSON.stringify(store, null, 1) + '\n');
}

/** One glue() call in a Jupyter session: its name now reads `text`, the other names stay. */
export function recordGlue(path: string, glued: GlueValue): void {
  const store = readGlueStore(path);
  store.glue[glued.name] = { text: glued.text, from: 'a Jupyter session' };
  writeGlueStore(path, store);
}

let warned = false;

/** recordGlue into the store ASSIGNMENT_ONE_GLUE_STORE names, if any; a failed write warns once and never stops the cell. */
export function recordGlueFromEnv(glued: GlueValue, env: NodeJS.ProcessEnv = process.env): void {
  const path = env[GLUE_STORE_ENV];
  if (!path) return;
  try {
    recordGlue(path, glued);
  } catch (e) {
    if (!warned) console.warn(`glue: cannot update the glue store ${path} (${(e as Error).message}); other notebooks in Jupyter will not see ${glued.name}`);
    warned = true;
  }
}
