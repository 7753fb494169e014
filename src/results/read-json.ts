import { readFileSync } from 'node:fs';

/** How a JSON value reads in an error message: its kind, since its content may be huge. */
export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const kind = typeof value;
  return kind === 'object' ? 'an object' : `a ${kind}`;
}

/**
 * Reads a JSON file that must hold an object (`what` names it: "run record", "results summary").
 * Valid JSON of another shape (null, a number, an array) is an error naming the file, rather than
 * a TypeError deep inside the caller.
 */
export function readJsonObject(path: string, what: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`${path}: not valid JSON (${(err as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${path}: expected a ${what} (a JSON object), found ${describeJson(parsed)}`);
  }
  return parsed as Record<string, unknown>;
}
