// New outputs in the live page, drawn by the static report's own renderers (render/html/outputs.ts,
// markdown-it + KaTeX, the plotly boot script), so a re-run cell looks like the report.
import type { CleanOutput } from '../../clean';
import { createMarkdown, newEnv, type RefTarget, type RenderEnv } from '../../html/markdown';
import { renderOutput, type OutputContext } from '../../html/outputs';
import { PLOTLY_BOOT } from '../../html/style';
import type { GluedText } from '../../html/glue';

// outputs.ts base64-encodes SVG with Node's Buffer; this is the one call it makes.
(globalThis as Record<string, unknown>).Buffer ??= {
  from: (s: string) => ({ toString: () => btoa(String.fromCharCode(...new TextEncoder().encode(s))) }),
};

export class OutputRenderer {
  private readonly ctx: OutputContext;
  private readonly env: RenderEnv;

  constructor(refs: Map<string, RefTarget>, readonly glue: Map<string, GluedText>) {
    this.env = newEnv(refs);
    this.env.glue = glue;
    // Unnumbered plots get ids plot-<n>; start past any the static page used.
    this.ctx = { md: createMarkdown(), env: this.env, plots: { count: 100000 } };
  }

  /** HTML for one output; a figure or table id the report never had gets the next number. */
  html(out: CleanOutput, where: string): string {
    if (out.type === 'data' && (out.report?.kind === 'figure' || out.report?.kind === 'table') && !this.env.refs.has(out.report.id)) {
      const label = out.report.kind === 'figure' ? 'Figure' : 'Table';
      const n = [...this.env.refs.values()].filter((r) => r.label === label).length + 1;
      this.env.refs.set(out.report.id, { label, number: n });
    }
    return renderOutput(this.ctx, out, where);
  }

  /** Draws the plotly figures inside `root` with the static page's boot script, scoped to `root`. */
  drawFigures(root: Element): void {
    if (!root.querySelector('script.plotly-data')) return;
    const scoped = { querySelectorAll: (sel: string) => root.querySelectorAll(sel), getElementById: (id: string) => document.getElementById(id) };
    const figures = (window as unknown as { __reportFigures?: unknown }).__reportFigures;
    // eslint-disable-next-line no-new-func
    new Function('document', PLOTLY_BOOT)(scoped);
    (window as unknown as { __reportFigures?: unknown }).__reportFigures = figures;
  }
}
