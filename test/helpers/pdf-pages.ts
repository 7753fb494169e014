// What each page of a PDF holds, from poppler's pdftotext: the text of every page, and how far down the
// page its content reaches (the lowest word above the footer), as a fraction of the text block's height.
import { spawnSync } from 'node:child_process';

export interface PdfPage {
  /** 1-based. */
  number: number;
  text: string;
  /** 0 (empty) … 1 (content down to the bottom margin). Figures count through their text (labels, ticks). */
  fill: number;
}

/** Page geometry of the report (render/pdf.ts): A4, 16 mm top and 18 mm bottom margins; the footer sits in the bottom margin. */
const MM = 72 / 25.4;
const TOP = 16 * MM;
const BOTTOM = 18 * MM;

function run(args: string[]): string {
  const r = spawnSync('pdftotext', args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`pdftotext ${args.join(' ')} failed: ${r.stderr || r.error?.message}`);
  return r.stdout;
}

export function readPdfPages(pdf: string): PdfPage[] {
  const texts = run(['-enc', 'UTF-8', '-layout', pdf, '-']).split('\f');
  const bbox = run(['-enc', 'UTF-8', '-bbox', pdf, '-']);
  const pages = [...bbox.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)];
  return pages.map((m, i) => {
    const height = Number(m[2]);
    const contentBottom = height - BOTTOM;
    let lowest = TOP;
    for (const w of m[3]!.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">/g)) {
      const yMax = Number(w[2]);
      if (yMax <= contentBottom && yMax > lowest) lowest = yMax;
    }
    return { number: i + 1, text: texts[i] ?? '', fill: Math.min(1, (lowest - TOP) / (contentBottom - TOP)) };
  });
}
