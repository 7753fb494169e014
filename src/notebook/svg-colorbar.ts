/**
 * A heatmap's colour bar in the static SVG, where plotly puts it: right of the plot area, as tall as it,
 * the colour scale as a vertical gradient from the lowest value (bottom) to the highest, ticks on its
 * right and the colour bar's title above it.
 */
import { escapeHtml } from './table';
import { fmt, makeAxis } from './svg-axis';
import type { ColorBar } from './svg-traces';

/** Room the colour bar takes right of the plot area, in pixels. */
export const COLORBAR_WIDTH = 78;

export function drawColorBar(bar: ColorBar, at: { x: number; top: number; height: number }, id: string): string[] {
  const width = 14;
  const stops = Array.from({ length: 11 }, (_, k) => `<stop offset="${k / 10}" stop-color="${bar.scale.at(k / 10)}"/>`);
  const axis = makeAxis([], { range: [bar.zmin, bar.zmax] });
  const y = (v: number): number => at.top + at.height * (1 - (v - bar.zmin) / (bar.zmax - bar.zmin));
  const out = [
    `<defs><linearGradient id="${id}" x1="0" y1="1" x2="0" y2="0">${stops.join('')}</linearGradient></defs>`,
    `<g class="colorbar"><rect x="${fmt(at.x)}" y="${fmt(at.top)}" width="${width}" height="${fmt(at.height)}" fill="url(#${id})" stroke="#444" stroke-width="0.5"/>`,
  ];
  for (const t of axis.ticks) {
    const ty = fmt(y(t.at));
    out.push(`<line x1="${fmt(at.x + width)}" y1="${ty}" x2="${fmt(at.x + width + 4)}" y2="${ty}" stroke="#444"/>`);
    out.push(`<text x="${fmt(at.x + width + 7)}" y="${ty}" dominant-baseline="middle" font-size="11">${escapeHtml(t.label)}</text>`);
  }
  if (bar.title) out.push(`<text x="${fmt(at.x)}" y="${fmt(at.top - 7)}" font-size="11">${escapeHtml(bar.title)}</text>`);
  out.push('</g>');
  return out;
}
