// The team's rule "no function over 60 lines", checked over src/ so it cannot erode unnoticed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const MAX_LINES = 60;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every function-like node (declarations, methods, arrows, function expressions) with its line span. */
export function longFunctions(file: string, text: string, max: number): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined) {
      const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
      const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line + 1;
      const name = (node as ts.FunctionLikeDeclaration).name?.getText(sf) ?? '(anonymous)';
      if (end - start + 1 > max) found.push(`${relative(ROOT, file)}:${start} ${name}: ${end - start + 1} lines`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

test(`no function in src/ is longer than ${MAX_LINES} lines`, () => {
  const long = sourceFiles(join(ROOT, 'src')).flatMap((f) => longFunctions(f, readFileSync(f, 'utf8'), MAX_LINES));
  assert.deepEqual(long, [], `functions over ${MAX_LINES} lines:\n${long.join('\n')}`);
});

test('the length check sees a long function (it can fail)', () => {
  const body = Array.from({ length: MAX_LINES }, (_, i) => `  const v${i} = ${i};`).join('\n');
  assert.equal(longFunctions('x.ts', `function tooLong() {\n${body}\n}\n`, MAX_LINES).length, 1);
  assert.equal(longFunctions('x.ts', `const f = () => {\n${body}\n};\n`, MAX_LINES).length, 1);
  assert.equal(longFunctions('x.ts', 'function short() {\n  return 1;\n}\n', MAX_LINES).length, 0);
});
