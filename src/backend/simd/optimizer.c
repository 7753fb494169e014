/*
 * The optimizer's update, decoupled weight decay and the weight average (EMA) over float32 arrays,
 * the arithmetic of src/optim/host-optimizer.ts, weight-decay.ts and ema.ts: each JavaScript
 * operation there is rounded to float32 (Math.fround), and a float32 +, − or × rounded through
 * float64 equals the float32 operation, so four lanes of f32x4 give the same bits.
 */
#include "kernels.h"

/* p ← p + c·g (plain SGD, c = −lr). */
EXPORT(sgd_step)(float *p, const float *g, int n, float c) {
  v128_t vc = wasm_f32x4_splat(c);
  int k = 0;
  for (; k + 4 <= n; k += 4) wasm_v128_store(p + k, wasm_f32x4_add(wasm_v128_load(p + k), wasm_f32x4_mul(vc, wasm_v128_load(g + k))));
  for (; k < n; k++) p[k] = p[k] + c * g[k];
}

/* a ← a·μ + g; p ← p + c·a, or with `nesterov` p ← p + c·(g + a·μ). */
EXPORT(momentum_step)(float *p, const float *g, float *a, int n, float c, float mu, int nesterov) {
  v128_t vc = wasm_f32x4_splat(c), vmu = wasm_f32x4_splat(mu);
  int k = 0;
  for (; k + 4 <= n; k += 4) {
    v128_t gk = wasm_v128_load(g + k);
    v128_t acc = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(a + k), vmu), gk);
    wasm_v128_store(a + k, acc);
    v128_t step = nesterov ? wasm_f32x4_add(gk, wasm_f32x4_mul(acc, vmu)) : acc;
    wasm_v128_store(p + k, wasm_f32x4_add(wasm_v128_load(p + k), wasm_f32x4_mul(vc, step)));
  }
  for (; k < n; k++) {
    float acc = a[k] * mu + g[k];
    a[k] = acc;
    p[k] = p[k] + c * (nesterov ? g[k] + acc * mu : acc);
  }
}

/* p ← p − c·p (c = lr·factor·λ). */
EXPORT(weight_decay)(float *p, int n, float c) {
  v128_t vc = wasm_f32x4_splat(c);
  int k = 0;
  for (; k + 4 <= n; k += 4) {
    v128_t v = wasm_v128_load(p + k);
    wasm_v128_store(p + k, wasm_f32x4_sub(v, wasm_f32x4_mul(vc, v)));
  }
  for (; k < n; k++) p[k] = p[k] - c * p[k];
}

/* avg ← keep·avg + take·x. */
EXPORT(ema_blend)(float *avg, const float *x, int n, float keep, float take) {
  v128_t vk = wasm_f32x4_splat(keep), vt = wasm_f32x4_splat(take);
  int k = 0;
  for (; k + 4 <= n; k += 4) {
    wasm_v128_store(avg + k, wasm_f32x4_add(wasm_f32x4_mul(vk, wasm_v128_load(avg + k)), wasm_f32x4_mul(vt, wasm_v128_load(x + k))));
  }
  for (; k < n; k++) avg[k] = keep * avg[k] + take * x[k];
}
