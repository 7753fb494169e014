// `npm run report`: execute the notebooks, then render one report as <out>/report.html and <out>/report.pdf.
import { accessSync, constants, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { writeFileAtomic } from '../src/results/atomic-write';
import { fsErrorMessage } from '../src/results/fs-error';
import { readBibliography } from './bibliography';
import { cleanNotebook, type CleanNotebook } from './clean';
import { ReportError } from './errors';
import { checkKernelSpec, executeNotebook } from './execute';
import { buildDate, DEFAULT_META, renderReport } from './html/report';
import { writeReportGlueStore } from './jupyter-store';
import { readNotebook } from './notebook';
import { writeLiveReport } from './live/stage';
import { checkChromium, printPdf } from './pdf';
import { codeVersion } from './version';
import { plural } from '../src/results/plural';

const REPO = resolve(__dirname, '..');

export interface ReportOptions {
  quick: boolean;
  retrain: boolean;
  execute: boolean;
  pdf: boolean;
  live: boolean;
  only?: string;
  outDir: string;
  notebooksDir: string;
  jupyterPath: string;
  cellTimeout: number;
  startupTimeout: number;
}

const FLAGS: Record<string, string> = {
  '--quick': 'small experiment profile (REPORT_PROFILE=quick for the kernel)',
  '--retrain': 'recompute results instead of reusing saved ones (REPORT_RETRAIN=1)',
  '--no-execute': 're-render from the notebooks already executed into <out>/notebooks',
  '--only <substring>': 'execute only the notebooks whose file name contains <substring>',
  '--out <dir>': 'output directory (default render/out)',
  '--cell-timeout <seconds>': 'per-cell timeout (default 900)',
  '--startup-timeout <seconds>': 'kernel start-up timeout (default 120)',
  '--notebooks <dir>': 'notebook directory (default notebooks)',
  '--no-pdf': 'write report.html only',
  '--no-live': 'skip the live report (<out>/live/, every cell runnable in the browser)',
  '--help': 'this text',
};

function usage(): string {
  const width = Math.max(...Object.keys(FLAGS).map((f) => f.length));
  return `usage: tsx render/report.ts [options]\n${Object.entries(FLAGS).map(([f, d]) => `  ${f.padEnd(width)}  ${d}`).join('\n')}`;
}

export function parseArgs(argv: string[], cwd = process.cwd()): ReportOptions | 'help' {
  const o: ReportOptions = {
    quick: false, retrain: false, execute: true, pdf: true, live: true,
    outDir: join(REPO, 'render', 'out'),
    notebooksDir: join(REPO, 'notebooks'),
    jupyterPath: join(REPO, '.jupyter'),
    cellTimeout: 900, startupTimeout: 120,
  };
  const valid = Object.keys(FLAGS).map((f) => f.split(' ')[0]!);
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i]!;
    let inline: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      inline = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new ReportError(`option ${arg} needs a value`);
      return v;
    };
    const seconds = (): number => {
      const v = value();
      const n = Number(v);
      if (!Number.isFinite(n) || n <= 0) throw new ReportError(`option ${arg} expects a positive number of seconds, found ${JSON.stringify(v)}`);
      return n;
    };
    switch (arg) {
      case '--quick': o.quick = true; break;
      case '--retrain': o.retrain = true; break;
      case '--no-execute': o.execute = false; break;
      case '--no-pdf': o.pdf = false; break;
      case '--no-live': o.live = false; break;
      case '--only': o.only = value(); break;
      case '--out': o.outDir = resolve(cwd, value()); break;
      case '--notebooks': o.notebooksDir = resolve(cwd, value()); break;
      case '--cell-timeout': o.cellTimeout = seconds(); break;
      case '--startup-timeout': o.startupTimeout = seconds(); break;
      case '--help': case '-h': return 'help';
      default:
        throw new ReportError(`unknown option ${JSON.stringify(argv[i])}; valid options: ${valid.join(', ')}`);
    }
  }
  return o;
}

