/*
 * Masks and per-channel sums of the layers' backward passes, the arithmetic of src/nn/host-loops.ts
 * and src/nn/layers/dropout.ts: ReLU's backward with the bias gradient beside it, a channel sum,
 * and dropout's multiply by a per-value or per-(image, channel) mask.
 */
#include "kernels.h"

/*
 * out = g where y > 0, else +0; when sums is not null, also sums[k] += out per channel (c values a
 * row). A bias gradient runs in float64, row by row, as the reference's does.
 */
EXPORT(relu_backward)(const float *g, const float *y, float *out, int rows, int c, double *sums) {
  v128_t zero = wasm_f32x4_splat(0.0f);
  for (int r = 0; r < rows; r++) {
    int k = 0;
    for (; k + 4 <= c; k += 4) {
      int i = r * c + k;
      v128_t v = wasm_v128_and(wasm_v128_load(g + i), wasm_f32x4_gt(wasm_v128_load(y + i), zero));
      wasm_v128_store(out + i, v);
      if (sums) {
        wasm_v128_store(sums + k, wasm_f64x2_add(wasm_v128_load(sums + k), lo_f64(v)));
        wasm_v128_store(sums + k + 2, wasm_f64x2_add(wasm_v128_load(sums + k + 2), hi_f64(v)));
      }
    }
    for (; k < c; k++) {
      int i = r * c + k;
      float v = y[i] > 0 ? g[i] : 0.0f;
      out[i] = v;
      if (sums) sums[k] += v;
    }
  }
}

/* sums[k] += t per channel over `rows` rows of c values. */
EXPORT(channel_sums)(const float *t, int rows, int c, double *sums) {
  for (int r = 0; r < rows; r++) {
    int k = 0;
    for (; k + 4 <= c; k += 4) {
      v128_t v = wasm_v128_load(t + r * c + k);
      wasm_v128_store(sums + k, wasm_f64x2_add(wasm_v128_load(sums + k), lo_f64(v)));
      wasm_v128_store(sums + k + 2, wasm_f64x2_add(wasm_v128_load(sums + k + 2), hi_f64(v)));
    }
    for (; k < c; k++) sums[k] += t[r * c + k];
  }
}

/*
 * out = v·mask. With per_image = 0 the mask has one value per element; otherwise it has c values
 * per image of per_image elements, each shared by every position of its channel (Dropout2d).
 */
EXPORT(dropout_apply)(const float *v, const float *mask, float *out, int size, int per_image, int c) {
  if (per_image == 0) {
    int i = 0;
    for (; i + 4 <= size; i += 4) wasm_v128_store(out + i, wasm_f32x4_mul(wasm_v128_load(v + i), wasm_v128_load(mask + i)));
    for (; i < size; i++) out[i] = v[i] * mask[i];
    return;
  }
  for (int b = 0; b * per_image < size; b++) {
    const float *m = mask + b * c;
    for (int s = 0; s < per_image; s += c) {
      int i = b * per_image + s, k = 0;
      if (c % 4 == 0) {
        for (; k < c; k += 4) wasm_v128_store(out + i + k, wasm_f32x4_mul(wasm_v128_load(v + i + k), wasm_v128_load(m + k)));
      }
      for (; k < c; k++) out[i + k] = v[i + k] * m[k];
    }
  }
}
