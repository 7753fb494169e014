/**
 * Fan-in and fan-out of a weight tensor in tfjs layout.
 *
 * Follows Glorot & Bengio (2010) and PyTorch's `_calculate_fan_in_and_fan_out`: for a convolution
 * every output unit sees `cin * kh * kw` inputs, and every input unit feeds `cout * kh * kw`
 * outputs. tfjs stores kernels channels-last, so the order differs from PyTorch's
 * [cout, cin, kh, kw] but the numbers are the same.
 *
 * - dense kernel  [in, out]           → fanIn = in,            fanOut = out
 * - conv2d kernel [kh, kw, cin, cout] → fanIn = cin * kh * kw, fanOut = cout * kh * kw
 */
export function fans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  for (const d of shape) {
    if (!Number.isInteger(d) || d <= 0) {
      throw new Error(`fans (src/init/fans.ts): expected positive integer dimensions, got shape [${shape.join(', ')}]`);
    }
  }
  if (shape.length === 2) {
    return { fanIn: shape[0], fanOut: shape[1] };
  }
  if (shape.length === 4) {
    const [kh, kw, cin, cout] = shape;
    const receptive = kh * kw;
    return { fanIn: cin * receptive, fanOut: cout * receptive };
  }
  throw new Error(
    `fans (src/init/fans.ts): expected a dense kernel [in, out] (rank 2) or a conv kernel ` +
      `[kh, kw, cin, cout] (rank 4), got rank ${shape.length} shape [${shape.join(', ')}]`,
  );
}
