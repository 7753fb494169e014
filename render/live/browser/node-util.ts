// node:util's inspect for the browser bundle: the readable one-line form the notebooks' claims print
// (src/notebook/claim.ts), honouring inspect.custom like Node.
const custom = Symbol.for('nodejs.util.inspect.custom');

interface InspectOptions { depth?: number; maxArrayLength?: number; maxStringLength?: number }

function show(v: unknown, o: Required<InspectOptions>, depth: number): string {
  if (v !== null && typeof v === 'object' && typeof (v as Record<symbol, unknown>)[custom] === 'function') {
    return String((v as Record<symbol, () => unknown>)[custom]!());
  }
  if (typeof v === 'string') return depth === 0 ? v : `'${v.length > o.maxStringLength ? `${v.slice(0, o.maxStringLength)}…` : v}'`;
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'function') return `[Function: ${v.name || '(anonymous)'}]`;
  if (v === null || typeof v !== 'object') return String(v);
  if (v instanceof Error) return v.stack ?? `${v.name}: ${v.message}`;
  if (depth > o.depth) return Array.isArray(v) ? '[Array]' : '[Object]';
  if (Array.isArray(v) || ArrayBuffer.isView(v)) {
    const items = Array.from(v as ArrayLike<unknown>);
    const shown = items.slice(0, o.maxArrayLength).map((x) => show(x, o, depth + 1));
    if (items.length > o.maxArrayLength) shown.push(`... ${items.length - o.maxArrayLength} more items`);
    const prefix = Array.isArray(v) ? '' : `${v.constructor.name}(${items.length}) `;
    return `${prefix}[ ${shown.join(', ')} ]`;
  }
  if (v instanceof Map) return `Map(${v.size}) { ${[...v].map(([k, x]) => `${show(k, o, depth + 1)} => ${show(x, o, depth + 1)}`).join(', ')} }`;
  if (v instanceof Set) return `Set(${v.size}) { ${[...v].map((x) => show(x, o, depth + 1)).join(', ')} }`;
  const entries = Object.entries(v).map(([k, x]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : `'${k}'`}: ${show(x, o, depth + 1)}`);
  return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
}

export function inspect(v: unknown, opts: InspectOptions = {}): string {
  const o = { depth: 2, maxArrayLength: 100, maxStringLength: 10000, ...opts };
  return show(v, o, typeof v === 'string' ? 1 : 0);
}
inspect.custom = custom;

export function format(...args: unknown[]): string {
  return args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ');
}

export default { inspect, format };
