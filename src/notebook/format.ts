/**
 * Number formatting shared by tables and prose, so a value reads the same wherever it appears.
 * `digits` is the number of significant digits. Integers are printed in full (a count of 3000
 * should not become 3.000e+3); very large or small magnitudes switch to scientific notation.
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
    return `${mantissa}e${exponent.startsWith('+') ? exponent.slice(1) : exponent}`;
  }
  return x.toPrecision(digits);
}
