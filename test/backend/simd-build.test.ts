import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KERNELS_WASM_BASE64 } from '../../src/backend/simd/kernels-wasm';

const ROOT = join(__dirname, '..', '..');
const wasm = Buffer.from(KERNELS_WASM_BASE64, 'base64');

/** unsigned LEB128 at `at`: the value and the offset after it. */
function leb(b: Uint8Array, at: number): [number, number] {
  let value = 0, shift = 0, byte: number;
  do {
    byte = b[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}

/** The module's sections: id → payload. */
function sections(b: Uint8Array): Map<number, Uint8Array> {
  assert.deepEqual([...b.subarray(0, 8)], [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0], 'a wasm binary, version 1');
  const out = new Map<number, Uint8Array>();
  for (let at = 8; at < b.length;) {
    const id = b[at];
    const [size, start] = leb(b, at + 1);
    assert.ok(!out.has(id), `section ${id} appears once`);
    out.set(id, b.subarray(start, start + size));
    at = start + size;
  }
  return out;
}

test('the committed kernels are what building src/backend/simd/*.c gives, byte for byte (needs clang and lld: npm test installs them)', () => {
  let rebuilt: string;
  try {
    rebuilt = execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-simd-kernels.mjs'), '--stdout'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    assert.fail(`scripts/build-simd-kernels.mjs failed: ${(e as { stderr?: string }).stderr ?? (e as Error).message}`);
  }
  const committed = readFileSync(join(ROOT, 'src', 'backend', 'simd', 'kernels-wasm.ts'), 'utf8');
  assert.ok(rebuilt === committed, 'src/backend/simd/kernels-wasm.ts differs from a fresh build: run node scripts/build-simd-kernels.mjs and commit it');
});

test('the module only imports the heap, and has no data, no start function and no stack that could touch it', () => {
  const s = sections(wasm);
  // type, import, function, table, global, export, code: nothing else (no data 11, data count 12, start 8, custom 0).
  assert.deepEqual([...s.keys()].sort((a, b) => a - b), [1, 2, 3, 4, 6, 7, 10]);
  const imports = s.get(2)!;
  const expected = Buffer.concat([Buffer.from([1, 3]), Buffer.from('env'), Buffer.from([6]), Buffer.from('memory'), Buffer.from([2, 0, 0])]);
  // One import, env.memory, limits flag 0: not shared (tfjs-wasm runs its single-threaded build in Node), no maximum, minimum 0 pages.
  assert.deepEqual([...imports], [...expected]);
  // The one global is lld's __stack_pointer, placed at 0 with a stack of size 0: any use would wrap below 0 and trap.
  assert.deepEqual([...s.get(6)!], [1, 0x7f, 1, 0x41, 0, 0x0b], 'one mutable i32 global initialised to 0');
  // And no code reads or writes it (global.get 0 = 0x23 0x00, global.set 0 = 0x24 0x00; a false hit would show here too: inspect with wasm2wat).
  const code = s.get(10)!;
  for (let i = 0; i + 1 < code.length; i++) {
    assert.ok(!((code[i] === 0x23 || code[i] === 0x24) && code[i + 1] === 0), `code byte ${i}: global.get/set of the stack pointer`);
  }
});
