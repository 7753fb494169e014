/*
 * The element-wise passes of batch normalization over NHWC values (channel last, c per pixel), the
 * same arithmetic as src/nn/layers/batch-norm-passes.ts in the same order, so the results are the
 * same bits: per-channel float64 sums run pixel by pixel in memory order; each output value is one
 * float64 expression rounded to float once.
 *
 * The sums keep four channels in registers while they walk a block of pixels that fits in L1, then
 * move on to the next four channels of the same block: every channel still adds its values in
 * pixel order, and the block is read from memory once. Channel counts that are not a multiple of
 * four finish with scalar code.
 */
#include "kernels.h"

/* The end of the block of pixels that starts at r0: 16 KiB of floats at most, and at least one pixel. */
static inline int block_end(int r0, int rows, int c) {
  int step = 4096 / c > 0 ? 4096 / c : 1;
  return r0 + step < rows ? r0 + step : rows;
}

/* Runs the statement after it for each block [r0, r1) of pixels, in order. */
#define FOR_EACH_BLOCK(r0, r1, rows, c) for (int r0 = 0, r1 = block_end(0, rows, c); r0 < rows; r0 = r1, r1 = block_end(r1, rows, c))

/* sum[k] += x and sq[k] += x² per channel k, over `rows` pixels. */
EXPORT(bn_moments)(const float *x, int rows, int c, double *sum, double *sq) {
  FOR_EACH_BLOCK(r0, r1, rows, c) {
    int k = 0;
    for (; k + 4 <= c; k += 4) {
      v128_t s0 = wasm_v128_load(sum + k), s1 = wasm_v128_load(sum + k + 2);
      v128_t q0 = wasm_v128_load(sq + k), q1 = wasm_v128_load(sq + k + 2);
      for (int r = r0; r < r1; r++) {
        v128_t v = wasm_v128_load(x + r * c + k), a = lo_f64(v), b = hi_f64(v);
        s0 = wasm_f64x2_add(s0, a); q0 = wasm_f64x2_add(q0, wasm_f64x2_mul(a, a));
        s1 = wasm_f64x2_add(s1, b); q1 = wasm_f64x2_add(q1, wasm_f64x2_mul(b, b));
      }
      wasm_v128_store(sum + k, s0); wasm_v128_store(sum + k + 2, s1);
      wasm_v128_store(sq + k, q0); wasm_v128_store(sq + k + 2, q1);
    }
    for (; k < c; k++) {
      for (int r = r0; r < r1; r++) { double v = x[r * c + k]; sum[k] += v; sq[k] += v * v; }
    }
  }
}

/* out = x·a + b per channel, then max(·, 0) if `relu`. */
EXPORT(bn_normalize)(const float *x, float *out, int rows, int c, const double *a, const double *b, int relu) {
  v128_t zero = wasm_f64x2_splat(0.0);
  for (int r = 0; r < rows; r++) {
    const float *xr = x + r * c;
    float *outr = out + r * c;
    int k = 0;
    for (; k + 4 <= c; k += 4) {
      v128_t v = wasm_v128_load(xr + k);
      v128_t z0 = wasm_f64x2_add(wasm_f64x2_mul(lo_f64(v), wasm_v128_load(a + k)), wasm_v128_load(b + k));
      v128_t z1 = wasm_f64x2_add(wasm_f64x2_mul(hi_f64(v), wasm_v128_load(a + k + 2)), wasm_v128_load(b + k + 2));
      if (relu) { z0 = wasm_f64x2_max(z0, zero); z1 = wasm_f64x2_max(z1, zero); }
      wasm_v128_store(outr + k, to_f32(z0, z1));
    }
    for (; k < c; k++) {
      double z = xr[k] * a[k] + b[k];
      outr[k] = (float)(relu ? __builtin_wasm_max_f64(z, 0.0) : z);
    }
  }
}

