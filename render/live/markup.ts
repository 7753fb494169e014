// The live page is the static report rendered from marked-up notebooks: each shown code cell is framed by
// two empty markers (the page script turns the frame into an editable, runnable cell), and every
// {glue}`name` sits in a span naming it, so a re-run cell's glue updates the prose that quotes it.
// The static report renders the unmarked notebooks, so it is unchanged.
import type { CleanCell, CleanNotebook, CleanOutput } from '../clean';

const GLUE_ROLE = /\{glue\}`([a-z0-9]+(?:-[a-z0-9]+)*)`/g;

export function markGlue(markdown: string): string {
  return markdown.replace(GLUE_ROLE, (role, name: string) => `<span class="live-glue" data-glue="${name}">${role}</span>`);
}

/** The cell's index in its notebook, from clean.ts's "path cell i". */
export function cellIndex(where: string): number {
  const m = / cell (\d+)$/.exec(where);
  if (!m) throw new Error(`live report: cannot read the cell number from ${JSON.stringify(where)}`);
  return Number(m[1]);
}

function markOutput(out: CleanOutput): CleanOutput {
  if (out.type !== 'data') return out;
  const data = typeof out.data['text/markdown'] === 'string' && out.report?.kind !== 'table'
    ? { ...out.data, 'text/markdown': markGlue(out.data['text/markdown']) } : out.data;
  const report = out.report && 'caption' in out.report ? { ...out.report, caption: markGlue(out.report.caption) } : out.report;
  return report ? { type: 'data', data, report } : { type: 'data', data };
}

function marker(kind: 'start' | 'end', nb: string, cell: CleanCell): CleanCell {
  const html = `<div class="live-${kind}" data-nb="${nb}" data-cell="${cellIndex(cell.where)}"></div>`;
  return { kind: 'markdown', source: html, where: cell.where, ...(cell.appendix ? { appendix: true } : {}) };
}

export function markNotebook(nb: CleanNotebook): CleanNotebook {
  const cells: CleanCell[] = [];
  for (const cell of nb.cells) {
    if (cell.kind === 'markdown') {
      cells.push({ ...cell, source: markGlue(cell.source) });
      continue;
    }
    const marked = { ...cell, outputs: cell.outputs.map(markOutput) };
    // A cell the report removed keeps only its glue outputs and no source: nothing to frame.
    if (cell.source.trim() === '') {
      cells.push(marked);
      continue;
    }
    cells.push(marker('start', nb.name, cell), marked, marker('end', nb.name, cell));
  }
  return { ...nb, cells };
}
