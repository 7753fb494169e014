/*
 * Shared by the kernels of our wasm32+simd128 module (docs/SIMD-KERNELS.md). The module
 * imports the tfjs wasm backend's memory and works in place on its heap: every pointer argument is
 * a byte offset into that heap, handed over by src/backend/simd-kernels.ts. The module has no data,
 * no stack and no allocator of its own, so it can never write where tfjs keeps anything.
 */
#ifndef KERNELS_H
#define KERNELS_H
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name))) void name

/* The low and high pair of four floats, widened to doubles. */
static inline v128_t lo_f64(v128_t v) { return wasm_f64x2_promote_low_f32x4(v); }
static inline v128_t hi_f64(v128_t v) { return wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(v, v, 2, 3, 2, 3)); }

/* Two pairs of doubles, each rounded to float, as one vector of four floats. */
static inline v128_t to_f32(v128_t lo, v128_t hi) {
  return wasm_i32x4_shuffle(wasm_f32x4_demote_f64x2_zero(lo), wasm_f32x4_demote_f64x2_zero(hi), 0, 1, 4, 5);
}

/*
 * dz = g·[y > 0] for y ≥ 0 (a ReLU's output), as the JS reference computes it: g times 1 or 0, so a
 * negative g masked out is −0. For y ≥ 0 the bits are 0 only for +0 (a NaN counts as positive).
 */
static inline v128_t relu_masked(v128_t g, v128_t y) {
  v128_t on = wasm_i32x4_ne(y, wasm_i32x4_splat(0));
  return wasm_f32x4_mul(g, wasm_v128_and(on, wasm_f32x4_splat(1.0f)));
}
static inline float relu_masked1(float g, float y) {
  return g * (__builtin_bit_cast(int, y) != 0 ? 1.0f : 0.0f);
}
#endif
