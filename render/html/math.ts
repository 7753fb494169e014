// markdown-it plugin: `$…$` and `$$…$$` rendered to HTML with KaTeX at build time (no client-side math).
// Delimiter rules follow pandoc's tex_math_dollars so prices like "$5 and $10" stay text: an opening `$`
// must be followed by a non-space, a closing `$` preceded by a non-space and not followed by a digit.
import katex from 'katex';
import type MarkdownIt from 'markdown-it';
import { ReportError } from '../errors';

export interface MathEnv {
  /** Where the markdown comes from, for error messages ("notebooks/02-x.ipynb cell 3"). */
  where?: string;
}

export function renderTex(tex: string, displayMode: boolean, where: string | undefined): string {
  try {
    return katex.renderToString(tex, { displayMode, throwOnError: true, output: 'html', strict: 'ignore' });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new ReportError(`${where ?? 'markdown'}: bad math ${displayMode ? '$$' : '$'}${tex}${displayMode ? '$$' : '$'}: ${msg}`);
  }
}

function mathInline(state: MarkdownIt.StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  if (src.charCodeAt(start) !== 0x24 /* $ */) return false;

  // `$$…$$` inside a paragraph: display math that the author wrote inline.
  if (src.charCodeAt(start + 1) === 0x24) {
    const end = src.indexOf('$$', start + 2);
    if (end < 0) return false;
    const tex = src.slice(start + 2, end);
    if (tex.trim() === '') return false;
    if (!silent) {
      const token = state.push('math_block_inline', 'math', 0);
      token.content = tex;
      token.markup = '$$';
    }
    state.pos = end + 2;
    return true;
  }

  const next = src.charCodeAt(start + 1);
  if (Number.isNaN(next) || next === 0x20 || next === 0x09 || next === 0x0a) return false;
  let end = start + 1;
  for (;;) {
    end = src.indexOf('$', end);
    if (end < 0) return false;
    if (src.charCodeAt(end - 1) === 0x5c /* \ */) {
      end += 1;
      continue;
    }
    const before = src.charCodeAt(end - 1);
    const after = src.charCodeAt(end + 1);
    if (before === 0x20 || before === 0x09 || before === 0x0a || (after >= 0x30 && after <= 0x39)) {
      end += 1;
      continue;
    }
    break;
  }
  if (end === start + 1) return false;
  if (!silent) {
    const token = state.push('math_inline', 'math', 0);
    token.content = src.slice(start + 1, end);
    token.markup = '$';
  }
  state.pos = end + 1;
  return true;
}

function mathBlock(state: MarkdownIt.StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  let pos = state.bMarks[startLine]! + state.tShift[startLine]!;
  let max = state.eMarks[startLine]!;
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false; // indented code
  if (pos + 2 > max || state.src.slice(pos, pos + 2) !== '$$') return false;
  pos += 2;
  let firstLine = state.src.slice(pos, max);
  let lastLine = '';
  let next = startLine;
  let found = false;

  if (firstLine.trim().endsWith('$$')) {
    // $$ … $$ on one line
    firstLine = firstLine.trim().slice(0, -2);
    found = true;
  }
  if (silent) return true;

  while (!found) {
    next++;
    if (next >= endLine) break;
    pos = state.bMarks[next]! + state.tShift[next]!;
    max = state.eMarks[next]!;
    if (pos < max && state.tShift[next]! < state.blkIndent) break;
    const line = state.src.slice(pos, max);
    if (line.trim().endsWith('$$')) {
      lastLine = line.trim().slice(0, -2);
      found = true;
    }
  }
  if (!found) return false; // an unclosed $$ is left to the paragraph rule, and shows up as text

  state.line = next + 1;
  const token = state.push('math_block', 'math', 0);
  token.block = true;
  token.content =
    (firstLine.trim() ? `${firstLine}\n` : '') +
    state.getLines(startLine + 1, next, state.tShift[startLine]!, true) +
    (lastLine.trim() ? lastLine : '');
  token.map = [startLine, state.line];
  token.markup = '$$';
  return true;
}

export function mathPlugin(md: MarkdownIt): void {
  md.inline.ruler.after('escape', 'math_inline', mathInline);
  md.block.ruler.after('blockquote', 'math_block', mathBlock, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  md.renderer.rules.math_inline = (tokens, idx, _o, env: MathEnv) => renderTex(tokens[idx]!.content, false, env?.where);
  md.renderer.rules.math_block_inline = (tokens, idx, _o, env: MathEnv) =>
    `<span class="math-display">${renderTex(tokens[idx]!.content, true, env?.where)}</span>`;
  md.renderer.rules.math_block = (tokens, idx, _o, env: MathEnv) =>
    `<div class="math-display">${renderTex(tokens[idx]!.content, true, env?.where)}</div>\n`;
}
