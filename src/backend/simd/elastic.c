/*
 * The separable Gaussian blur of an elastic distortion's two displacement fields, the arithmetic
 * of ElasticWorkspace.smoothBoth (src/augment/elastic.ts) in the same order: per value a float64
 * sum over the taps that fall inside the image, tap by tap, then ×scale rounded to float. The two
 * fields run as the two lanes of one f64x2, so each multiply-add serves both.
 */
#include "kernels.h"

/*
 * dx, dy (h·w floats each) blurred by the 2r+1 taps k and scaled, in place. tmp holds 2·h·w
 * doubles and acc 2·w (the row pass's output and the column pass's sums, fields interleaved).
 */
EXPORT(elastic_smooth)(float *dx, float *dy, int h, int w, const double *k, int r, double *tmp, double *acc, double scale) {
  /* Rows: taps t cover source columns x − r + t, clipped to the image. */
  for (int y = 0; y < h; y++) {
    int row = y * w;
    for (int x = 0; x < w; x++) {
      int base = x - r, lo = base < 0 ? -base : 0, hi = x + r < w ? 2 * r : w - 1 - base;
      v128_t s = wasm_f64x2_splat(0.0);
      for (int t = lo; t <= hi; t++) {
        int i = row + base + t;
        v128_t d = wasm_f64x2_make(dx[i], dy[i]);
        s = wasm_f64x2_add(s, wasm_f64x2_mul(wasm_f64x2_splat(k[t]), d));
      }
      wasm_v128_store(tmp + 2 * (row + x), s);
    }
  }
  /* Columns: whole source rows accumulated into acc. */
  v128_t vscale = wasm_f64x2_splat(scale);
  for (int y = 0; y < h; y++) {
    int base = y - r, lo = base < 0 ? -base : 0, hi = y + r < h ? 2 * r : h - 1 - base;
    for (int x = 0; x < w; x++) wasm_v128_store(acc + 2 * x, wasm_f64x2_splat(0.0));
    for (int t = lo; t <= hi; t++) {
      v128_t kv = wasm_f64x2_splat(k[t]);
      const double *src = tmp + 2 * (base + t) * w;
      for (int x = 0; x < w; x++) {
        wasm_v128_store(acc + 2 * x, wasm_f64x2_add(wasm_v128_load(acc + 2 * x), wasm_f64x2_mul(kv, wasm_v128_load(src + 2 * x))));
      }
    }
    for (int x = 0; x < w; x++) {
      v128_t v = wasm_f64x2_mul(wasm_v128_load(acc + 2 * x), vscale);
      dx[y * w + x] = (float)wasm_f64x2_extract_lane(v, 0);
      dy[y * w + x] = (float)wasm_f64x2_extract_lane(v, 1);
    }
  }
}
