/**
 * The notebooks' `assert`: node:assert/strict with the same calls, but a failure reads as a sentence.
 * tslab prints a thrown error with `console.error`, i.e. util.inspect: the stack into tslab's own frames
 * and AssertionError's fields ("actual: false, expected: true, operator: '=='"), which tell a reader of
 * Jupyter nothing about which claim broke. A ClaimFailed prints only
 *   Claim failed: <the message the cell gave>
 *     measured: <what was measured instead>
 * The optional last argument names the measured values of a boolean claim, e.g.
 *   assert(gain > 0, "claim in Section 7: augmentation raises validation accuracy", { "mean gain (points)": gain })
 * For equal / deepEqual the measured and expected values are shown by themselves.
 */
import nodeAssert, { AssertionError } from 'node:assert/strict';
import { inspect } from 'node:util';

export type Measured = Record<string, unknown>;

function show(v: unknown): string {
  return inspect(v, { depth: 3, breakLength: 100, maxArrayLength: 20, maxStringLength: 200 });
}

export class ClaimFailed extends Error {
  constructor(readonly claim: string, readonly measured: string[]) {
    super([`Claim failed: ${claim}`, ...measured.map((m) => `  ${m}`)].join('\n'));
    this.name = 'ClaimFailed';
    // What tslab (and the renderer's log) print: the sentence, not a stack through the kernel.
    this.stack = this.message;
  }

  [inspect.custom](): string {
    return this.message;
  }
}

const COMPARISONS = new Set(['strictEqual', 'notStrictEqual', 'deepStrictEqual']);

function measuredLines(e: AssertionError, measured: Measured | undefined): string[] {
  if (measured) return Object.entries(measured).map(([k, v]) => `measured ${k}: ${show(v)}`);
  if (!COMPARISONS.has(e.operator)) return [];
  return [`measured: ${show(e.actual)}`, `expected (${e.operator}): ${show(e.expected)}`];
}

function rethrow(e: unknown, message: unknown, measured?: Measured): never {
  if (!(e instanceof AssertionError)) throw e;
  // The cell's own words when it gave some (node appends a diff to them); else node's first line, except for
  // a bare assert(x), which node can only word as "false == true" from inside this module.
  const claim = typeof message === 'string' ? message
    : e.operator === '==' ? 'an unnamed check of this cell (its condition was false)'
    : e.message.split('\n')[0].replace(/:$/, '');
  throw new ClaimFailed(claim, measuredLines(e, measured));
}

function wrap<A extends unknown[]>(check: (...args: A) => void, messageAt: number) {
  return (...args: A): void => {
    try {
      check(...args);
    } catch (e) {
      rethrow(e, args[messageAt]);
    }
  };
}

function ok(value: unknown, message?: string, measured?: Measured): asserts value {
  try {
    nodeAssert.ok(value, message);
  } catch (e) {
    rethrow(e, message, measured);
  }
}

type Assert = typeof ok & {
  ok: typeof ok;
  equal: <T>(actual: unknown, expected: T, message?: string) => asserts actual is T;
  notEqual: (actual: unknown, expected: unknown, message?: string) => void;
  deepEqual: <T>(actual: unknown, expected: T, message?: string) => asserts actual is T;
  throws: typeof nodeAssert.throws;
};

const assert: Assert = Object.assign(ok, {
  ok,
  equal: wrap(nodeAssert.equal, 2) as Assert['equal'],
  notEqual: wrap(nodeAssert.notEqual, 2),
  deepEqual: wrap(nodeAssert.deepEqual, 2) as Assert['deepEqual'],
  throws: wrap(nodeAssert.throws as (...args: unknown[]) => void, 2) as typeof nodeAssert.throws,
});

export default assert;
