/**
 * A small static renderer for plotly figures, used as the `image/svg+xml` fallback of every figure
 * (Jupyter without the plotly extension, and any viewer without JavaScript, shows this instead of the
 * interactive plot).
 *
 * It draws what the report's figures use: scatter (lines, markers, filled bands), bar, heatmap and contour
 * traces, on linear, log or category axes, in one panel or a grid of subplots (axis domains, layout.grid,
 * scaleanchor), with ticks, axis titles, a legend, a title, text annotations, rectangles and lines of
 * layout.shapes and a heatmap's colour bar. It is deliberately not a plotly clone: hover and other shape
 * types are ignored; a trace type it does not know is named in a note.
 */
import { escapeHtml } from './table';
import { fmt, makeAxis, plainLabel, textOf, type Frame, type Loose } from './svg-axis';
import { prepareTrace, type LegendEntry, type Prepared } from './svg-traces';
import { gridDomain } from './svg-grid';
import { anchoredFrame } from './svg-aspect';
import { drawShapes } from './svg-shapes';
import { COLORBAR_WIDTH, drawColorBar } from './svg-colorbar';

export { makeAxis, niceStep, powerOfTenLabel } from './svg-axis';

export interface FigureSpec {
  data: object[];
  layout?: object;
}

function placeholder(width: number, height: number, title: string, note: string): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<rect x="1" y="1" width="${width - 2}" height="${height - 2}" fill="#fafafa" stroke="#999" stroke-dasharray="4,3"/>`,
    `<text x="${width / 2}" y="${height / 2 - 8}" text-anchor="middle" font-size="16">${escapeHtml(title || 'Figure')}</text>`,
    `<text x="${width / 2}" y="${height / 2 + 16}" text-anchor="middle" font-size="12" fill="#666">${escapeHtml(note)}</text>`,
    `</svg>`,
  ].join('\n');
}

/** FNV-1a of the layout and trace shapes: clip-path ids must differ between SVGs inlined in one page. */
function figureId(fig: FigureSpec): string {
  const key = JSON.stringify(fig.layout ?? {}) + (fig.data as Loose[]).map((t) => `${String(t.type)}:${String(t.name)}:${Array.isArray(t.y) ? t.y.length : 0}`).join('|');
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/** "x" for 'x', "xaxis2" for 'x2': where plotly keeps an axis's layout. */
function axisKey(id: string): string {
  return `${id[0]}axis${id.slice(1)}`;
}

function domainOf(spec: Loose | undefined, layout: Loose, id: string): [number, number] {
  const d = spec?.domain;
  if (Array.isArray(d) && d.length === 2 && d.every((v) => typeof v === 'number')) return [d[0], d[1]];
  return gridDomain(layout, id) ?? [0, 1];
}

interface Panel {
  frame: Frame;
  traces: Prepared[];
  xaxis: string;
  yaxis: string;
}

function buildPanels(traces: Prepared[], layout: Loose, area: { left: number; top: number; width: number; height: number }): Panel[] {
  const groups = new Map<string, Prepared[]>();
  for (const t of traces) groups.set(`${t.xaxis}/${t.yaxis}`, [...(groups.get(`${t.xaxis}/${t.yaxis}`) ?? []), t]);
  return [...groups.values()].map((ts) => {
    const { xaxis, yaxis } = ts[0]!;
    const xs = layout[axisKey(xaxis)] as Loose | undefined;
    const ys = layout[axisKey(yaxis)] as Loose | undefined;
    const [x0, x1] = domainOf(xs, layout, xaxis);
    const [y0, y1] = domainOf(ys, layout, yaxis);
    const xa = makeAxis(ts.flatMap((t) => t.x), xs, ts.find((t) => t.xCategories)?.xCategories);
    const ya = makeAxis(ts.flatMap((t) => t.y), ys, ts.find((t) => t.yCategories)?.yCategories);
    const cell: Frame = { left: area.left + x0 * area.width, top: area.top + (1 - y1) * area.height, width: (x1 - x0) * area.width, height: (y1 - y0) * area.height, xa, ya };
    const frame = anchoredFrame(cell, xs, ys, xaxis, yaxis);
    return { frame, traces: ts, xaxis, yaxis };
  });
}

function drawPanel(p: Panel, clipId: string, showGrid: boolean): string[] {
  const { frame: f } = p;
  const out: string[] = [];
  const right = f.left + f.width;
  const bottom = f.top + f.height;
  out.push(`<defs><clipPath id="${clipId}"><rect x="${fmt(f.left)}" y="${fmt(f.top)}" width="${fmt(f.width)}" height="${fmt(f.height)}"/></clipPath></defs>`);
  const px = (u: number): number => f.left + f.width * ((f.xa.reversed ? f.xa.hi - u : u - f.xa.lo) / (f.xa.hi - f.xa.lo));
  const py = (u: number): number => f.top + f.height * ((f.ya.reversed ? u - f.ya.lo : f.ya.hi - u) / (f.ya.hi - f.ya.lo));
  for (const t of f.xa.ticks) {
    const x = fmt(px(t.at));
    if (showGrid) out.push(`<line x1="${x}" y1="${fmt(f.top)}" x2="${x}" y2="${fmt(bottom)}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${x}" y="${fmt(bottom + 16)}" text-anchor="middle">${escapeHtml(t.label)}</text>`);
  }
  for (const t of f.ya.ticks) {
    const y = fmt(py(t.at));
    if (showGrid) out.push(`<line x1="${fmt(f.left)}" y1="${y}" x2="${fmt(right)}" y2="${y}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${fmt(f.left - 6)}" y="${y}" text-anchor="end" dominant-baseline="middle">${escapeHtml(t.label)}</text>`);
  }
  if (showGrid) out.push(`<rect x="${fmt(f.left)}" y="${fmt(f.top)}" width="${fmt(f.width)}" height="${fmt(f.height)}" fill="none" stroke="#444"/>`);
  if (f.xa.title) out.push(`<text x="${fmt(f.left + f.width / 2)}" y="${fmt(bottom + 36)}" text-anchor="middle" font-size="13">${escapeHtml(f.xa.title)}</text>`);
  if (f.ya.title) out.push(`<text transform="translate(${fmt(f.left - 50)} ${fmt(f.top + f.height / 2)}) rotate(-90)" text-anchor="middle" font-size="13">${escapeHtml(f.ya.title)}</text>`);
  return out;
}

function drawLegend(entries: LegendEntry[], at: { x: number; y: number }, horizontal: boolean): string[] {
  const out: string[] = [];
  let x = at.x;
  let y = at.y;
  for (const e of entries) {
    const dash = e.dash ? ` stroke-dasharray="${e.dash}"` : '';
    if (e.bar) out.push(`<rect x="${fmt(x + 4)}" y="${fmt(y - 6)}" width="14" height="12" fill="${e.color}"/>`);
    if (e.lines) out.push(`<line x1="${fmt(x)}" y1="${fmt(y)}" x2="${fmt(x + 22)}" y2="${fmt(y)}" stroke="${e.color}" stroke-width="${e.width}"${dash}/>`);
    if (e.markers) out.push(`<circle cx="${fmt(x + 11)}" cy="${fmt(y)}" r="3.5" fill="${e.color}"/>`);
    out.push(`<text x="${fmt(x + 28)}" y="${fmt(y)}" dominant-baseline="middle">${escapeHtml(e.name)}</text>`);
    if (horizontal) x += 46 + 7 * e.name.length;
    else y += 18;
  }
  return out;
}

/** Text annotations, positioned in paper coordinates or on a panel's axes. */
function drawAnnotations(layout: Loose, panels: Panel[], area: { left: number; top: number; width: number; height: number }): string[] {
  const list = Array.isArray(layout.annotations) ? (layout.annotations as Loose[]) : [];
  const out: string[] = [];
  for (const a of list) {
    const text = plainLabel(typeof a.text === 'string' ? a.text : '');
    if (!text || typeof a.x !== 'number' || typeof a.y !== 'number') continue;
    const xref = typeof a.xref === 'string' ? a.xref.replace(/ domain$/, '') : 'x';
    const yref = typeof a.yref === 'string' ? a.yref.replace(/ domain$/, '') : 'y';
    const panel = panels.find((p) => p.xaxis === xref) ?? panels.find((p) => p.yaxis === yref);
    const x = xref === 'paper' || !panel ? area.left + a.x * area.width : panelX(panel, a.x);
    const y = yref === 'paper' || !panel ? area.top + (1 - a.y) * area.height : panelY(panel, a.y);
    const baseline = a.yanchor === 'bottom' ? -3 : a.yanchor === 'top' ? 12 : 4;
    out.push(`<text x="${fmt(x)}" y="${fmt(y + baseline)}" text-anchor="middle" font-size="11">${escapeHtml(text)}</text>`);
  }
  return out;
}

function panelX(p: Panel, v: number): number {
  const { xa, left, width } = p.frame;
  return left + width * ((xa.reversed ? xa.hi - v : v - xa.lo) / (xa.hi - xa.lo));
}

function panelY(p: Panel, v: number): number {
  const { ya, top, height } = p.frame;
  return top + height * ((ya.reversed ? v - ya.lo : ya.hi - v) / (ya.hi - ya.lo));
}

export function renderStaticSvg(fig: FigureSpec): string {
  const layout = (fig.layout ?? {}) as Loose;
  const width = typeof layout.width === 'number' ? layout.width : 640;
  const height = typeof layout.height === 'number' ? layout.height : 400;
  const title = plainLabel(textOf(layout.title));
  const traces: Prepared[] = [];
  const skipped = new Set<string>();
  const dataIndex = new Map<Prepared, number>();
  ((fig.data ?? []) as Loose[]).forEach((t, i) => {
    const p = prepareTrace(t, i, traces);
    if (p) traces.push(p);
    if (p) dataIndex.set(p, i);
    else skipped.add(String(t.type ?? 'scatter'));
  });
  const skippedNote = skipped.size ? `${[...skipped].join(', ')} trace${skipped.size > 1 ? 's' : ''}: interactive view only` : '';
  if (traces.length === 0) return placeholder(width, height, title, skippedNote || 'empty figure');

  const legend = layout.showlegend === false ? [] : traces.flatMap((t) => (t.legend ? [t.legend] : []));
  const multi = new Set(traces.map((t) => `${t.xaxis}/${t.yaxis}`)).size > 1;
  const legendWidth = !multi && legend.length ? Math.min(200, 40 + 7 * Math.max(...legend.map((e) => e.name.length))) : 0;
  const legendBelow = multi && legend.length > 0 ? 24 : 0;
  const imageLike = traces.every((t) => t.kind === 'heatmap') && (layout.xaxis as Loose | undefined)?.showticklabels === false;
  const colorbar = traces.find((t) => t.colorbar)?.colorbar;
  const barRoom = colorbar ? COLORBAR_WIDTH : 0;
  const m = imageLike ? { left: 10, right: 10 + barRoom, top: title ? 40 : 18, bottom: 10 } : { left: 72, right: 16 + legendWidth + barRoom, top: title ? 40 : 22, bottom: 52 + legendBelow };
  const area = { left: m.left, top: m.top, width: Math.max(40, width - m.left - m.right), height: Math.max(40, height - m.top - m.bottom) };
  const panels = buildPanels(traces, layout, area);
  const uid = figureId(fig);

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="white"/>`);
  if (title) out.push(`<text x="${fmt(area.left + area.width / 2)}" y="${m.top - 16}" text-anchor="middle" font-size="15">${escapeHtml(title)}</text>`);
  out.push(...drawShapes(layout, 'below', panels, area));
  panels.forEach((p, k) => {
    const clip = `plot-${uid}-${k}`;
    out.push(...drawPanel(p, clip, !imageLike));
    const bars = p.traces.filter((t) => t.kind === 'bar');
    out.push(`<g clip-path="url(#${clip})">`);
    p.traces.forEach((t) => out.push(t.draw(p.frame, `trace-${dataIndex.get(t)}`, { barSlot: bars.indexOf(t), barCount: bars.length })));
    out.push(`</g>`);
  });
  out.push(...drawShapes(layout, 'above', panels, area));
  out.push(...drawAnnotations(layout, panels, area));
  if (colorbar) {
    const at = panels.find((p) => p.traces.some((t) => t.colorbar === colorbar))!.frame;
    out.push(...drawColorBar(colorbar, { x: area.left + area.width + legendWidth + 16, top: at.top, height: at.height }, `colorbar-${uid}`));
  }
  if (legendWidth) out.push(...drawLegend(legend, { x: area.left + area.width + 12, y: area.top + 10 }, false));
  if (legendBelow) out.push(...drawLegend(legend, { x: area.left, y: height - 12 }, true));
  if (skippedNote) out.push(`<text x="${area.left + 4}" y="${area.top + area.height - 6}" font-size="10" fill="#888">${escapeHtml(skippedNote)}</text>`);
  out.push(`</svg>`);
  return out.join('\n');
}
