// notebooks/references.json: the report's one bibliography, an array of {key, authors, year, title, venue, url?}.
import { existsSync, readFileSync } from 'node:fs';
import { ReportError } from './errors';

export interface BibEntry {
  /** lowercase first author + year + optional letter: "glorot2010", "he2015b". */
  key: string;
  /** As printed: "X. Glorot and Y. Bengio". */
  authors: string;
  year: number;
  title: string;
  venue: string;
  url?: string;
}

export const CITE_KEY = /^[a-z]+\d{4}[a-z]?$/;

function checkEntry(raw: unknown, i: number, path: string): BibEntry {
  const e = raw as Record<string, unknown>;
  const where = `${path} entry ${i}`;
  if (typeof e !== 'object' || e === null) throw new ReportError(`${where}: expected an object {key, authors, year, title, venue, url?}, found ${JSON.stringify(raw)}`);
  if (typeof e.key !== 'string' || !CITE_KEY.test(e.key)) {
    throw new ReportError(`${where}: key must be lowercase author + year + optional letter (e.g. "glorot2010"), found ${JSON.stringify(e.key)}`);
  }
  for (const field of ['authors', 'title', 'venue'] as const) {
    if (typeof e[field] !== 'string' || (e[field] as string).trim() === '') {
      throw new ReportError(`${where} (${e.key}): "${field}" must be a non-empty string, found ${JSON.stringify(e[field])}`);
    }
  }
  if (typeof e.year !== 'number' || !Number.isInteger(e.year) || !e.key.includes(String(e.year))) {
    throw new ReportError(`${where} (${e.key}): "year" must be an integer matching the key, found ${JSON.stringify(e.year)}`);
  }
  if (e.url !== undefined && (typeof e.url !== 'string' || !/^https?:\/\//.test(e.url))) {
    throw new ReportError(`${where} (${e.key}): "url" must be an http(s) URL, found ${JSON.stringify(e.url)}`);
  }
  return { key: e.key, authors: e.authors as string, year: e.year, title: e.title as string, venue: e.venue as string, ...(e.url ? { url: e.url as string } : {}) };
}

export function parseBibliography(text: string, path: string): Map<string, BibEntry> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ReportError(`${path}: cannot parse JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(raw)) throw new ReportError(`${path}: expected a JSON array of references, found ${typeof raw}`);
  const bib = new Map<string, BibEntry>();
  raw.forEach((r, i) => {
    const entry = checkEntry(r, i, path);
    if (bib.has(entry.key)) throw new ReportError(`${path} entry ${i}: duplicate key ${entry.key}`);
    bib.set(entry.key, entry);
  });
  return bib;
}

/** An absent file is an empty bibliography: citing anything then fails with the file's name. */
export function readBibliography(path: string): Map<string, BibEntry> {
  if (!existsSync(path)) return new Map();
  return parseBibliography(readFileSync(path, 'utf8'), path);
}
