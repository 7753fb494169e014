/**
 * The Gaussian blur of an elastic distortion's displacement fields by our wasm SIMD kernel
 * (src/backend/simd/elastic.c), on heap copies of the two fields: the arithmetic and order of
 * ElasticWorkspace's JavaScript loops, the same bits (test/augment/elastic-wasm.test.ts). It was
 * most of the strong view's time (two 25-tap passes over two fields per image, for σ = 4).
 */
import type { SimdKernels } from '../backend/simd/module';

/** dx and dy (h·w each) blurred in place by the 2r+1 taps `kernel`, times `scale`. */
export function smoothFieldsWasm(s: SimdKernels, dx: Float32Array, dy: Float32Array, h: number, w: number, kernel: Float64Array, scale: number): void {
  s.withScratch((sc) => {
    const px = sc.put(dx), py = sc.put(dy), pk = sc.put(kernel);
    const tmp = sc.zeros64(2 * h * w), acc = sc.zeros64(2 * w);
    s.k.elastic_smooth(px, py, h, w, pk, (kernel.length - 1) >> 1, tmp, acc, scale);
    sc.readInto(px, dx);
    sc.readInto(py, dy);
  });
}
