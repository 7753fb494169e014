// node:assert/strict for the browser bundle: the calls the notebooks' claims make (src/notebook/claim.ts),
// with Node's AssertionError fields (operator, actual, expected) so the claims word their failures alike.
import { inspect } from './node-util';

export class AssertionError extends Error {
  readonly actual: unknown;
  readonly expected: unknown;
  readonly operator: string;
  readonly code = 'ERR_ASSERTION';
  constructor(o: { message?: string; actual?: unknown; expected?: unknown; operator: string }) {
    super(o.message ?? `${inspect(o.actual)} ${o.operator} ${inspect(o.expected)}`);
    this.name = 'AssertionError';
    this.actual = o.actual;
    this.expected = o.expected;
    this.operator = o.operator;
  }
}

function fail(actual: unknown, expected: unknown, operator: string, message: unknown, fallback: string): never {
  if (message instanceof Error) throw message;
  throw new AssertionError({ message: typeof message === 'string' ? message : fallback, actual, expected, operator });
}

function deepEqualValues(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (a instanceof Map && b instanceof Map) return a.size === b.size && [...a].every(([k, v]) => b.has(k) && deepEqualValues(v, b.get(k)));
  if (a instanceof Set && b instanceof Set) return a.size === b.size && [...a].every((v) => b.has(v));
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  const ka = Object.keys(a), kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqualValues((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function ok(value: unknown, message?: unknown): asserts value {
  if (!value) fail(value, true, '==', message, 'The expression evaluated to a falsy value');
}

const strictEqual = (a: unknown, b: unknown, m?: unknown): void => {
  if (!Object.is(a, b)) fail(a, b, 'strictEqual', m, `Expected values to be strictly equal:\n\n${inspect(a)} !== ${inspect(b)}`);
};
const notStrictEqual = (a: unknown, b: unknown, m?: unknown): void => {
  if (Object.is(a, b)) fail(a, b, 'notStrictEqual', m, `Expected "actual" to be strictly unequal to: ${inspect(b)}`);
};
const deepStrictEqual = (a: unknown, b: unknown, m?: unknown): void => {
  if (!deepEqualValues(a, b)) fail(a, b, 'deepStrictEqual', m, `Expected values to be strictly deep-equal:\n${inspect(a)}\n!==\n${inspect(b)}`);
};
const notDeepStrictEqual = (a: unknown, b: unknown, m?: unknown): void => {
  if (deepEqualValues(a, b)) fail(a, b, 'notDeepStrictEqual', m, 'Expected "actual" not to be strictly deep-equal to "expected"');
};

function throws(fn: () => unknown, expected?: unknown, message?: unknown): void {
  try {
    fn();
  } catch (e) {
    if (expected instanceof RegExp && !expected.test(String((e as Error)?.message ?? e))) fail(e, expected, 'throws', message, `The error message does not match ${expected}`);
    if (typeof expected === 'function' && expected.prototype !== undefined && !(e instanceof (expected as new () => unknown))) throw e;
    return;
  }
  fail(undefined, expected, 'throws', typeof expected === 'string' ? expected : message, 'Missing expected exception.');
}

const assert = Object.assign((value: unknown, message?: unknown) => ok(value, message), {
  ok, equal: strictEqual, notEqual: notStrictEqual, strictEqual, notStrictEqual,
  deepEqual: deepStrictEqual, deepStrictEqual, notDeepEqual: notDeepStrictEqual, notDeepStrictEqual,
  throws, AssertionError, fail: (message?: string): never => fail(undefined, undefined, 'fail', message, 'Failed'),
});
Object.assign(assert, { strict: assert });

export { ok, strictEqual, notStrictEqual, deepStrictEqual, notDeepStrictEqual, throws };
export const equal = strictEqual, notEqual = notStrictEqual, deepEqual = deepStrictEqual;
export default assert;
