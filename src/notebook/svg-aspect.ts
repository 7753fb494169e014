/**
 * plotly's `scaleanchor` for the static SVG: an axis anchored to another keeps one data unit the same length
 * on both (times `scaleratio`), and the panel shrinks along the axis with room to spare, centred, as plotly's
 * constrain 'domain' does. Without it image-like figures (digit tiles, centroids) were stretched to fill the
 * panel, 4:1 in the 64-centroid figure.
 */
import type { Frame, Loose } from './svg-axis';

/** The frame, narrowed or flattened so that the x and y units have the anchored ratio; unchanged when unanchored. */
export function anchoredFrame(frame: Frame, xs: Loose | undefined, ys: Loose | undefined, xaxis: string, yaxis: string): Frame {
  const yOnX = ys?.scaleanchor === xaxis;
  const xOnY = xs?.scaleanchor === yaxis;
  if ((!yOnX && !xOnY) || frame.xa.log || frame.ya.log) return frame;
  const ratioOf = (v: unknown): number => (typeof v === 'number' && v > 0 ? v : 1);
  // Pixels per y unit divided by pixels per x unit, as the anchor asks.
  const wanted = yOnX ? ratioOf(ys?.scaleratio) : 1 / ratioOf(xs?.scaleratio);
  const xSpan = Math.abs(frame.xa.hi - frame.xa.lo);
  const ySpan = Math.abs(frame.ya.hi - frame.ya.lo);
  if (!(xSpan > 0 && ySpan > 0)) return frame;
  const pxX = frame.width / xSpan;
  const pxY = frame.height / ySpan;
  if (pxY > wanted * pxX) {
    const height = wanted * pxX * ySpan;
    return { ...frame, top: frame.top + (frame.height - height) / 2, height };
  }
  const width = (pxY / wanted) * xSpan;
  return { ...frame, left: frame.left + (frame.width - width) / 2, width };
}
