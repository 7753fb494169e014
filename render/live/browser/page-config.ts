// What the live stage writes into the page (<script type="application/json" id="live-config">).
import type { GluedText } from '../../html/glue';
import type { RefTarget } from '../../html/markdown';

export interface LiveCellSource {
  /** The cell's index in its notebook (as in "notebooks/02-x.ipynb cell 7"). */
  index: number;
  source: string;
  /** Shown in the report (false for cells tagged remove-cell, which still run: they define and glue). */
  shown: boolean;
}

export interface LiveConfig {
  /** Notebook name → its code cells in order, shown or not. */
  notebooks: Record<string, { path: string; cells: LiveCellSource[] }>;
  refs: [string, RefTarget][];
  glue: [string, GluedText][];
  /** Environment of the kernels (REPORT_PROFILE as the report was built with). */
  env: Record<string, string>;
}
