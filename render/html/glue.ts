// Named values: every `glue` output of the whole report is collected before any markdown is rendered, so
// a section may cite a number computed later; markdown then refers to it as {glue}`name` (MyST-NB's role).
import type MarkdownIt from 'markdown-it';
import type { CleanNotebook } from '../clean';
import { ReportError } from '../errors';
import { GLUE_MIME } from '../../src/notebook/glue';
import type { RenderEnv } from './markdown';

export interface GluedText {
  text: string;
  /** Where it was glued first ("notebooks/06-x.ipynb cell 12"). */
  where: string;
}

/** name → text; the same name glued twice is fine only if it reads the same both times. */
export function collectGlue(notebooks: CleanNotebook[]): Map<string, GluedText> {
  const glued = new Map<string, GluedText>();
  for (const nb of notebooks) {
    for (const cell of nb.cells) {
      if (cell.kind !== 'code') continue;
      for (const out of cell.outputs) {
        if (out.type !== 'data' || out.report?.kind !== 'glue') continue;
        const { name } = out.report;
        const text = (out.data[GLUE_MIME] as { text: string }).text;
        const first = glued.get(name);
        if (first && first.text !== text) {
          throw new ReportError(`${cell.where}: glue ${name} = "${text}" contradicts the same name glued in ${first.where} as "${first.text}"`);
        }
        if (!first) glued.set(name, { text, where: cell.where });
      }
    }
  }
  return glued;
}

const ROLE = '{glue}';

/** `{glue}` immediately followed by a code span: the code span's content is the name. */
export function gluePlugin(md: MarkdownIt): void {
  md.core.ruler.after('text_join', 'glue', (state) => {
    const env = state.env as RenderEnv;
    for (const block of state.tokens) {
      if (block.type !== 'inline' || !block.children) continue;
      const kids = block.children;
      for (let i = 0; i + 1 < kids.length; i++) {
        const tok = kids[i]!;
        const next = kids[i + 1]!;
        if (tok.type !== 'text' || !tok.content.endsWith(ROLE) || next.type !== 'code_inline') continue;
        const name = next.content;
        const value = env.glue?.get(name);
        if (!value) {
          throw new ReportError(`${env.where ?? 'markdown'}: unknown glue name {glue}\`${name}\`; glued names: ${
            env.glue && env.glue.size > 0 ? [...env.glue.keys()].sort().join(', ') : '(none)'}`);
        }
        tok.content = tok.content.slice(0, -ROLE.length);
        next.type = 'text';
        next.tag = '';
        next.markup = '';
        next.content = value.text;
      }
    }
  });
}
