// One cell output → HTML. Rich outputs follow docs/NOTEBOOK-OUTPUTS.md: figures and tables are numbered
// (the numbers are assigned beforehand by numberTargets so references can point forward), prose is markdown.
import type MarkdownIt from 'markdown-it';
import type { CleanNotebook, CleanOutput } from '../clean';
import { ReportError } from '../errors';
import type { RefTarget, RenderEnv } from './markdown';

export const PLOTLY_MIME = 'application/vnd.plotly.v1+json';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** JSON inside <script type="application/json">: `<` escaped so no string can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Numbers every figure and table in order of appearance; duplicate ids are an error. */
export function numberTargets(notebooks: CleanNotebook[]): Map<string, RefTarget> {
  const refs = new Map<string, RefTarget>();
  const where = new Map<string, string>();
  let figures = 0;
  let tables = 0;
  for (const nb of notebooks) {
    for (const cell of nb.cells) {
      if (cell.kind !== 'code') continue;
      for (const out of cell.outputs) {
        if (out.type !== 'data' || !out.report || (out.report.kind !== 'figure' && out.report.kind !== 'table')) continue;
        const { id, kind } = out.report;
        if (refs.has(id)) throw new ReportError(`${cell.where}: duplicate ${kind} id ${id} (first used in ${where.get(id)})`);
        refs.set(id, kind === 'figure' ? { label: 'Figure', number: ++figures } : { label: 'Table', number: ++tables });
        where.set(id, cell.where);
      }
    }
  }
  return refs;
}

export interface OutputContext {
  md: MarkdownIt;
  env: RenderEnv;
  /** Counter for plot divs, so unnumbered plotly outputs get unique ids too. */
  plots: { count: number };
}

function plotlyDiv(ctx: OutputContext, spec: unknown, id: string): string {
  ctx.plots.count++;
  const divId = `${id}-plot`;
  return `<div class="plotly-figure" id="${divId}"></div>\n<script type="application/json" class="plotly-data" data-for="${divId}">${scriptJson(spec)}</script>`;
}

const VISUAL_MIMES = [PLOTLY_MIME, 'image/svg+xml', 'image/png', 'image/jpeg'];

function hasVisual(data: Record<string, unknown>): boolean {
  return VISUAL_MIMES.some((m) => data[m] !== undefined);
}

function b64(value: unknown): string {
  return String(value).replace(/\s+/g, '');
}

/** The visual part of a bundle, best representation first; undefined when it has none. */
function visual(ctx: OutputContext, data: Record<string, unknown>, id: string): string | undefined {
  if (data[PLOTLY_MIME] !== undefined) return plotlyDiv(ctx, data[PLOTLY_MIME], id);
  if (typeof data['image/svg+xml'] === 'string') {
    return `<img class="output-image" alt="" src="data:image/svg+xml;base64,${Buffer.from(data['image/svg+xml']).toString('base64')}">`;
  }
  if (data['image/png'] !== undefined) return `<img class="output-image" alt="" src="data:image/png;base64,${b64(data['image/png'])}">`;
  if (data['image/jpeg'] !== undefined) return `<img class="output-image" alt="" src="data:image/jpeg;base64,${b64(data['image/jpeg'])}">`;
  return undefined;
}

function caption(ctx: OutputContext, target: RefTarget, text: string): string {
  return `<figcaption><span class="caption-label">${target.label}&nbsp;${target.number}:</span> ${ctx.md.renderInline(text, ctx.env)}</figcaption>`;
}

export function renderOutput(ctx: OutputContext, out: CleanOutput, where: string): string {
  ctx.env.where = where;
  if (out.type === 'stream') {
    if (out.text.trim() === '') return '';
    return `<pre class="output stream ${out.name}">${escapeHtml(out.text.replace(/\s+$/, ''))}</pre>`;
  }
  if (out.type === 'error') {
    return `<pre class="output error">${escapeHtml(`${out.ename}: ${out.evalue}\n${out.traceback}`)}</pre>`;
  }
  const { data, report } = out;
  // A named value is cited by the prose, and a caption line is for Jupyter: neither is shown here.
  if (report?.kind === 'glue' || report?.kind === 'caption') return '';
  if (report?.kind === 'figure') {
    const target = ctx.env.refs.get(report.id)!;
    const body = visual(ctx, data, report.id) ?? (typeof data['text/html'] === 'string' ? data['text/html'] : undefined);
    if (body === undefined) throw new ReportError(`${where}: figure ${report.id} has no plotly, SVG, PNG or HTML data (found ${Object.keys(data).join(', ')})`);
    return `<figure class="report-figure" id="${report.id}">\n${body}\n${caption(ctx, target, report.caption)}\n</figure>`;
  }
  if (report?.kind === 'table') {
    const target = ctx.env.refs.get(report.id)!;
    let body: string;
    if (typeof data['text/html'] === 'string') body = data['text/html'];
    else if (typeof data['text/markdown'] === 'string') body = ctx.md.render(data['text/markdown'], ctx.env);
    else throw new ReportError(`${where}: table ${report.id} has no text/html or text/markdown data (found ${Object.keys(data).join(', ')})`);
    return `<figure class="report-table" id="${report.id}">\n${caption(ctx, target, report.caption)}\n<div class="table-wrap">${body}</div>\n</figure>`;
  }
  if (report?.kind === 'prose' || (report === undefined && typeof data['text/markdown'] === 'string' && !hasVisual(data) && data['text/html'] === undefined)) {
    if (typeof data['text/markdown'] !== 'string') throw new ReportError(`${where}: prose output has no text/markdown data`);
    return `<div class="prose">${ctx.md.render(data['text/markdown'], ctx.env)}</div>`;
  }
  // An output without report metadata: shown plainly, unnumbered.
  if (hasVisual(data)) return `<figure class="report-figure unnumbered">${visual(ctx, data, `plot-${ctx.plots.count + 1}`)}</figure>`;
  if (typeof data['text/html'] === 'string') return `<div class="output html">${data['text/html']}</div>`;
  if (typeof data['text/plain'] === 'string') return `<pre class="output result">${escapeHtml(data['text/plain'])}</pre>`;
  return '';
}
