// Which tfjs heaps our SIMD module can import: an unshared WebAssembly.Memory (Node's tfjs build),
// not a shared one (the browser's threaded build) and not none (the browser's other build), where
// the layers fall back to their JavaScript passes instead of failing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importableMemory } from '../../src/backend/simd/module';

test('simd kernels import an unshared wasm heap, and fall back without one or with a shared one', () => {
  const plain = new WebAssembly.Memory({ initial: 1 });
  assert.equal(importableMemory({ wasm: { asm: { memory: plain } } }), plain);
  assert.equal(importableMemory({ wasm: { asm: { memory: new WebAssembly.Memory({ initial: 1, maximum: 2, shared: true }) } } }), null);
  assert.equal(importableMemory({ wasm: { asm: {} } }), null);
  assert.equal(importableMemory({}), null);
  assert.equal(importableMemory({ wasm: { asm: { memory: { buffer: new ArrayBuffer(8) } } } }), null);
});
