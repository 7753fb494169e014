/**
 * Builds the three renderings of a table (HTML, Markdown, plain text) from one list of rows,
 * so the report, the notebook view and a terminal all show the same cells.
 */
import { formatNumber } from './format';
import { plural } from '../results/plural';

export type Cell = string | number;
export type TableInput = Record<string, Cell>[] | { columns: string[]; rows: Cell[][] };

export interface NormalizedTable {
  columns: string[];
  /** Cells already formatted as text. */
  rows: string[][];
  /** Which columns hold numbers only (right-aligned). */
  numeric: boolean[];
}

export function normalizeTable(input: TableInput, digits = 4): NormalizedTable {
  const where = 'showTable (src/notebook/table.ts)';
  let columns: string[];
  let raw: Cell[][];
  if (Array.isArray(input)) {
    if (input.length === 0) throw new Error(`${where}: expected at least one row, got an empty array`);
    columns = [];
    for (const row of input) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
    raw = input.map((row) => columns.map((c) => (c in row ? row[c] : '')));
  } else {
    if (!input || !Array.isArray(input.columns) || !Array.isArray(input.rows)) {
      throw new Error(`${where}: expected an array of row objects or { columns, rows }, got ${typeof input}`);
    }
    columns = input.columns;
    raw = input.rows;
    raw.forEach((row, i) => {
      if (row.length !== columns.length) {
        throw new Error(`${where}: row ${i} has ${plural(row.length, 'cell')}, expected ${columns.length} (one per column)`);
      }
    });
  }
  for (const [i, row] of raw.entries()) {
    for (const [j, cell] of row.entries()) {
      if (typeof cell !== 'string' && typeof cell !== 'number') {
        throw new Error(`${where}: cell (${i}, ${columns[j]}) must be a string or number, got ${typeof cell}`);
      }
    }
  }
  const numeric = columns.map((_, j) => raw.length > 0 && raw.every((row) => typeof row[j] === 'number'));
  const rows = raw.map((row) => row.map((cell) => (typeof cell === 'number' ? formatNumber(cell, digits) : cell)));
  return { columns, rows, numeric };
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function escapeMarkdownCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function tableHtml(t: NormalizedTable): string {
  const align = (j: number): string => (t.numeric[j] ? ' style="text-align:right"' : '');
  const head = t.columns.map((c, j) => `<th${align(j)}>${escapeHtml(c)}</th>`).join('');
  const body = t.rows
    .map((row) => `<tr>${row.map((cell, j) => `<td${align(j)}>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

export function tableMarkdown(t: NormalizedTable): string {
  const line = (cells: string[]): string => `| ${cells.map(escapeMarkdownCell).join(' | ')} |`;
  const rule = `|${t.numeric.map((n) => (n ? ' ---: ' : ' --- ')).join('|')}|`;
  return [line(t.columns), rule, ...t.rows.map(line)].join('\n');
}

export function tableText(t: NormalizedTable): string {
  const widths = t.columns.map((c, j) => Math.max(c.length, ...t.rows.map((r) => r[j].length)));
  const pad = (s: string, j: number): string => (t.numeric[j] ? s.padStart(widths[j]) : s.padEnd(widths[j]));
  const line = (cells: string[]): string => cells.map(pad).join('  ').trimEnd();
  return [line(t.columns), widths.map((w) => '-'.repeat(w)).join('  '), ...t.rows.map(line)].join('\n');
}
