// A notebook cell → a function the live kernel can call, with tslab's semantics: cells of one notebook
// share their top-level names (imports included) and run in order, top-level await works, and the value
// of a last bare expression is the cell's result. Names live on one scope object per notebook; the cell
// body runs inside `with (scope)` so it reads and assigns earlier cells' names, and its own top-level
// declarations are copied onto the scope when it ends (even when it throws).
import ts from 'typescript';
import { sourceLines } from './source-map-lines';

export interface CompiledCell {
  /** Names the cell declares as types only. */
  types: string[];
  /** Calls the cell; resolves to the value of its last bare expression (undefined if none). */
  run(scope: Record<string, unknown>, importModule: (spec: string) => unknown): Promise<unknown>;
  /** Names the cell declares at its top level. */
  names: string[];
  /** The cell line (1-based) an error stack's innermost cell frame points at, if any. */
  errorLine(stack: string | undefined): number | undefined;
}

/** Lines before the cell's first line in the generated function (Function's own header + our prefix). */
const BODY_LINE_OFFSET = 3;

/**
 * Where in the cell an error was thrown: the innermost frame of the cell's own code (V8 names code made
 * by new Function "<anonymous>"), mapped back through the transpiler's source map to the cell's line.
 */
export function cellLine(stack: string | undefined, lines: (number | undefined)[]): number | undefined {
  const m = /<anonymous>:(\d+):(\d+)/.exec(stack ?? '');
  if (!m) return undefined;
  return lines[Number(m[1]) - BODY_LINE_OFFSET - 1];
}

interface Edit { start: number; end: number; text: string }

function bindingNames(name: ts.BindingName, out: string[]): void {
  if (ts.isIdentifier(name)) out.push(name.text);
  else for (const el of name.elements) if (!ts.isOmittedExpression(el)) bindingNames(el.name, out);
}

/** The same number of line breaks as the replaced text, so errors keep their line numbers. */
function keepLines(original: string, text: string): string {
  return text + '\n'.repeat((original.match(/\n/g) ?? []).length);
}

/** Names an import brings in as types only (`import type`, `type X` specifiers). */
function importedTypes(node: ts.ImportDeclaration, types: string[]): void {
  const clause = node.importClause;
  if (!clause) return;
  if (clause.isTypeOnly && clause.name) types.push(clause.name.text);
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) if (clause.isTypeOnly || e.isTypeOnly) types.push(e.name.text);
  if (bindings && ts.isNamespaceImport(bindings) && clause.isTypeOnly) types.push(bindings.name.text);
}

function importEdit(sf: ts.SourceFile, node: ts.ImportDeclaration, names: string[]): Edit {
  const spec = (node.moduleSpecifier as ts.StringLiteral).text;
  const original = node.getText(sf);
  const clause = node.importClause;
  const load = `__import(${JSON.stringify(spec)})`;
  let text: string;
  if (!clause) text = `${load};`;
  else if (clause.isTypeOnly) text = '';
  else {
    const parts: string[] = [];
    if (clause.name) {
      names.push(clause.name.text);
      parts.push(`const ${clause.name.text} = __default(${load});`);
    }
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) {
      names.push(bindings.name.text);
      parts.push(`const ${bindings.name.text} = ${load};`);
    } else if (bindings) {
      const fields = bindings.elements.filter((e) => !e.isTypeOnly).map((e) => {
        names.push(e.name.text);
        return e.propertyName ? `${e.propertyName.getText(sf)}: ${e.name.text}` : e.name.text;
      });
      if (fields.length > 0) parts.push(`const { ${fields.join(', ')} } = ${load};`);
    }
    text = parts.join(' ');
  }
  return { start: node.getStart(sf), end: node.getEnd(), text: keepLines(original, text) };
}

function declaredNames(node: ts.Statement, out: string[]): void {
  if (ts.isVariableStatement(node)) {
    if (node.modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)) return;
    for (const d of node.declarationList.declarations) bindingNames(d.name, out);
  } else if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isEnumDeclaration(node)) && node.name) {
    out.push(node.name.text);
  }
}

/**
 * The cell with imports turned into scope reads and its last bare expression captured; `names` are the
 * values it declares, `types` the names it declares as types only (the type check of later cells needs them).
 */
export function rewriteCell(source: string): { code: string; names: string[]; types: string[] } {
  const sf = ts.createSourceFile('cell.ts', source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const names: string[] = [];
  const types: string[] = [];
  const edits: Edit[] = [];
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st)) {
      edits.push(importEdit(sf, st, names));
      importedTypes(st, types);
    } else if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) types.push(st.name.text);
    else declaredNames(st, names);
  }
  const last = sf.statements[sf.statements.length - 1];
  if (last && ts.isExpressionStatement(last)) {
    edits.push({ start: last.expression.getStart(sf), end: last.expression.getStart(sf), text: '__last = (' });
    edits.push({ start: last.expression.getEnd(), end: last.expression.getEnd(), text: ')' });
  }
  let code = source;
  for (const e of edits.sort((a, b) => b.start - a.start || b.end - a.end)) code = code.slice(0, e.start) + e.text + code.slice(e.end);
  return { code, names: [...new Set(names)], types: [...new Set(types)] };
}

export function compileCell(source: string): CompiledCell {
  const { code, names, types } = rewriteCell(source);
  const out = ts.transpileModule(code, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, alwaysStrict: false, sourceMap: true },
    reportDiagnostics: false, fileName: 'cell.ts',
  });
  const js = out.outputText.replace(/\n\/\/# sourceMappingURL=.*$/, '');
  const lines = sourceLines((JSON.parse(out.sourceMapText ?? '{"mappings":""}') as { mappings: string }).mappings);
  // The cell's declarations are scoped to the try block, so the copy is a closure made inside it (first,
  // before the cell's code); a name still in its temporal dead zone when the cell threw is skipped.
  const capture = names.map((n) => `try { __scope[${JSON.stringify(n)}] = ${n}; } catch {}`).join(' ');
  // Line 1 of the body holds our prefix, so the cell's line L is line L + BODY_LINE_OFFSET of the function.
  const body = `with (__scope) { return (async () => { let __last, __capture; try { __capture = () => { ${capture} };\n${js}\n; return __last; } finally { __capture?.(); } })(); }`;
  // eslint-disable-next-line no-new-func
  const fn = new Function('__scope', '__import', '__default', body) as (s: unknown, i: unknown, d: unknown) => Promise<unknown>;
  const asDefault = (m: unknown): unknown => {
    const mod = m as { default?: unknown; __esModule?: boolean };
    return mod && typeof mod === 'object' && 'default' in mod ? mod.default : m;
  };
  return { names, types, run: (scope, importModule) => fn(scope, importModule, asDefault), errorLine: (stack) => cellLine(stack, lines) };
}
