// Everything the page needs, inlined, so report.html works offline and from an e-mail attachment.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ReportError } from '../errors';

function packageDir(name: string): string {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    throw new ReportError(`npm package ${name} is not installed; run \`npm install\``);
  }
}

let katexCssCache: string | undefined;

/** KaTeX's stylesheet with its woff2 fonts as data URLs (every browser that prints PDFs reads woff2). */
export function katexCss(): string {
  if (katexCssCache !== undefined) return katexCssCache;
  const dist = join(packageDir('katex'), 'dist');
  const css = readFileSync(join(dist, 'katex.min.css'), 'utf8');
  katexCssCache = css.replace(/src:([^;}]+)/g, (_all, sources: string) => {
    const woff2 = /url\((fonts\/[^)]+\.woff2)\)/.exec(sources);
    if (!woff2) return `src:${sources}`;
    const data = readFileSync(join(dist, woff2[1]!)).toString('base64');
    return `src:url(data:font/woff2;base64,${data}) format("woff2")`;
  });
  if (/url\(fonts\//.test(katexCssCache)) throw new ReportError('katex.min.css: a font was left as a relative url; the inliner needs updating');
  return katexCssCache;
}

/** The minified plotly.js bundle, safe to put inside a <script> element. */
export function plotlyJs(): string {
  const js = readFileSync(join(packageDir('plotly.js-dist-min'), 'plotly.min.js'), 'utf8');
  return js.replace(/<\/script/gi, '<\\/script');
}
