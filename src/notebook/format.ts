/**
 * Number formatting shared by tables and prose, so a value reads the same wherever it appears.
 * `digits` is the number of significant digits. Integers are printed in full (a count of 3000
 * should not become 3.000e+3); very large or small magnitudes switch to scientific notation, written
 * 2.5·10⁻¹² as the p-values and the prose write it (one notation across the report, not "e-12").
 */
export function formatNumber(x: number, digits = 4): string {
  if (!Number.isInteger(digits) || digits < 1 || digits > 21) {
    throw new Error(`formatNumber (src/notebook/format.ts): digits must be an integer in 1..21, got ${digits}`);
  }
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '∞';
  if (x === -Infinity) return '−∞';
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) {
    const [mantissa, exponent] = x.toExponential(digits - 1).split('e');
    return `${mantissa}·10${superscript(exponent.startsWith('+') ? exponent.slice(1) : exponent)}`;
  }
  return x.toPrecision(digits);
}

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** "-12" → "⁻¹²": exponents in Unicode superscripts, for text where TeX is not available (tables, captions). */
export function superscript(exponent: string): string {
  return [...exponent].map((c) => SUPERSCRIPT[c] ?? c).join('');
}

/**
 * A number as prose quotes it when no text was given: formatNumber without the trailing zeros that only
 * a table column needs for alignment ("0.5", not "0.5000"; "0.01", not "0.01000").
 */
export function formatProse(x: number): string {
  const s = formatNumber(x);
  const [mantissa, rest] = s.split('·');
  const trimmed = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
  return rest === undefined ? trimmed : `${trimmed}·${rest}`;
}
