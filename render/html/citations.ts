// Citations: `[@key]` or `[@key1; @key2]` in markdown → "[3]" / "[3, 5]" linked to the References section;
// works are numbered in order of first citation across the rendered report (main part, then appendix).
import type MarkdownIt from 'markdown-it';
import { CITE_KEY, type BibEntry } from '../bibliography';
import { ReportError } from '../errors';
import type { RenderEnv } from './markdown';
import { escapeHtml } from './outputs';

const CITATION = /\[(@[^\]\s;]+(?:\s*;\s*@[^\]\s;]+)*)\]/g;

export interface CitationState {
  bib: Map<string, BibEntry>;
  /** Where the bibliography lives, for messages. */
  source: string;
  /** key → number, in order of first citation. */
  order: Map<string, number>;
}

function numberFor(env: RenderEnv, key: string): number {
  const c = env.citations;
  if (!CITE_KEY.test(key)) throw new ReportError(`${env.where ?? 'markdown'}: citation key @${key} should be lowercase author + year (+ letter), e.g. @glorot2010`);
  if (!c || !c.bib.has(key)) {
    throw new ReportError(`${env.where ?? 'markdown'}: unknown citation @${key}; not in ${c?.source ?? 'the bibliography'}${c && c.bib.size > 0 ? ` (keys: ${[...c.bib.keys()].join(', ')})` : ''}`);
  }
  let n = c.order.get(key);
  if (n === undefined) c.order.set(key, (n = c.order.size + 1));
  return n;
}

function citationTokens(state: MarkdownIt.StateCore, env: RenderEnv, keys: string[]): MarkdownIt.Token[] {
  const html = keys.map((k) => `<a class="cite" href="#ref-${k}">${numberFor(env, k)}</a>`).join(', ');
  const tok = new state.Token('html_inline', '', 0);
  tok.content = `<span class="citation">[${html}]</span>`;
  return [tok];
}

export function citationPlugin(md: MarkdownIt): void {
  md.core.ruler.after('text_join', 'citations', (state) => {
    const env = state.env as RenderEnv;
    for (const block of state.tokens) {
      if (block.type !== 'inline' || !block.children) continue;
      const out: MarkdownIt.Token[] = [];
      for (const tok of block.children) {
        if (tok.type !== 'text' || !tok.content.includes('[@')) {
          out.push(tok);
          continue;
        }
        let last = 0;
        for (const m of tok.content.matchAll(CITATION)) {
          const keys = m[1]!.split(';').map((k) => k.trim().slice(1));
          if (m.index! > last) out.push(Object.assign(new state.Token('text', '', 0), { content: tok.content.slice(last, m.index) }));
          out.push(...citationTokens(state, env, keys));
          last = m.index! + m[0].length;
        }
        if (last < tok.content.length) out.push(Object.assign(new state.Token('text', '', 0), { content: tok.content.slice(last) }));
      }
      block.children = out;
    }
  });
}

function entryHtml(e: BibEntry, n: number): string {
  const title = e.url ? `<a href="${escapeHtml(e.url)}">${escapeHtml(e.title)}</a>` : escapeHtml(e.title);
  return `<li id="ref-${e.key}" value="${n}"><span class="ref-number">[${n}]</span> ${escapeHtml(e.authors)} (${e.year}). ${title}. <i>${escapeHtml(e.venue)}</i>.</li>`;
}

/** The References section, works in citation order; empty when nothing was cited. */
export function referencesHtml(c: CitationState): string {
  if (c.order.size === 0) return '';
  const items = [...c.order].map(([key, n]) => entryHtml(c.bib.get(key)!, n));
  return `<section class="references" id="references">\n<h2 class="section-heading level-1 unnumbered" id="sec-references">References</h2>\n<ol class="references">\n${items.join('\n')}\n</ol>\n</section>`;
}

/** Entries of the bibliography that nothing in the report cites. */
export function uncited(c: CitationState): string[] {
  return [...c.bib.keys()].filter((k) => !c.order.has(k));
}
