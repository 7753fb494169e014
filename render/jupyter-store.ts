// After a full-profile report: every glued value of the executed notebooks and the report's citation order
// go into the glue store (src/notebook/glue-store.ts), so that the notebooks opened in Jupyter afterwards
// (`npm run notebook`) show in 00-answers and 08-conclusion the numbers glued in the other notebooks, and
// number citations as the report does.
import { glueStorePath, writeGlueStore, type GlueStore } from '../src/notebook/glue-store';
import type { CleanNotebook } from './clean';
import { collectGlue } from './html/glue';

export function reportGlueStore(notebooks: CleanNotebook[], cited: string[]): GlueStore {
  const glue: GlueStore['glue'] = {};
  for (const [name, g] of collectGlue(notebooks)) glue[name] = { text: g.text, from: g.where };
  return { format: 1, glue, citations: [...cited] };
}

/** Writes the store beside the kernelspec in `jupyterPath`; returns its path. */
export function writeReportGlueStore(jupyterPath: string, notebooks: CleanNotebook[], cited: string[]): string {
  const path = glueStorePath(jupyterPath);
  writeGlueStore(path, reportGlueStore(notebooks, cited));
  return path;
}