/** notebooks/NN-name.ipynb in report order (file name order). */
export function listNotebooks(dir: string): string[] {
  if (!existsSync(dir)) throw new ReportError(`notebook directory ${dir} does not exist`);
  if (!statSync(dir).isDirectory()) throw new ReportError(`--notebooks ${dir} is a file; expected the directory that holds the *.ipynb notebooks`);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    throw new ReportError(`cannot read the notebook directory: ${fsErrorMessage(err) ?? String(err)}`);
  }
  return names
    .filter((f) => f.endsWith('.ipynb') && !f.endsWith('.partial.ipynb') && !f.startsWith('.'))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * Before any work: the output directory must be (or become) a directory this process can write in.
 * A file there, or a file on its way, is found now rather than after an hour of notebooks.
 */
export function checkOutDir(dir: string): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new ReportError(`--out ${dir} is a file; expected a directory for report.html, report.pdf and notebooks/`);
  } else {
    let parent = dirname(dir);
    while (!existsSync(parent)) parent = dirname(parent);
    if (!statSync(parent).isDirectory()) throw new ReportError(`--out ${dir}: ${parent} is a file, so the directory cannot be created`);
    dir = parent;
  }
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new ReportError(`--out: cannot write in ${dir} (permission denied)`);
  }
}

function rel(p: string): string {
  return relative(process.cwd(), p) || p;
}

