/*
 * 2×2 stride-2 max-pooling of NHWC values with the arg-max of each window, and its gradient: the
 * arithmetic of src/nn/pool-argmax.ts and MaxPool.backward. Four channels at a time, branch-free:
 * the first maximum wins (strict >), and the maximum is wasm's max, which like Math.max propagates
 * a NaN.
 */
#include "kernels.h"

/* The larger of m and v, and the index beside it: i where v > m, else best. */
#define TAKE(v, i) do { v128_t t = wasm_f32x4_gt(v, m); best = wasm_v128_bitselect(i, best, t); m = wasm_f32x4_max(m, v); } while (0)

/*
 * out[n, h/2, w/2, c] = the max of each window (times scale[b·c + d] when scale is not null), arg
 * its first maximum's flat input index.
 */
EXPORT(max_pool_argmax)(const float *a, float *out, int *arg, int n, int h, int w, int c, const float *scale) {
  int oh = h >> 1, ow = w >> 1, row = w * c, o = 0;
  v128_t lanes = wasm_i32x4_make(0, 1, 2, 3);
  for (int b = 0; b < n; b++) for (int i = 0; i < oh; i++) for (int j = 0; j < ow; j++) {
    int p = ((b * h + 2 * i) * w + 2 * j) * c, d = 0;
    for (; d + 4 <= c; d += 4, o += 4) {
      int i0 = p + d;
      v128_t idx = wasm_i32x4_add(wasm_i32x4_splat(i0), lanes);
      v128_t m = wasm_v128_load(a + i0), best = idx;
      TAKE(wasm_v128_load(a + i0 + c), wasm_i32x4_add(idx, wasm_i32x4_splat(c)));
      TAKE(wasm_v128_load(a + i0 + row), wasm_i32x4_add(idx, wasm_i32x4_splat(row)));
      TAKE(wasm_v128_load(a + i0 + row + c), wasm_i32x4_add(idx, wasm_i32x4_splat(row + c)));
      if (scale) m = wasm_f32x4_mul(m, wasm_v128_load(scale + b * c + d));
      wasm_v128_store(out + o, m);
      wasm_v128_store(arg + o, best);
    }
    for (; d < c; d++, o++) {
      int i0 = p + d, cand[3] = {i0 + c, i0 + row, i0 + row + c}, best = i0;
      float m = a[i0];
      for (int q = 0; q < 3; q++) {
        float v = a[cand[q]];
        if (v > m) best = cand[q];
        m = __builtin_wasm_max_f32(m, v);
      }
      out[o] = scale ? m * scale[b * c + d] : m;
      arg[o] = best;
    }
  }
}

/* dx = 0 but dx[arg[o]] = g[o]: the gradient of max_pool_argmax (scale 1), dx of `size` values. */
EXPORT(max_pool_backward)(const float *g, const int *arg, int count, float *dx, int size) {
  __builtin_memset(dx, 0, (unsigned long)size * sizeof(float));
  for (int o = 0; o < count; o++) dx[arg[o]] = g[o];
}
