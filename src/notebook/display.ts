/**
 * The notebook side of the contract in docs/NOTEBOOK-OUTPUTS.md: every figure, table, prose
 * paragraph and image a notebook shows goes through one of these functions, which emit a single
 * Jupyter `display_data` message carrying all MIME renderings plus `metadata.report`.
 *
 * tslab's public `display.raw` sends one MIME type per message and no metadata, so we call the
 * kernel's `lastWriteDisplayData` hook (tslab/dist/jupyter.js) directly. Outside a kernel (unit
 * tests, plain `tsx` scripts) the hook is absent and the functions return the bundle instead.
 */
import { renderStaticSvg, type FigureSpec } from './static-svg';
import { normalizeTable, tableHtml, tableMarkdown, tableText, type TableInput } from './table';
import { toPlainJson, type PlainJson } from './plain-json';

export type ReportMetadata =
  | { kind: 'figure'; id: string; caption: string }
  | { kind: 'table'; id: string; caption: string }
  | { kind: 'prose' }
  | { kind: 'glue'; name: string }
  | { kind: 'caption'; for: string };

export interface DisplayBundle {
  data: Record<string, PlainJson>;
  metadata: { report: ReportMetadata };
}

export interface FigureOptions {
  /** `fig-<slug>`, referenced from markdown as `@fig-<slug>`. */
  id: string;
  caption: string;
  /** plotly config; merged over { displaylogo: false, responsive: true }. */
  config?: object;
}

export interface TableOptions {
  /** `tab-<slug>`, referenced from markdown as `@tab-<slug>`. */
  id: string;
  caption: string;
  /** Significant digits for numeric cells (default 4). */
  digits?: number;
}

export interface ImageOptions {
  /** `fig-<slug>`: an image is a figure for numbering purposes. */
  id: string;
  caption: string;
}

type WriteDisplayData = (
  message: { data: Record<string, PlainJson>; metadata: Record<string, PlainJson>; transient: Record<string, unknown> },
  update: boolean,
) => void;

/**
 * The kernel's display hook, or null outside a tslab kernel. We look tslab up among the modules
 * already loaded rather than requiring it: loading it from a test would pull in the TypeScript
 * compiler for nothing, and a second copy would have its own (null) hook anyway.
 */
