// Generated line → source line, from a source map's `mappings` (base64 VLQ, the format TypeScript emits):
// enough to place a runtime error of a cell at the cell's own line after type stripping moved lines.
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeVlq(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = BASE64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    out.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return out;
}

/** For each generated line (0-based index), the 1-based source line its first mapping points at. */
export function sourceLines(mappings: string): (number | undefined)[] {
  let sourceLine = 0;
  return mappings.split(';').map((line) => {
    let first: number | undefined;
    for (const segment of line.split(',')) {
      if (segment === '') continue;
      const fields = decodeVlq(segment);
      if (fields.length < 4) continue;
      sourceLine += fields[2]!;
      first ??= sourceLine + 1;
    }
    return first;
  });
}
