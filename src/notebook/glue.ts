/**
 * Named values (in the spirit of MyST-NB's `glue`): a code cell publishes a number it computed, and
 * markdown cells anywhere in the report cite it as {glue}`name`. The renderer substitutes the text, so
 * numbers in prose stay computed without generating the prose itself from string templates.
 * See docs/NOTEBOOK-OUTPUTS.md ("Named values").
 */
import { emit, type DisplayBundle } from './display';
import { formatProse } from './format';
import { recordGlueFromEnv } from './glue-store';

export const GLUE_MIME = 'application/vnd.assignment-one.glue+json';

/** Lowercase letters and digits, single dashes between them: "xavier-gain", "acc-final-2". */
export const GLUE_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface GlueValue {
  name: string;
  value: number | string;
  /** How the value reads in prose. */
  text: string;
}

export function glueBundle(name: string, value: number | string, text?: string): DisplayBundle {
  const where = 'glue (src/notebook/glue.ts)';
  if (typeof name !== 'string' || !GLUE_NAME.test(name)) {
    throw new Error(`${where}: name must be lowercase letters, digits and single dashes, got ${JSON.stringify(name)}`);
  }
  if (typeof value === 'number' ? !Number.isFinite(value) : typeof value !== 'string') {
    throw new Error(`${where}: ${name}: value must be a finite number or a string, got ${String(value)}`);
  }
  if (text !== undefined && (typeof text !== 'string' || text.trim() === '')) {
    throw new Error(`${where}: ${name}: text, when given, must be a non-empty string, got ${JSON.stringify(text)}`);
  }
  const shown = text ?? (typeof value === 'number' ? formatProse(value) : value);
  if (shown.trim() === '') throw new Error(`${where}: ${name}: the value reads as empty text`);
  const glued: GlueValue = { name, value, text: shown };
  return {
    // No text/plain: Jupyter shows a display_data only through a MIME type it knows, so a glue stays invisible
    // there (the report never shows it either); a "name = value" line per glue was only noise between outputs.
    data: { [GLUE_MIME]: { ...glued } },
    metadata: { report: { kind: 'glue', name } },
  };
}

/**
 * Publishes `value` under `name`; markdown refers to it as {glue}`name`. In a Jupyter session started by
 * `npm run notebook` it also updates the glue store (src/notebook/glue-store.ts), before the output reaches
 * the frontend, so the other notebooks show the new text too.
 */
export function glue(name: string, value: number | string, text?: string): DisplayBundle | undefined {
  const bundle = glueBundle(name, value, text);
  recordGlueFromEnv(bundle.data[GLUE_MIME] as unknown as GlueValue);
  return emit(bundle);
}
