// The live kernel's cell semantics (render/live/browser/cell-compile.ts), run in Node: names shared across
// cells, imports as scope reads, top-level await, the last expression's value, and line numbers kept.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileCell, rewriteCell } from '../../render/live/browser/cell-compile';
import { CellChecker } from '../../render/live/browser/cell-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const modules: Record<string, unknown> = { lib: { double: (x: number) => 2 * x, default: 'the default' } };
const importModule = (spec: string): unknown => modules[spec];

test('cells share top-level names, imports included, and see reassignments', async () => {
  const scope: Record<string, unknown> = Object.create(null);
  await compileCell('import { double as twice } from "lib";\nimport d from "lib";\nimport * as all from "lib";\nlet n = twice(21);\nfunction f() { return n; }').run(scope, importModule);
  assert.equal(scope.n, 42);
  assert.equal(scope.d, 'the default');
  assert.equal(await compileCell('n = n + 1;\nall.double(n)').run(scope, importModule), 86);
  assert.equal(scope.n, 43);
  assert.equal(await compileCell('const { a, b: [c] } = { a: 1, b: [2] };\nawait Promise.resolve(a + c)').run(scope, importModule), 3);
  assert.equal(scope.c, 2);
});

test('a cell that throws still leaves the names it defined before the throw', async () => {
  const scope: Record<string, unknown> = Object.create(null);
  await assert.rejects(compileCell('const early = 1;\nthrow new Error("late");\nconst never = 2;').run(scope, importModule), /late/);
  assert.equal(scope.early, 1);
  assert.equal('never' in scope, false);
});

test('rewriting keeps every line where it was, and drops type-only imports', () => {
  const source = 'import {\n  a,\n  type B,\n} from "lib";\nimport type { C } from "lib";\nconst x: B = a;';
  const { code, names } = rewriteCell(source);
  assert.equal(code.split('\n').length, source.split('\n').length);
  assert.match(code.split('\n')[5]!, /^const x: B = a;$/);
  assert.deepEqual(names.sort(), ['a', 'x']);
});

test('the type check reports a wrong literal type at its line and column, and accepts library calls', () => {
  const lib = join(__dirname, '..', '..', 'node_modules', 'typescript', 'lib');
  const checker = new CellChecker((f) => { try { return readFileSync(join(lib, f), 'utf8'); } catch { return undefined; } });
  const bad = checker.check('const ok = 1;\nconst wrong: number = "three";', []);
  assert.equal(bad.length, 1);
  assert.deepEqual([bad[0]!.line, bad[0]!.column, bad[0]!.code], [2, 7, 2322]);
  assert.deepEqual(checker.check('import { run } from "@assignment-one/src/optim";\nconst r = await run(earlier, [1], (t: number[]) => t);\nconsole.log(r.thetas.length);', ['earlier']), []);
  assert.equal(checker.check('const y = notDefinedAnywhere + 1;', []).length, 1);
});

test('a runtime error is placed at its line in the cell, type annotations and imports notwithstanding', async () => {
  const scope: Record<string, unknown> = Object.create(null);
  const source = 'import { double } from "lib";\nconst n: number = double(1);\ninterface P { x: number }\nconst p: P | null = null;\nconsole.log(n, (p as any).x);';
  const cell = compileCell(source);
  const error = await cell.run(scope, importModule).then(() => undefined, (e: Error) => e);
  assert.ok(error instanceof TypeError);
  assert.equal(cell.errorLine(error.stack), 5, error.stack);
});
