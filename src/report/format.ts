/** How the report prints accuracies, spreads and p-values, so prose and tables agree. */
import { formatMeanStd, meanStd } from '../stats/summary';
import { superscript } from '../notebook/format';

/** "95.12" from a percentage. */
export function pct(percent: number, digits = 2): string {
  return percent.toFixed(digits);
}

/** "95.12 ± 0.30" (sample std over seeds); a single seed prints "95.12 ± n/a". */
export function meanStdText(percents: readonly number[], digits = 2): string {
  const { mean, std } = meanStd(percents);
  return formatMeanStd(mean, std, digits);
}

/** "95.1, 95.3, 95.0": per-seed values in seed order. */
export function perSeedText(percents: readonly number[], digits = 2): string {
  return percents.map((v) => v.toFixed(digits)).join(', ');
}

/** Two significant digits, and a bound below 10⁻⁶ rather than a spuriously precise tiny number. */
export function pValueText(p: number): string {
  if (!(p >= 0 && p <= 1)) throw new Error(`pValueText (src/report/format.ts): expected a probability, got ${p}`);
  if (p < 1e-6) return 'p < 10⁻⁶';
  if (p < 1e-3) return `p = ${p.toExponential(1).replace(/e-(\d+)/, (_, e) => `·10⁻${superscript(e)}`)}`;
  return `p = ${p.toPrecision(2)}`;
}

/** A p-value for a table cell ("0.031", "< 10⁻⁶": pValueText without its "p ="); NaN (t undefined: every seed's difference equal) prints "n/a". */
export function pCell(p: number): string {
  if (Number.isNaN(p)) return 'n/a';
  const text = pValueText(p);
  return text.startsWith('p <') ? text.slice(2) : text.replace(/^p = /, '');
}

/** "+0.12" / "−0.30" (typographic minus) for a difference in points. */
export function signedPoints(d: number, digits = 2): string {
  return `${d >= 0 ? '+' : '−'}${pct(Math.abs(d), digits)}`;
}


/** "3 min 20 s" / "45 s" / "1 h 02 min" for wall times. */
export function durationText(seconds: number): string {
  if (!(seconds >= 0)) throw new Error(`durationText (src/report/format.ts): expected seconds ≥ 0, got ${seconds}`);
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** "one", "two", … for small counts in prose; digits above ten. */
export function countWord(n: number): string {
  const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
  return Number.isInteger(n) && n >= 0 && n <= 10 ? words[n] : String(n);
}

/** "1, 2 and 3" / "4 and 5" / "7": a list in prose. */
export function listText(items: readonly string[]): string {
  if (items.length === 0) throw new Error('listText (src/report/format.ts): expected at least one item, got none');
  return items.length === 1 ? items[0] : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
