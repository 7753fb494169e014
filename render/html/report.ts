// Stage 3: cleaned notebooks → one self-contained HTML page (title block, contents, numbered sections,
// numbered figures and tables, math rendered by KaTeX, plotly inlined once).
import type { BibEntry } from '../bibliography';
import type { CleanCell, CleanNotebook } from '../clean';
import { katexCss, plotlyJs } from './assets';
import { referencesHtml, uncited, type CitationState } from './citations';
import { collectGlue } from './glue';
import { createMarkdown, newEnv, PLACEHOLDERS, type TocEntry } from './markdown';
import { escapeHtml, numberTargets, renderOutput, type OutputContext } from './outputs';
import { FIT_WIDE, PLOTLY_BOOT, REPORT_CSS } from './style';

export interface CodeVersion {
  /** Abbreviated commit hash of HEAD. */
  commit: string;
  /** No uncommitted changes to tracked or untracked (not ignored) files. */
  clean: boolean;
}

export interface ReportMeta {
  title: string;
  subtitle: string;
  date: Date;
  /** The code the report was built from; omitted outside a git checkout. */
  version?: CodeVersion;
}

export interface RenderOptions {
  bibliography?: Map<string, BibEntry>;
  /** Where the bibliography comes from, for messages (notebooks/references.json). */
  bibliographySource?: string;
}

export const DEFAULT_META: Omit<ReportMeta, 'date'> = {
  title: 'Deep Learning: Assignment One',
  subtitle: 'MNIST with 3,000 labels, reproduced in TypeScript',
};

export interface RenderedReport {
  html: string;
  figures: number;
  tables: number;
  plots: number;
  sections: TocEntry[];
  /** Unfinished-prose markers found, with where they are; the caller decides how loud to be. */
  warnings: string[];
  /** Cited works in citation order, and bibliography entries nothing cites. */
  cited: string[];
  uncited: string[];
}

/** SOURCE_DATE_EPOCH (reproducible-builds.org) pins the date so two builds of the same inputs are identical. */
export function buildDate(env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  return epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
}

