/**
 * Jupyter messages are sent with JSON.stringify, which turns a Float64Array into {"0":…,"1":…}
 * and NaN/±Infinity into null without saying so. Figures built from tfjs or optimizer output are
 * full of typed arrays, so every bundle goes through this conversion first.
 */
export type PlainJson = null | boolean | number | string | PlainJson[] | { [key: string]: PlainJson };

export function toPlainJson(value: unknown, where = 'value'): PlainJson {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'bigint') return Number(value);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number>, (x) => (Number.isFinite(x) ? Number(x) : null));
  }
  if (Array.isArray(value)) return value.map((v, i) => toPlainJson(v, `${where}[${i}]`));
  if (typeof value === 'object') {
    const out: { [key: string]: PlainJson } = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined || typeof v === 'function') continue;
      out[k] = toPlainJson(v, `${where}.${k}`);
    }
    return out;
  }
  throw new Error(`toPlainJson (src/notebook/plain-json.ts): ${where} has type ${typeof value}, which has no JSON form`);
}