async function timed<T>(stage: string, fn: () => Promise<T> | T): Promise<T> {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    console.log(`stage ${stage}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
}

/** A section of the report as listed in its contents, with the PDF page it starts on (when printed). */
export interface SectionInfo {
  id: string;
  level: number;
  number: string;
  appendix: boolean;
  page?: number;
}

export interface ReportResult {
  html: string;
  pdf?: string;
  sections: SectionInfo[];
  /** Bibliography entries nothing cites. */
  uncited: string[];
}

export async function runReport(o: ReportOptions): Promise<ReportResult> {
  checkOutDir(o.outDir);
  const all = listNotebooks(o.notebooksDir);
  if (all.length === 0) throw new ReportError(`no notebooks (*.ipynb) in ${rel(o.notebooksDir)}`);
  const selected = o.only === undefined ? all : all.filter((p) => p.slice(o.notebooksDir.length).includes(o.only!));
  if (selected.length === 0) {
    throw new ReportError(`--only ${JSON.stringify(o.only)} matches none of: ${all.map((p) => rel(p)).join(', ')}`);
  }
  // Before any work: a broken browser found after an hour of notebooks wastes the hour.
  if (o.pdf) checkChromium();
  const executedDir = join(o.outDir, 'notebooks');
  const executedPath = (p: string): string => join(executedDir, p.slice(o.notebooksDir.length + 1));

  if (o.execute) {
    checkKernelSpec(o.jupyterPath);
    const env: Record<string, string> = {
      REPORT_PROFILE: o.quick ? 'quick' : process.env.REPORT_PROFILE ?? 'full',
    };
    if (o.retrain) env.REPORT_RETRAIN = '1';
    console.log(`executing ${selected.length} notebook(s) with REPORT_PROFILE=${env.REPORT_PROFILE}${o.retrain ? ' REPORT_RETRAIN=1' : ''}`);
    await timed('execute', async () => {
      for (const nb of selected) {
        await executeNotebook({
          input: nb, outDir: executedDir, jupyterPath: o.jupyterPath,
          cellTimeoutSeconds: o.cellTimeout, startupTimeoutSeconds: o.startupTimeout,
          env, progress: process.stdout,
        });
      }
    });
  }

  // The report always covers every notebook: --only re-executes a subset, the rest come from earlier runs.
  const missing = all.filter((p) => !existsSync(executedPath(p)));
  if (missing.length === all.length) {
    throw new ReportError(`no executed notebooks in ${rel(executedDir)}; run without --no-execute first`);
  }
  if (missing.length > 0) {
    console.warn(`warning: not executed yet, left out of the report: ${missing.map(rel).join(', ')} (run without --only/--no-execute)`);
  }

  const kept = all.filter((p) => !missing.includes(p));
  const cleaned: CleanNotebook[] = await timed('clean', () => kept.map((p) => cleanNotebook(readNotebook(executedPath(p)), rel(p))));
  const htmlPath = join(o.outDir, 'report.html');
  const pdfPath = join(o.outDir, 'report.pdf');
  // A report.pdf from an earlier run must not sit beside the new HTML, whether or not a PDF follows.
  rmSync(pdfPath, { force: true });
  const bibPath = join(o.notebooksDir, 'references.json');
  const meta = { ...DEFAULT_META, date: buildDate(), version: codeVersion(REPO) };
  const renderOptions = { bibliography: readBibliography(bibPath), bibliographySource: rel(bibPath) };
  const rendered = await timed('html', () => {
    const r = renderReport(cleaned, meta, renderOptions);
    writeFileAtomic(htmlPath, r.html);
    return r;
  });
  for (const w of rendered.warnings) console.warn(`warning: ${w}`);
  // The report's numbers for Jupyter's readers; a quick profile's or another folder's numbers are not the report's.
  if (!o.quick && (process.env.REPORT_PROFILE ?? 'full') === 'full' && resolve(o.notebooksDir) === join(REPO, 'notebooks')) {
    console.log(`wrote ${rel(writeReportGlueStore(o.jupyterPath, cleaned, rendered.cited))} (the values Jupyter shows across notebooks)`);
  }
  if (rendered.uncited.length > 0) console.warn(`warning: never cited, yet in the bibliography: ${rendered.uncited.join(', ')}`);
  console.log(`wrote ${rel(htmlPath)} (${(rendered.html.length / 1e6).toFixed(1)} MB; ${plural(rendered.sections.filter((s) => s.level === 1 && s.number && !s.appendix).length, 'section')}, ${plural(rendered.figures, 'figure')}, ${plural(rendered.tables, 'table')})`);

  if (o.live) {
    const env = { REPORT_PROFILE: o.quick ? 'quick' : process.env.REPORT_PROFILE ?? 'full' };
    const live = await timed('live', () => writeLiveReport(REPO, o.outDir, kept.map((p, i) => ({ cleaned: cleaned[i]!, executed: executedPath(p) })), meta, renderOptions, env));
    const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;
    console.log(`wrote ${rel(join(live.dir, 'index.html'))} (kernel bundle ${mb(live.sizes['worker.js']!)}${live.reused ? ', reused' : ''}, page script ${mb(live.sizes['page.js']!)}; serve it with \`npm run serve\`)`);
  }

  const sections = rendered.sections.map((e): SectionInfo => ({ id: e.id, level: e.level, number: e.number, appendix: e.appendix === true }));
  if (!o.pdf) return { html: htmlPath, sections, uncited: rendered.uncited };
  const pdf = await timed('pdf', () => printPdf(htmlPath, pdfPath, { title: DEFAULT_META.title }));
  for (const e of pdf.consoleErrors) console.warn(`warning: browser console: ${e}`);
  console.log(`wrote ${rel(pdfPath)}`);
  for (const s of sections) s.page = pdf.sectionPages.get(s.id);
  return { html: htmlPath, pdf: pdfPath, sections, uncited: rendered.uncited };
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const parsed = parseArgs(process.argv.slice(2));
  if (parsed === 'help') {
    console.log(usage());
    return;
  }
  await runReport(parsed);
  console.log(`report done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    // Bad input and file errors print one line naming the file; only a real bug keeps its stack.
    const message = e instanceof ReportError ? e.message : fsErrorMessage(e);
    if (message !== undefined) console.error(`report: ${message}`);
    else console.error(e);
    process.exit(1);
  });
}
