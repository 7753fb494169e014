import { fsErrorMessage } from '../results/fs-error';

/**
 * A strict `--flag value` parser: unknown flags and malformed values are errors that list what
 * is accepted, because a typo silently ignored would run the wrong experiment for an hour.
 */
export interface FlagSpec {
  kind: 'string' | 'int' | 'boolean';
  help: string;
  /** Accepted range of an 'int' flag (inclusive); without them, any safe integer. */
  min?: number;
  max?: number;
}

/** Parses an 'int' flag's value, refusing what the code cannot represent with the accepted range. */
function parseIntFlag(value: string, name: string, s: FlagSpec, command: string): number {
  if (!/^-?\d+$/.test(value)) throw new UsageError(`${command}: option --${name} expects an integer, found '${value}'`);
  const n = Number(value);
  const min = s.min ?? Number.MIN_SAFE_INTEGER;
  const max = s.max ?? Number.MAX_SAFE_INTEGER;
  // Range check on the exact digits' value: a huge number rounds to a double that may look in range.
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`${command}: option --${name} expects an integer from ${min} to ${max}, found '${value}'`);
  }
  return n;
}

export function parseFlags<T extends Record<string, FlagSpec>>(argv: string[], spec: T, command: string): Partial<Record<keyof T, string | number | boolean>> {
  const out: Partial<Record<keyof T, string | number | boolean>> = {};
  const usage = (): string =>
    `usage: ${command} ` + Object.entries(spec).map(([name, s]) => (s.kind === 'boolean' ? `[--${name}]` : `[--${name} <${s.kind}>]`)).join(' ') +
    '\n' + Object.entries(spec).map(([name, s]) => `  --${name}: ${s.help}`).join('\n');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') throw new UsageError(usage());
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new UsageError(`${command}: unexpected argument '${arg}'\n${usage()}`);
    const name = match[1];
    const s = spec[name];
    if (!s) throw new UsageError(`${command}: unknown option '--${name}'; valid options: ${Object.keys(spec).map((n) => `--${n}`).join(', ')}`);
    if (s.kind === 'boolean') {
      out[name as keyof T] = true;
      continue;
    }
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new UsageError(`${command}: option --${name} expects a ${s.kind} value, found nothing`);
    if (s.kind === 'int') {
      out[name as keyof T] = parseIntFlag(value, name, s, command);
    } else {
      out[name as keyof T] = value;
    }
  }
  return out;
}

export class UsageError extends Error {}

/** Runs a CLI main: usage errors and other errors print one clear message and exit 2 or 1. */
export function runMain(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      // A file-system error names its file; anything else prints its message alone, never a stack.
      const message = fsErrorMessage(err) ?? (err instanceof Error ? err.message : String(err));
      process.stderr.write(`error: ${message}\n`);
      process.exit(err instanceof UsageError ? 2 : 1);
    },
  );
}
