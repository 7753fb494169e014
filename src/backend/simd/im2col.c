/*
 * im2col for NHWC maps in the transposed layout: one row per filter tap and input channel
 * (i, j, p), in the filter's [kh, kw, ci] order, one column per output position (b, r, s), zeros
 * where a tap falls outside the image. A convolution's filter gradient is then colsᵀ · dy, which
 * comes out as [kh·kw·ci, co], the filter's own layout: no transpose of dy or of the result
 * (src/backend/filter-grad-im2col.ts).
 */
#include "kernels.h"

/* The convolution's geometry, in the order of src/backend/im2col.ts's Im2colGeometry. */
struct geometry { int n, h, w, ci, kh, kw, oh, ow, sh, sw, dh, dw, top, left; };

/* One row of out: tap (i, j, p) over every output position. */
static void tap_row(const float *x, const struct geometry *g, int i, int j, int p, float *out) {
  int lo = 0, hi = g->ow, x0 = j * g->dw - g->left;
  /* Output columns s in [lo, hi) read inside the image row: 0 ≤ s·sw + x0 < w. */
  while (lo < g->ow && lo * g->sw + x0 < 0) lo++;
  while (hi > lo && (hi - 1) * g->sw + x0 >= g->w) hi--;
  for (int b = 0; b < g->n; b++) {
    for (int r = 0; r < g->oh; r++, out += g->ow) {
      int xr = r * g->sh + i * g->dh - g->top;
      if (xr < 0 || xr >= g->h) { for (int s = 0; s < g->ow; s++) out[s] = 0.0f; continue; }
      const float *row = x + ((b * g->h + xr) * g->w + x0) * g->ci + p;
      for (int s = 0; s < lo; s++) out[s] = 0.0f;
      if (g->ci == 1 && g->sw == 1) for (int s = lo; s < hi; s++) out[s] = row[s];
      else for (int s = lo; s < hi; s++) out[s] = row[s * g->sw * g->ci];
      for (int s = hi; s < g->ow; s++) out[s] = 0.0f;
    }
  }
}

/* out ([kh·kw·ci, n·oh·ow], row-major) from x ([n, h, w, ci]); `geom` points at 14 int32 values. */
EXPORT(im2col_transposed)(const float *x, const int *geom, float *out) {
  struct geometry g = {geom[0], geom[1], geom[2], geom[3], geom[4], geom[5], geom[6], geom[7],
                       geom[8], geom[9], geom[10], geom[11], geom[12], geom[13]};
  int positions = g.n * g.oh * g.ow;
  for (int i = 0; i < g.kh; i++) for (int j = 0; j < g.kw; j++) for (int p = 0; p < g.ci; p++) {
    tap_row(x, &g, i, j, p, out + ((i * g.kw + j) * g.ci + p) * positions);
  }
}
