// Stage 2: from an executed notebook to what the report shows. Drops `remove-cell` cells, marks
// `hide-input` cells, strips ANSI from text outputs, merges stream chunks and checks the report metadata
// of rich outputs (docs/NOTEBOOK-OUTPUTS.md), so the HTML stage can trust its input.
import { basename } from 'node:path';
import { stripAnsi } from './ansi';
import { ReportError } from './errors';
import { joinMultiline, type RawNotebook, type RawOutput } from './notebook';
import { GLUE_MIME, GLUE_NAME } from '../src/notebook/glue';

export type ReportMeta =
  | { kind: 'figure'; id: string; caption: string }
  | { kind: 'table'; id: string; caption: string }
  | { kind: 'prose' }
  | { kind: 'glue'; name: string }
  | { kind: 'caption'; for: string };

export type CleanOutput =
  | { type: 'stream'; name: 'stdout' | 'stderr'; text: string }
  | { type: 'data'; data: Record<string, unknown>; report?: ReportMeta }
  | { type: 'error'; ename: string; evalue: string; traceback: string };

// `appendix`: the cell tag that moves a cell out of the main part into the report's appendix.
export type CleanCell =
  | { kind: 'markdown'; source: string; where: string; appendix?: boolean }
  | { kind: 'code'; source: string; showInput: boolean; outputs: CleanOutput[]; where: string; appendix?: boolean };

export interface CleanNotebook {
  /** Path as given, for messages. */
  path: string;
  /** File name without .ipynb, e.g. "01-intro"; used for anchors. */
  name: string;
  cells: CleanCell[];
}

// Text-like mime types whose value nbformat may store as a list of lines.
function dataValue(mime: string, value: unknown): unknown {
  if (mime.endsWith('json') || mime.endsWith('+json')) return value;
  if (typeof value === 'string' || Array.isArray(value)) return joinMultiline(value as string | string[]);
  return value;
}

function checkReportMeta(raw: unknown, where: string): ReportMeta | undefined {
  if (raw === undefined) return undefined;
  const m = raw as Record<string, unknown>;
  if (typeof m !== 'object' || m === null) throw new ReportError(`${where}: metadata.report must be an object, found ${JSON.stringify(raw)}`);
  if (m.kind === 'prose') return { kind: 'prose' };
  if (m.kind === 'caption') {
    if (typeof m.for !== 'string') throw new ReportError(`${where}: a caption line needs metadata.report.for (the figure or table id), found ${JSON.stringify(m.for)}`);
    return { kind: 'caption', for: m.for };
  }
  if (m.kind === 'glue') {
    if (typeof m.name !== 'string' || !GLUE_NAME.test(m.name)) {
      throw new ReportError(`${where}: a glue needs metadata.report.name of lowercase letters, digits and dashes, found ${JSON.stringify(m.name)}`);
    }
    return { kind: 'glue', name: m.name };
  }
  if (m.kind !== 'figure' && m.kind !== 'table') {
    throw new ReportError(`${where}: metadata.report.kind must be "figure", "table", "prose", "glue" or "caption", found ${JSON.stringify(m.kind)}`);
  }
  const prefix = m.kind === 'figure' ? 'fig-' : 'tab-';
  if (typeof m.id !== 'string' || !new RegExp(`^${prefix}[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*$`).test(m.id)) {
    throw new ReportError(`${where}: a ${m.kind} needs metadata.report.id "${prefix}<slug>" (letters, digits, _ and -), found ${JSON.stringify(m.id)}`);
  }
  if (typeof m.caption !== 'string' || m.caption.trim() === '') {
    throw new ReportError(`${where}: ${m.id} needs a non-empty metadata.report.caption, found ${JSON.stringify(m.caption)}`);
  }
  return { kind: m.kind, id: m.id, caption: m.caption };
}

function isGlue(o: CleanOutput): boolean {
  return o.type === 'data' && o.report?.kind === 'glue';
}

function checkGlueData(data: Record<string, unknown>, name: string, where: string): void {
  const g = data[GLUE_MIME] as { name?: unknown; text?: unknown } | undefined;
  if (!g || typeof g !== 'object' || g.name !== name || typeof g.text !== 'string' || g.text.trim() === '') {
    throw new ReportError(`${where}: glue ${name} needs ${GLUE_MIME} data {name: "${name}", value, text}, found ${JSON.stringify(g)}`);
  }
}

function cleanOutputs(raw: RawOutput[], where: string): CleanOutput[] {
  const out: CleanOutput[] = [];
  for (const o of raw) {
    switch (o.output_type) {
      case 'stream': {
        const name = o.name === 'stderr' ? 'stderr' : 'stdout';
        const text = stripAnsi(joinMultiline(o.text));
        const last = out[out.length - 1];
        // Kernels flush streams in arbitrary chunks; one block per run of the same stream reads better.
        if (last?.type === 'stream' && last.name === name) last.text += text;
        else out.push({ type: 'stream', name, text });
        break;
      }
      case 'display_data':
      case 'execute_result': {
        const data: Record<string, unknown> = {};
        for (const [mime, value] of Object.entries(o.data ?? {})) data[mime] = dataValue(mime, value);
        if (typeof data['text/plain'] === 'string') data['text/plain'] = stripAnsi(data['text/plain']);
        const report = checkReportMeta(o.metadata?.report, where);
        if (report?.kind === 'glue') checkGlueData(data, report.name, where);
        out.push(report ? { type: 'data', data, report } : { type: 'data', data });
        break;
      }
      case 'error':
        out.push({
          type: 'error',
          ename: o.ename ?? '',
          evalue: stripAnsi(o.evalue ?? ''),
          traceback: stripAnsi((o.traceback ?? []).join('\n')),
        });
        break;
      default:
        // update_display_data is folded into display_data by nbclient; anything else has no place in a report.
        break;
    }
  }
  return out;
}

export function cleanNotebook(nb: RawNotebook, path: string): CleanNotebook {
  const cells: CleanCell[] = [];
  nb.cells.forEach((cell, i) => {
    const tags = cell.metadata?.tags ?? [];
    const where = `${path} cell ${i}`;
    if (tags.includes('remove-cell')) {
      // Removed from view, but the values it glued are still cited by the prose.
      const glues = cell.cell_type === 'code' ? cleanOutputs(cell.outputs ?? [], where).filter(isGlue) : [];
      if (glues.length > 0) cells.push({ kind: 'code', source: '', showInput: false, outputs: glues, where });
      return;
    }
    const source = joinMultiline(cell.source);
    const place = tags.includes('appendix') ? { appendix: true } : {};
    if (cell.cell_type === 'markdown') {
      if (source.trim() !== '') cells.push({ kind: 'markdown', source, where, ...place });
    } else if (cell.cell_type === 'code') {
      const outputs = tags.includes('remove-output') ? [] : cleanOutputs(cell.outputs ?? [], where);
      const showInput = !tags.includes('hide-input') && source.trim() !== '';
      if (showInput || outputs.length > 0) cells.push({ kind: 'code', source, showInput, outputs, where, ...place });
    }
    // raw cells are for other converters (LaTeX and such); the HTML report has no use for them.
  });
  return { path, name: basename(path).replace(/\.ipynb$/, ''), cells };
}