function kernelWriter(): WriteDisplayData | null {
  const cache = typeof require !== 'undefined' ? require.cache : undefined;
  if (!cache) return null;
  for (const [path, mod] of Object.entries(cache)) {
    if (!/[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(path) || !mod) continue;
    const hook = (mod.exports as { lastWriteDisplayData?: WriteDisplayData | null }).lastWriteDisplayData;
    if (typeof hook === 'function') return hook;
  }
  return null;
}

/** Sends the bundle to the kernel; returns undefined if sent (so tslab prints nothing more), else the bundle. */
export function emit(bundle: DisplayBundle): DisplayBundle | undefined {
  const write = kernelWriter();
  if (!write) return bundle;
  write({ data: bundle.data, metadata: bundle.metadata as unknown as Record<string, PlainJson>, transient: {} }, false);
  return undefined;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function checkLabel(fn: string, prefix: 'fig-' | 'tab-', opts: { id?: unknown; caption?: unknown } | undefined): { id: string; caption: string } {
  const where = `${fn} (src/notebook/display.ts)`;
  if (!opts || typeof opts !== 'object') throw new Error(`${where}: expected options { id, caption }, got ${String(opts)}`);
  const { id, caption } = opts;
  if (typeof id !== 'string' || !id.startsWith(prefix) || !SLUG.test(id.slice(prefix.length))) {
    throw new Error(`${where}: id must look like '${prefix}<slug>' (lowercase letters, digits, single hyphens), got ${JSON.stringify(id)}`);
  }
  if (typeof caption !== 'string' || caption.trim() === '') {
    throw new Error(`${where}: caption for ${id} must be a non-empty string, got ${JSON.stringify(caption)}`);
  }
  return { id, caption };
}

export function figureBundle(fig: FigureSpec, opts: FigureOptions): DisplayBundle {
  const { id, caption } = checkLabel('showFigure', 'fig-', opts);
  if (!fig || !Array.isArray(fig.data)) {
    throw new Error(`showFigure (src/notebook/display.ts): ${id}: expected a figure { data: [...], layout? }, got data ${typeof fig?.data}`);
  }
  const plotly = toPlainJson(
    { data: fig.data, layout: fig.layout ?? {}, config: { displaylogo: false, responsive: true, ...(opts.config ?? {}) } },
    id,
  );
  return {
    data: {
      'application/vnd.plotly.v1+json': plotly,
      'image/svg+xml': renderStaticSvg(fig),
      'text/plain': `[${id}] ${caption}`,
    },
    metadata: { report: { kind: 'figure', id, caption } },
  };
}

export function tableBundle(rows: TableInput, opts: TableOptions): DisplayBundle {
  const { id, caption } = checkLabel('showTable', 'tab-', opts);
  const t = normalizeTable(rows, opts.digits ?? 4);
  return {
    data: { 'text/html': tableHtml(t), 'text/markdown': tableMarkdown(t), 'text/plain': tableText(t) },
    metadata: { report: { kind: 'table', id, caption } },
  };
}

export function proseBundle(markdown: string): DisplayBundle {
  if (typeof markdown !== 'string' || markdown.trim() === '') {
    throw new Error(`showProse (src/notebook/display.ts): expected non-empty markdown, got ${JSON.stringify(markdown)}`);
  }
  return { data: { 'text/markdown': markdown, 'text/plain': markdown }, metadata: { report: { kind: 'prose' } } };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function imageBundle(png: Uint8Array, opts: ImageOptions): DisplayBundle {
  const { id, caption } = checkLabel('showImage', 'fig-', opts);
  if (!(png instanceof Uint8Array) || png.length < 8 || PNG_SIGNATURE.some((b, i) => png[i] !== b)) {
    throw new Error(`showImage (src/notebook/display.ts): ${id}: expected PNG bytes (starting with the PNG signature), got ${png?.length ?? 0} bytes that do not`);
  }
  return {
    data: { 'image/png': Buffer.from(png.buffer, png.byteOffset, png.byteLength).toString('base64'), 'text/plain': `[${id}] ${caption}` },
    metadata: { report: { kind: 'figure', id, caption } },
  };
}

/**
 * The caption as a visible line under a figure or table in Jupyter, starting with the id that markdown
 * cites (`@fig-x`), so a reader of the notebook can match references to outputs. The report ignores it
 * (it numbers the figure and uses metadata.report.caption instead).
 */
export function captionBundle(id: string, caption: string): DisplayBundle {
  const line = `**@${id}**: ${caption}`;
  return { data: { 'text/markdown': line, 'text/plain': `@${id}: ${caption}` }, metadata: { report: { kind: 'caption', for: id } } };
}

/** Emits a figure or table and then, in a kernel, its caption line. */
function emitLabelled(bundle: DisplayBundle, opts: { id: string; caption: string }): DisplayBundle | undefined {
  const shown = emit(bundle);
  if (shown === undefined) emit(captionBundle(opts.id, opts.caption));
  return shown;
}

export function showFigure(fig: FigureSpec, opts: FigureOptions): DisplayBundle | undefined {
  return emitLabelled(figureBundle(fig, opts), opts);
}

export function showTable(rows: TableInput, opts: TableOptions): DisplayBundle | undefined {
  return emitLabelled(tableBundle(rows, opts), opts);
}

export function showProse(markdown: string): DisplayBundle | undefined {
  return emit(proseBundle(markdown));
}

export function showImage(png: Uint8Array, opts: ImageOptions): DisplayBundle | undefined {
  return emitLabelled(imageBundle(png, opts), opts);
}

export { formatNumber } from './format';
export type { FigureSpec } from './static-svg';
export type { TableInput } from './table';
