// The parts of nbformat 4 the renderer reads. Multiline strings may be stored as string[] (joined as-is).
import { readFileSync } from 'node:fs';
import { ReportError } from './errors';

export type MultilineString = string | string[];

export interface RawOutput {
  output_type: 'stream' | 'display_data' | 'execute_result' | 'error' | 'update_display_data';
  name?: string;
  text?: MultilineString;
  data?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
  traceback?: string[];
}

export interface RawCell {
  cell_type: 'markdown' | 'code' | 'raw';
  source: MultilineString;
  metadata?: { tags?: string[]; [key: string]: unknown };
  outputs?: RawOutput[];
}

export interface RawNotebook {
  cells: RawCell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

export function joinMultiline(s: MultilineString | undefined): string {
  if (s === undefined) return '';
  return Array.isArray(s) ? s.join('') : s;
}

/**
 * Reads an executed notebook (already validated by nbformat when it was executed); only checks the shape
 * the renderer relies on, so a hand-edited file still fails with its name.
 */
export function readNotebook(path: string): RawNotebook {
  let nb: unknown;
  try {
    nb = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ReportError(`${path}: cannot read notebook JSON: ${(e as Error).message}`);
  }
  const o = nb as Partial<RawNotebook>;
  if (typeof o !== 'object' || o === null || !Array.isArray(o.cells) || o.nbformat !== 4) {
    throw new ReportError(`${path}: expected an nbformat 4 notebook with a "cells" array, found ${
      o && typeof o === 'object' ? `nbformat ${String(o.nbformat)}` : typeof o}`);
  }
  return { metadata: {}, nbformat_minor: 0, ...o } as RawNotebook;
}
