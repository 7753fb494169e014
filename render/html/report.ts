// Stage 3: cleaned notebooks → one self-contained HTML page (title block, contents, numbered sections,
// numbered figures and tables, math rendered by KaTeX, plotly inlined once).
import type { CleanNotebook } from '../clean';
import { katexCss, plotlyJs } from './assets';
import { createMarkdown, newEnv, PLACEHOLDERS, type TocEntry } from './markdown';
import { escapeHtml, numberTargets, renderOutput, type OutputContext } from './outputs';
import { PLOTLY_BOOT, REPORT_CSS } from './style';

export interface ReportMeta {
  title: string;
  subtitle: string;
  date: Date;
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
  const items = entries.filter((e) => e.level <= 2 && e.number);
  if (items.length === 0) return '';
  let html = '<nav class="toc" aria-label="Contents">\n<h2>Contents</h2>\n<ol>\n';
  let open = false;
  for (const e of items) {
    const link = `<a href="#${e.id}"><span class="secno">${e.number}</span> ${e.html}</a>`;
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

export function renderReport(notebooks: CleanNotebook[], meta: ReportMeta): RenderedReport {
  const refs = numberTargets(notebooks);
  const env = newEnv(refs);
  const md = createMarkdown();
  const ctx: OutputContext = { md, env, plots: { count: 0 } };
  const warnings: string[] = [];

  const sections = notebooks.map((nb) => {
    const parts: string[] = [];
    for (const cell of nb.cells) {
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
    return `<section class="notebook" id="nb-${escapeHtml(nb.name)}" data-source="${escapeHtml(nb.path)}">\n${parts.filter(Boolean).join('\n')}\n</section>`;
  });

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
<header class="title-block">
<h1 class="title">${escapeHtml(meta.title)}</h1>
<p class="subtitle">${escapeHtml(meta.subtitle)}</p>
<p class="date"><time datetime="${meta.date.toISOString().slice(0, 10)}">${formatDate(meta.date)}</time></p>
</header>
${toc(env.toc ?? [])}
${sections.join('\n')}
</main>
${plotly}
</body>
</html>
`;
  return { html, figures, tables, plots: ctx.plots.count, sections: env.toc ?? [], warnings };
}
