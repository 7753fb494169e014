/*
 * col2im of a valid stride-1 k×k convolution's input gradient (src/models/conv-input-gradient.ts):
 * cols holds, for each output position (b, i, j) and filter offset (a, e), the ci values that
 * position sends back to input pixel (b, i + a, j + e). The reference scatters the rows in row
 * order into zeros (tfjs's ScatterNd); here each input pixel gathers its rows in that same order
 * (increasing i, then j), starting from +0, so every sum is the same float32 additions in the same
 * order, without the index table.
 */
#include "kernels.h"

/* dx ([n·h·w, ci]) from cols ([n·oh·ow·k·k, ci]), oh = h − k + 1, ow = w − k + 1. */
EXPORT(col2im_valid)(const float *cols, int n, int h, int w, int ci, int k, float *dx) {
  int oh = h - k + 1, ow = w - k + 1;
  for (int b = 0; b < n; b++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
    float *out = dx + ((b * h + y) * w + x) * ci;
    int i0 = y - k + 1 > 0 ? y - k + 1 : 0, i1 = y < oh - 1 ? y : oh - 1;
    int j0 = x - k + 1 > 0 ? x - k + 1 : 0, j1 = x < ow - 1 ? x : ow - 1;
    int p = 0;
    for (; p + 4 <= ci; p += 4) {
      v128_t acc = wasm_f32x4_splat(0.0f);
      for (int i = i0; i <= i1; i++) for (int j = j0; j <= j1; j++) {
        const float *row = cols + ((((b * oh + i) * ow + j) * k + (y - i)) * k + (x - j)) * ci;
        acc = wasm_f32x4_add(acc, wasm_v128_load(row + p));
      }
      wasm_v128_store(out + p, acc);
    }
    for (; p < ci; p++) {
      float acc = 0.0f;
      for (int i = i0; i <= i1; i++) for (int j = j0; j <= j1; j++) {
        acc += cols[((((b * oh + i) * ow + j) * k + (y - i)) * k + (x - j)) * ci + p];
      }
      out[p] = acc;
    }
  }
}
