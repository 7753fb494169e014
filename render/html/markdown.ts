// Markdown for cells, prose outputs and captions: markdown-it + KaTeX math + `@fig-x`/`@tab-x` references
// + numbered headings. All per-report state (numbering, the table of contents) lives in the env object
// that markdown-it threads through its rules, so one MarkdownIt instance serves the whole report.
import MarkdownIt from 'markdown-it';
import { ReportError } from '../errors';
import { citationPlugin, type CitationState } from './citations';
import { gluePlugin, type GluedText } from './glue';
import { mathPlugin, type MathEnv } from './math';

export interface RefTarget {
  /** "Figure" or "Table". */
  label: string;
  number: number;
}

export interface TocEntry {
  /** Heading level in the notebook (1 = a report section). */
  level: number;
  /** "2", "2.1", "2.1.3"; empty for deeper headings. */
  number: string;
  id: string;
  /** Heading content as HTML (may contain math). */
  html: string;
  /** In the appendix: the contents list shows only the appendix's own headings ("Appendix A"). */
  appendix?: boolean;
  /** Listed in the contents without a number (References). */
  unnumbered?: boolean;
}

export interface RenderEnv extends MathEnv {
  /** Every figure and table id in the report, numbered in order of appearance. */
  refs: Map<string, RefTarget>;
  /** Section counters; shared across all markdown of the report so numbering runs in notebook order. */
  sections?: number[];
  toc?: TocEntry[];
  /** Anchor ids already used in the page, to keep heading ids unique. */
  ids?: Set<string>;
  /** Set while rendering an appendix part ("A"): its headings are numbered A.1, A.1.1, … */
  sectionPrefix?: string;
  /** The shallowest heading depth (## = 2) among the appendix part's cells: that depth becomes A.1. */
  appendixTopDepth?: number;
  /** Named values of the whole report ({glue}`name`). */
  glue?: Map<string, GluedText>;
  /** The bibliography and the numbers given to cited works so far ([@key]). */
  citations?: CitationState;
}

export function newEnv(refs: Map<string, RefTarget> = new Map()): RenderEnv {
  return { refs, sections: [0, 0, 0], toc: [], ids: new Set() };
}

// A reference is `@fig-` or `@tab-` + a slug, not glued to a preceding word (so e-mail addresses stay text).
// The slug may contain `-` between word characters only, so "see @fig-loss." keeps its full stop.
const REF = /(^|[^\w@])@((?:fig|tab)-\w+(?:-\w+)*)/g;

function crossrefs(md: MarkdownIt): void {
  md.core.ruler.after('text_join', 'crossref', (state) => {
    const env = state.env as RenderEnv;
    for (const block of state.tokens) {
      if (block.type !== 'inline' || !block.children) continue;
      const out: MarkdownIt.Token[] = [];
      let inLink = 0;
      for (const tok of block.children) {
        if (tok.type === 'link_open') inLink++;
        if (tok.type === 'link_close') inLink--;
        if (tok.type !== 'text' || inLink > 0 || !tok.content.includes('@')) {
          out.push(tok);
          continue;
        }
        let last = 0;
        const text = tok.content;
        for (const m of text.matchAll(REF)) {
          const id = m[2]!;
          const at = m.index! + m[1]!.length;
          const target = env.refs?.get(id);
          if (!target) {
            const known = [...(env.refs?.keys() ?? [])];
            throw new ReportError(`${env.where ?? 'markdown'}: unknown reference @${id}; known ids: ${known.length ? known.join(', ') : '(none)'}`);
          }
          if (at > last) out.push(Object.assign(new state.Token('text', '', 0), { content: text.slice(last, at) }));
          const open = new state.Token('link_open', 'a', 1);
          open.attrSet('href', `#${id}`);
          open.attrSet('class', 'xref');
          out.push(open, Object.assign(new state.Token('text', '', 0), { content: `${target.label}\u00a0${target.number}` }));
          out.push(new state.Token('link_close', 'a', -1));
          last = at + 1 + id.length;
        }
        if (last === 0) out.push(tok);
        else if (last < text.length) out.push(Object.assign(new state.Token('text', '', 0), { content: text.slice(last) }));
      }
      block.children = out;
    }
  });
}

