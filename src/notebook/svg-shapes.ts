/**
 * layout.shapes in the static SVG: rectangles and lines (07's shaded warm-up epochs, reference lines), placed
 * on a panel's axes ('x', 'y2'), on a panel's domain ('x domain') or on the whole plot area ('paper'), and
 * drawn below the traces or above them (`layer`), as plotly does. Other shape types (paths, circles) are skipped.
 */
import { escapeHtml } from './table';
import { fmt, pixelX, pixelY, type Frame, type Loose } from './svg-axis';

export interface Area {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface AxisPanel {
  frame: Frame;
  xaxis: string;
  yaxis: string;
}

/** A coordinate of a shape in pixels, along x or y, for its reference ('x2', 'paper', 'y domain'). */
function place(ref: unknown, v: number, dim: 'x' | 'y', panels: AxisPanel[], area: Area): number | null {
  const r = typeof ref === 'string' ? ref : dim;
  if (r === 'paper') return dim === 'x' ? area.left + v * area.width : area.top + (1 - v) * area.height;
  const id = r.replace(/ domain$/, '');
  const panel = panels.find((p) => (dim === 'x' ? p.xaxis : p.yaxis) === id);
  if (!panel) return null;
  const f = panel.frame;
  if (r.endsWith(' domain')) return dim === 'x' ? f.left + v * f.width : f.top + (1 - v) * f.height;
  return dim === 'x' ? pixelX(f, v) : pixelY(f, v);
}

function shapeSvg(s: Loose, panels: AxisPanel[], area: Area): string {
  const nums = [s.x0, s.x1, s.y0, s.y1];
  if (!nums.every((v) => typeof v === 'number' && Number.isFinite(v))) return '';
  const [x0, x1] = [place(s.xref, s.x0 as number, 'x', panels, area), place(s.xref, s.x1 as number, 'x', panels, area)];
  const [y0, y1] = [place(s.yref, s.y0 as number, 'y', panels, area), place(s.yref, s.y1 as number, 'y', panels, area)];
  if (x0 === null || x1 === null || y0 === null || y1 === null) return '';
  const line = (s.line ?? {}) as Loose;
  const lineWidth = typeof line.width === 'number' ? line.width : 2;
  const stroke = lineWidth > 0 ? ` stroke="${escapeHtml(typeof line.color === 'string' ? line.color : '#444')}" stroke-width="${lineWidth}"` : ' stroke="none"';
  const opacity = typeof s.opacity === 'number' ? ` opacity="${s.opacity}"` : '';
  if (s.type === 'line') return `<line class="shape" x1="${fmt(x0)}" y1="${fmt(y0)}" x2="${fmt(x1)}" y2="${fmt(y1)}"${stroke}${opacity}/>`;
  // plotly's default type is 'rect' (or 'path' when the shape has a path, which we skip).
  if ((s.type ?? (s.path ? 'path' : 'rect')) !== 'rect') return '';
  const fill = typeof s.fillcolor === 'string' ? escapeHtml(s.fillcolor) : 'none';
  return `<rect class="shape" x="${fmt(Math.min(x0, x1))}" y="${fmt(Math.min(y0, y1))}" width="${fmt(Math.abs(x1 - x0))}" height="${fmt(Math.abs(y1 - y0))}" fill="${fill}"${stroke}${opacity}/>`;
}

/** The shapes of one layer ('below' the traces, or plotly's default 'above'). */
export function drawShapes(layout: Loose, layer: 'below' | 'above', panels: AxisPanel[], area: Area): string[] {
  const list = Array.isArray(layout.shapes) ? (layout.shapes as Loose[]) : [];
  return list.filter((s) => (s.layer === 'below' ? 'below' : 'above') === layer).map((s) => shapeSvg(s, panels, area)).filter(Boolean);
}
