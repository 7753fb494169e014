// Type-checks a cell in the page, as tslab does before running it: a cell with a type error does not run,
// and the error reads "line:column" in the cell. The library's modules are typed `any` here (shipping
// their declarations would double the bundle), so the check catches the cell's own mistakes: a wrong
// literal type, a misspelt local, a call with too few arguments to a function the cell declares.
import ts from 'typescript';

export interface CellDiagnostic { line: number; column: number; code: number; message: string }

/** Ambient declarations for everything a cell may import or use from its environment. */
const ENVIRONMENT = `
declare module '@assignment-one/src/*';
declare module '@tensorflow/*';
declare module 'mathjs';
declare module 'node:*';
declare var console: any;
declare var process: any;
declare var performance: { now(): number };
declare function setTimeout(f: (...a: any[]) => void, ms?: number, ...args: any[]): number;
declare function clearTimeout(id?: number): void;
declare function queueMicrotask(f: () => void): void;
declare var structuredClone: <T>(v: T) => T;
declare class TextEncoder { encode(s?: string): Uint8Array }
declare class TextDecoder { constructor(label?: string); decode(b?: ArrayBufferView | ArrayBuffer): string }
declare var Buffer: any;
declare var navigator: any;
declare var self: any;
declare var location: any;
declare var crossOriginIsolated: boolean;
declare function fetch(input: any, init?: any): Promise<any>;
declare var URL: any;
declare var Blob: any;
declare var require: any;
`;

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2022.d.ts'], types: [], noEmit: true, strict: false, skipLibCheck: true, allowJs: false,
};

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * Earlier cells' names, `any` in a global script so the cell module may shadow them: values as variables,
 * and every name as a type too (an imported class is used as a type), generic or not.
 */
function scopeDeclarations(values: string[], types: string[]): string {
  const typeAlias = (n: string): string => `type ${n}<A = any, B = any, C = any, D = any> = any;`;
  const all = [...new Set([...values, ...types])].filter((n) => IDENTIFIER.test(n));
  return [...values.filter((n) => IDENTIFIER.test(n)).map((n) => `declare var ${n}: any;`), ...all.map(typeAlias)].join('\n');
}

export class CellChecker {
  private readonly libs = new Map<string, ts.SourceFile>();
  private old: ts.Program | undefined;

  /** `libText(name)` returns the text of lib.<name>.d.ts (the kernel fetches them once). */
  constructor(private readonly libText: (file: string) => string | undefined) {}

  check(source: string, earlierNames: string[], earlierTypes: string[] = []): CellDiagnostic[] {
    // `export {}` makes the cell a module (for top-level await) without moving its line numbers.
    const files = new Map<string, string>([
      ['/cell.ts', `${source}\nexport {};`],
      ['/environment.d.ts', `${ENVIRONMENT}\n${scopeDeclarations(earlierNames, earlierTypes)}`],
    ]);
    const host: ts.CompilerHost = {
      getSourceFile: (name, target) => {
        const text = files.get(name);
        if (text !== undefined) return ts.createSourceFile(name, text, target, true);
        const base = name.split('/').pop()!;
        let lib = this.libs.get(base);
        if (lib === undefined) {
          const t = this.libText(base);
          if (t === undefined) return undefined;
          lib = ts.createSourceFile(base, t, target, true);
          this.libs.set(base, lib);
        }
        return lib;
      },
      getDefaultLibFileName: () => '/lib.es2022.d.ts',
      getDefaultLibLocation: () => '/',
      writeFile: () => {},
      getCurrentDirectory: () => '/',
      getDirectories: () => [],
      fileExists: (name) => files.has(name) || this.libText(name.split('/').pop()!) !== undefined,
      readFile: (name) => files.get(name) ?? this.libText(name.split('/').pop()!),
      getCanonicalFileName: (n) => n,
      useCaseSensitiveFileNames: () => true,
      getNewLine: () => '\n',
    };
    const program = ts.createProgram({ rootNames: ['/cell.ts', '/environment.d.ts'], options: OPTIONS, host, oldProgram: this.old });
    this.old = program;
    const cell = program.getSourceFile('/cell.ts')!;
    const found = [...program.getSyntacticDiagnostics(cell), ...program.getSemanticDiagnostics(cell)];
    return found.map((d) => {
      const at = cell.getLineAndCharacterOfPosition(d.start ?? 0);
      return { line: at.line + 1, column: at.character + 1, code: d.code, message: ts.flattenDiagnosticMessageText(d.messageText, '\n') };
    });
  }
}
