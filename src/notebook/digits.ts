/**
 * A grid of 28×28 digit images as one plotly heatmap (a mosaic with blank gutters), with each
 * digit's label written above it. One trace keeps the figure small and renders identically in
 * plotly.js and the static fallback's placeholder; a subplot per digit would not.
 */
import type { FigureSpec } from './static-svg';

export interface DigitGridOptions {
  /** Side of each square image in pixels (default 28). */
  size?: number;
  title?: string;
  /** Blank pixels between images side by side (default 2). */
  gap?: number;
  /** Blank pixels between rows, where the labels go (default 9: an 11 px label clears the image above). */
  rowGap?: number;
  /** Value range mapped to white…black; default: the data's min and max. */
  range?: [number, number];
}

function checkDigitGrid(images: Float32Array[], labels: string[], cols: number, size: number): void {
  const where = 'digitGridFigure (src/notebook/digits.ts)';
  if (images.length === 0) throw new Error(`${where}: expected at least one image, got none`);
  if (labels.length !== images.length) throw new Error(`${where}: expected one label per image (${images.length}), got ${labels.length}`);
  if (!Number.isInteger(cols) || cols < 1) throw new Error(`${where}: cols must be a positive integer, got ${cols}`);
  images.forEach((img, i) => {
    if (img.length !== size * size) throw new Error(`${where}: image ${i} has ${img.length} pixels, expected ${size}×${size} = ${size * size}`);
  });
}

/** Where the images go: image k's top-left pixel is at row ⌊k / nCols⌋·pitch, column (k mod nCols)·cell. */
interface GridGeometry {
  size: number;
  rowGap: number;
  nCols: number;
  nRows: number;
  /** Horizontal distance between neighbouring images' left edges. */
  cell: number;
  /** Vertical distance between neighbouring rows' top edges. */
  pitch: number;
  height: number;
  width: number;
}

function gridGeometry(count: number, cols: number, size: number, options: DigitGridOptions): GridGeometry {
  const gap = options.gap ?? 2;
  const rowGap = options.rowGap ?? 9;
  const nCols = Math.min(cols, count);
  const nRows = Math.ceil(count / nCols);
  const cell = size + gap;
  const pitch = size + rowGap;
  return { size, rowGap, nCols, nRows, cell, pitch, height: nRows * pitch - rowGap, width: nCols * cell - gap };
}

/** The heatmap's z (gutters null) and the smallest and largest pixel value. */
function mosaic(images: Float32Array[], g: GridGeometry): { z: (number | null)[][]; lo: number; hi: number } {
  const { size, nCols, cell, pitch } = g;
  // null (not NaN) so the gutters survive JSON and plotly leaves them transparent.
  const z: (number | null)[][] = Array.from({ length: g.height }, () => new Array<number | null>(g.width).fill(null));
  let lo = Infinity;
  let hi = -Infinity;
  images.forEach((img, k) => {
    const r0 = Math.floor(k / nCols) * pitch;
    const c0 = (k % nCols) * cell;
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++) {
        const v = img[r * size + c];
        z[r0 + r][c0 + c] = v;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  });
  return { z, lo, hi };
}

/** One label centred above each image. */
function labelAnnotations(labels: string[], g: GridGeometry): object[] {
  return labels.map((text, k) => ({
    x: (k % g.nCols) * g.cell + (g.size - 1) / 2,
    y: Math.floor(k / g.nCols) * g.pitch - 0.5,
    text,
    showarrow: false,
    yanchor: 'bottom',
    font: { size: 11 },
  }));
}

export function digitGridFigure(images: Float32Array[], labels: string[], cols: number, options: DigitGridOptions = {}): FigureSpec {
  const size = options.size ?? 28;
  checkDigitGrid(images, labels, cols, size);
  const g = gridGeometry(images.length, cols, size, options);
  const { z, lo, hi } = mosaic(images, g);
  const [zmin, zmax] = options.range ?? [lo, hi > lo ? hi : lo + 1];
  const axis = { showticklabels: false, showgrid: false, zeroline: false, ticks: '' };
  const width = Math.max(200, g.nCols * 56 + 40);
  const margin = { l: 10, r: 10, t: options.title ? 50 : 20, b: 10 };
  return {
    data: [
      {
        type: 'heatmap',
        z,
        zmin,
        zmax,
        colorscale: [[0, '#ffffff'], [1, '#000000']],
        showscale: false,
        hoverinfo: 'skip',
      },
    ],
    layout: {
      title: options.title ? { text: options.title } : undefined,
      width,
      // Tall enough that the tiles, kept square by scaleanchor, fill the plot's width: small tiles (6×6
      // centroids) would otherwise shrink with a height made for digits to a few millimetres in print.
      height: Math.max(Math.round(g.nRows * g.pitch * 2) + (options.title ? 60 : 24), Math.ceil(g.height * Math.min((width - margin.l - margin.r) / g.width, 56 / g.cell)) + margin.t + margin.b),
      margin,
      xaxis: { ...axis, range: [-0.5, g.width - 0.5], constrain: 'domain' },
      yaxis: { ...axis, range: [g.height - 0.5, -g.rowGap - 0.5], scaleanchor: 'x', constrain: 'domain' },
      annotations: labelAnnotations(labels, g),
      plot_bgcolor: 'rgba(0,0,0,0)',
    },
  };
}