export function slugify(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'section'
  );
}

function uniqueId(env: RenderEnv, base: string): string {
  const ids = env.ids ?? (env.ids = new Set());
  let id = base;
  for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
  ids.add(id);
  return id;
}

/**
 * Notebook headings become report sections: `#` is a numbered section (rendered as <h2>, since the report
 * title is the page's <h1>), `##` and `###` numbered subsections; deeper headings only shift down a level.
 */
function numberedHeadings(md: MarkdownIt): void {
  md.core.ruler.push('report_headings', (state) => {
    const env = state.env as RenderEnv;
    if (!env.sections) return;
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const open = tokens[i]!;
      if (open.type !== 'heading_open') continue;
      const inline = tokens[i + 1]!;
      const close = tokens[i + 2]!;
      const prefix = env.sectionPrefix;
      // In an appendix part the part itself is the level-1 heading, so the cells' shallowest headings are
      // level 2 (A.1), whether the notebook wrote them as ## or, as subsections of its section, ###.
      const depth = Number(open.tag.slice(1));
      const level = prefix ? 2 + Math.max(0, depth - (env.appendixTopDepth ?? 2)) : depth;
      let number = '';
      if (level <= env.sections.length) {
        env.sections[level - 1]! += 1;
        for (let k = level; k < env.sections.length; k++) env.sections[k] = 0;
        number = prefix ? [prefix, ...env.sections.slice(1, level)].join('.') : env.sections.slice(0, level).join('.');
      }
      const text = (inline.children ?? []).filter((t) => t.type === 'text' || t.type === 'code_inline').map((t) => t.content).join('');
      const id = uniqueId(env, number ? `sec-${number.replace(/\./g, '-')}-${slugify(text)}` : slugify(text));
      const tag = `h${Math.min(level + 1, 6)}`;
      open.tag = tag;
      close.tag = tag;
      open.attrSet('id', id);
      open.attrJoin('class', `section-heading level-${level}`);
      const html = md.renderer.renderInline(inline.children ?? [], md.options, env);
      if (number) {
        const secno = new state.Token('html_inline', '', 0);
        secno.content = `<span class="secno">${number}</span> `;
        inline.children = [secno, ...(inline.children ?? [])];
      }
      env.toc?.push(prefix ? { level, number, id, html, appendix: true } : { level, number, id, html });
    }
  });
}

/**
 * A number and its unit stay on one line: the space in "96.80 %" becomes a no-break space, also where the
 * number came from a glued value (a text token of its own, the " %" starting the next one).
 */
function unitSpaces(md: MarkdownIt): void {
  md.core.ruler.after('glue', 'unit_spaces', (state) => {
    for (const block of state.tokens) {
      if (block.type !== 'inline' || !block.children) continue;
      const kids = block.children;
      kids.forEach((tok, i) => {
        if (tok.type !== 'text') return;
        tok.content = tok.content.replace(/(\d) (?=%)/g, '$1\u00a0');
        const prev = kids[i - 1];
        if (prev?.type === 'text' && /\d$/.test(prev.content) && /^ %/.test(tok.content)) tok.content = `\u00a0${tok.content.slice(1)}`;
      });
    }
  });
}

export function createMarkdown(): MarkdownIt {
  const md = new MarkdownIt({ html: true, linkify: false, typographer: true });
  md.use(mathPlugin);
  md.use(crossrefs);
  md.use(gluePlugin);
  md.use(unitSpaces);
  md.use(citationPlugin);
  md.use(numberedHeadings);
  return md;
}

/** Words that mark unfinished prose; the report should never ship them. */
export const PLACEHOLDERS = ['[INSERT', '[EXPLAIN', '[TODO'];