/*
 * dGamma[k] += dz·(x·scale + shift) and dBeta[k] += dz per channel, dz = g, or g·[y > 0] when y (a
 * fused ReLU's output) is not null.
 */
EXPORT(bn_backward_sums)(const float *g, const float *x, const float *y, int rows, int c,
                         const double *scale, const double *shift, double *dgamma, double *dbeta) {
  FOR_EACH_BLOCK(r0, r1, rows, c) {
    int k = 0;
    for (; k + 4 <= c; k += 4) {
      v128_t sc0 = wasm_v128_load(scale + k), sc1 = wasm_v128_load(scale + k + 2);
      v128_t sh0 = wasm_v128_load(shift + k), sh1 = wasm_v128_load(shift + k + 2);
      v128_t b0 = wasm_v128_load(dbeta + k), b1 = wasm_v128_load(dbeta + k + 2);
      v128_t g0 = wasm_v128_load(dgamma + k), g1 = wasm_v128_load(dgamma + k + 2);
      for (int r = r0; r < r1; r++) {
        int i = r * c + k;
        v128_t dz = wasm_v128_load(g + i);
        if (y) dz = relu_masked(dz, wasm_v128_load(y + i));
        v128_t v = wasm_v128_load(x + i), d0 = lo_f64(dz), d1 = hi_f64(dz);
        b0 = wasm_f64x2_add(b0, d0); b1 = wasm_f64x2_add(b1, d1);
        g0 = wasm_f64x2_add(g0, wasm_f64x2_mul(d0, wasm_f64x2_add(wasm_f64x2_mul(lo_f64(v), sc0), sh0)));
        g1 = wasm_f64x2_add(g1, wasm_f64x2_mul(d1, wasm_f64x2_add(wasm_f64x2_mul(hi_f64(v), sc1), sh1)));
      }
      wasm_v128_store(dbeta + k, b0); wasm_v128_store(dbeta + k + 2, b1);
      wasm_v128_store(dgamma + k, g0); wasm_v128_store(dgamma + k + 2, g1);
    }
    for (; k < c; k++) {
      for (int r = r0; r < r1; r++) {
        int i = r * c + k;
        double dz = y ? relu_masked1(g[i], y[i]) : g[i];
        dbeta[k] += dz;
        dgamma[k] += dz * (x[i] * scale[k] + shift[k]);
      }
    }
  }
}

/* out = onDz·dz + onX·x + bias per channel, dz as in bn_backward_sums. */
EXPORT(bn_backward_into)(const float *g, const float *x, const float *y, int rows, int c,
                         const double *on_dz, const double *on_x, const double *bias, float *out) {
  for (int r = 0; r < rows; r++) {
    int k = 0;
    for (; k + 4 <= c; k += 4) {
      int i = r * c + k;
      v128_t dz = wasm_v128_load(g + i);
      if (y) dz = relu_masked(dz, wasm_v128_load(y + i));
      v128_t v = wasm_v128_load(x + i);
      v128_t z0 = wasm_f64x2_add(wasm_f64x2_add(wasm_f64x2_mul(wasm_v128_load(on_dz + k), lo_f64(dz)),
                                                wasm_f64x2_mul(wasm_v128_load(on_x + k), lo_f64(v))), wasm_v128_load(bias + k));
      v128_t z1 = wasm_f64x2_add(wasm_f64x2_add(wasm_f64x2_mul(wasm_v128_load(on_dz + k + 2), hi_f64(dz)),
                                                wasm_f64x2_mul(wasm_v128_load(on_x + k + 2), hi_f64(v))), wasm_v128_load(bias + k + 2));
      wasm_v128_store(out + i, to_f32(z0, z1));
    }
    for (; k < c; k++) {
      int i = r * c + k;
      double dz = y ? relu_masked1(g[i], y[i]) : g[i];
      out[i] = (float)(on_dz[k] * dz + on_x[k] * x[i] + bias[k]);
    }
  }
}
