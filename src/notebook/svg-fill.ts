/**
 * Filled areas of scatter traces for the static SVG, as plotly draws them: 'tonexty' fills between a trace
 * and the scatter trace before it on the same axes (the seed bands of the curves figures), 'tozeroy' down to
 * y = 0 (or the axis's bottom), 'toself' closes the trace on itself. A gap in either trace splits the area.
 */
import { fmt, pixelY, type Frame } from './svg-axis';

type Pt = [number, number] | null;

function polygon(points: [number, number][]): string {
  return points.length >= 3 ? `M${points.map(([x, y]) => `${fmt(x)},${fmt(y)}`).join('L')}Z` : '';
}

/** Runs of indices where `ok(k)` holds. */
function runs(n: number, ok: (k: number) => boolean): number[][] {
  const out: number[][] = [];
  let run: number[] = [];
  for (let k = 0; k < n; k++) {
    if (ok(k)) run.push(k);
    else if (run.length) { out.push(run); run = []; }
  }
  if (run.length) out.push(run);
  return out;
}

/** The SVG path data of the area, or '' when there is nothing to fill (an unknown fill, no trace before). */
export function fillPath(fill: string, pts: Pt[], previous: Pt[] | undefined, f: Frame): string {
  if (fill === 'toself') return polygon(pts.filter((p): p is [number, number] => p !== null));
  if (fill === 'tozeroy') {
    const zero = f.ya.log ? f.top + f.height : Math.min(f.top + f.height, Math.max(f.top, pixelY(f, 0)));
    return runs(pts.length, (k) => pts[k] !== null).map((r) => {
      const line = r.map((k) => pts[k]!);
      return polygon([[line[0]![0], zero], ...line, [line[line.length - 1]![0], zero]]);
    }).join('');
  }
  if (fill !== 'tonexty' || !previous) return '';
  if (previous.length !== pts.length) {
    // Different x samples: plotly joins the two lines end to end, and so do we.
    return polygon([...pts, ...[...previous].reverse()].filter((p): p is [number, number] => p !== null));
  }
  return runs(pts.length, (k) => pts[k] !== null && previous[k] !== null)
    .map((r) => polygon([...r.map((k) => pts[k]!), ...[...r].reverse().map((k) => previous[k]!)]))
    .join('');
}