function formatDate(d: Date): string {
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

function toc(entries: TocEntry[]): string {
  const items = entries.filter((e) => (e.appendix ? e.level === 1 : e.level <= 2) && (e.number || e.unnumbered));
  if (items.length === 0) return '';
  let html = '<nav class="toc" aria-label="Contents">\n<h2>Contents</h2>\n<ol>\n';
  let open = false;
  for (const e of items) {
    const link = `<a href="#${e.id}"><span class="secno">${e.number}</span> <span class="toc-title">${e.html}</span><span class="toc-page" data-for="${e.id}"></span></a>`;
    if (e.level === 1) {
      if (open) html += '</ol></li>\n';
      html += `<li class="level-1">${link}<ol>\n`;
      open = true;
    } else {
      html += `<li class="level-2">${link}</li>\n`;
    }
  }
  if (open) html += '</ol></li>\n';
  return `${html.replace(/<ol>\n<\/ol>/g, '')}</ol>\n</nav>`;
}

function findPlaceholders(text: string, where: string, warnings: string[]): void {
  for (const p of PLACEHOLDERS) if (text.includes(p)) warnings.push(`${where}: contains placeholder "${p}…"`);
}

/** The commit the report was built from: a note at the very end, where a reader who wants to rebuild it looks, not on the title page. */
function reproducibilityNote(v: CodeVersion | undefined): string {
  if (!v) return '';
  const state = v.clean ? 'clean tree' : 'with uncommitted changes';
  return `\n<p class="version"><strong>Reproducibility.</strong> Built from commit <code>${escapeHtml(v.commit)}</code> of the project's repository (${state}).</p>`;
}

function titleBlock(meta: ReportMeta): string {
  return `<header class="title-block">
<h1 class="title">${escapeHtml(meta.title)}</h1>
<p class="subtitle">${escapeHtml(meta.subtitle)}</p>
<p class="date"><time datetime="${meta.date.toISOString().slice(0, 10)}">${formatDate(meta.date)}</time></p>
</header>`;
}

function renderCells(ctx: OutputContext, cells: CleanCell[], warnings: string[]): string {
  const { md, env } = ctx;
  const parts: string[] = [];
  for (const cell of cells) {
    env.where = cell.where;
    if (cell.kind === 'markdown') {
      findPlaceholders(cell.source, cell.where, warnings);
      parts.push(md.render(cell.source, env));
      continue;
    }
    if (cell.showInput) {
      parts.push(
        `<details class="code-cell"><summary>Code</summary><pre class="source"><code class="language-typescript">${escapeHtml(cell.source)}</code></pre></details>`,
      );
    }
    for (const out of cell.outputs) {
      if (out.type === 'data' && typeof out.data['text/markdown'] === 'string') findPlaceholders(out.data['text/markdown'], cell.where, warnings);
      parts.push(renderOutput(ctx, out, cell.where));
    }
  }
  return parts.filter(Boolean).join('\n');
}

/** "A", "B", …, "Z", "AA", … */
function appendixLetter(i: number): string {
  return i < 26 ? String.fromCharCode(65 + i) : appendixLetter(Math.floor(i / 26) - 1) + String.fromCharCode(65 + (i % 26));
}

/** Depth of the shallowest markdown heading (outside code fences) among the cells, 2 when there is none. */
function shallowestHeading(cells: CleanNotebook['cells']): number {
  let top = Infinity;
  for (const c of cells) {
    if (c.kind !== 'markdown') continue;
    let fenced = false;
    for (const line of c.source.split('\n')) {
      if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
      const m = fenced ? null : /^(#{2,6})\s/.exec(line);
      if (m) top = Math.min(top, m[1]!.length);
    }
  }
  return Number.isFinite(top) ? top : 2;
}

/** Cells tagged `appendix`, grouped by notebook in notebook order, each part titled after its section. */
function renderAppendix(ctx: OutputContext, notebooks: CleanNotebook[], titles: Map<string, string>, warnings: string[]): string {
  const env = ctx.env;
  const parts: string[] = [];
  for (const nb of notebooks) {
    const cells = nb.cells.filter((c) => c.appendix);
    if (cells.length === 0) continue;
    const letter = appendixLetter(parts.length);
    const title = `${titles.get(nb.name) ?? escapeHtml(nb.name)}: checks and details`;
    const id = `appendix-${letter.toLowerCase()}`;
    env.toc?.push({ level: 1, number: letter, id, html: title, appendix: true });
    env.sections = [1, 0, 0];
    env.sectionPrefix = letter;
    env.appendixTopDepth = shallowestHeading(cells);
    const heading = `<h2 class="section-heading level-1 appendix-heading" id="${id}"><span class="secno">Appendix ${letter}.</span> ${title}</h2>`;
    parts.push(`<section class="appendix-part" data-source="${escapeHtml(nb.path)}">\n${heading}\n${renderCells(ctx, cells, warnings)}\n</section>`);
  }
  env.sectionPrefix = undefined;
  env.appendixTopDepth = undefined;
  return parts.length ? `<div class="appendix" id="appendix">\n${parts.join('\n')}\n</div>` : '';
}

export function renderReport(notebooks: CleanNotebook[], meta: ReportMeta, opts: RenderOptions = {}): RenderedReport {
  const refs = numberTargets(notebooks);
  const env = newEnv(refs);
  env.glue = collectGlue(notebooks);
  const citations: CitationState = { bib: opts.bibliography ?? new Map(), source: opts.bibliographySource ?? 'notebooks/references.json', order: new Map() };
  env.citations = citations;
  const md = createMarkdown();
  const ctx: OutputContext = { md, env, plots: { count: 0 } };
  const warnings: string[] = [];

  // The main part first, so sections are numbered and works cited in reading order; each notebook's `#`
  // heading names its appendix part.
  const titles = new Map<string, string>();
  const sections = notebooks.map((nb) => {
    const before = env.toc?.length ?? 0;
    const body = renderCells(ctx, nb.cells.filter((c) => !c.appendix), warnings);
    const heading = env.toc?.slice(before).find((e) => e.level === 1);
    if (heading) titles.set(nb.name, heading.html);
    return `<section class="notebook" id="nb-${escapeHtml(nb.name)}" data-source="${escapeHtml(nb.path)}">\n${body}\n</section>`;
  });
  const appendix = renderAppendix(ctx, notebooks, titles, warnings);
  const references = referencesHtml(citations);
  if (references) {
    const at = (env.toc ?? []).findIndex((e) => e.appendix);
    const entry = { level: 1, number: '', id: 'sec-references', html: 'References', unnumbered: true };
    if (at < 0) env.toc?.push(entry);
    else env.toc?.splice(at, 0, entry);
  }

  const figures = [...refs.values()].filter((r) => r.label === 'Figure').length;
  const tables = refs.size - figures;
  const plotly = ctx.plots.count > 0 ? `<script>${plotlyJs()}</script>\n<script>${PLOTLY_BOOT}</script>` : '<script>window.__reportFigures = { total: 0, drawn: 0, failed: 0 };</script>';
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="render/report.ts">
<title>${escapeHtml(meta.title)}</title>
<style>${katexCss()}</style>
<style>${REPORT_CSS}</style>
</head>
<body>
<main class="report">
${titleBlock(meta)}
${toc(env.toc ?? [])}
<div class="main-part">
${sections.join('\n')}
${references}
</div>
${appendix}${reproducibilityNote(meta.version)}
</main>
<script>${FIT_WIDE}</script>
${plotly}
</body>
</html>
`;
  return { html, figures, tables, plots: ctx.plots.count, sections: env.toc ?? [], warnings, cited: [...citations.order.keys()], uncited: uncited(citations) };
}
