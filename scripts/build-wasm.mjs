// Compiles the byte reader (src/core/wasm/reader.c) to src/core/wasm/reader.wasm with Debian's
// clang and lld (apt-get install clang lld). The .wasm is committed, so building the extension
// or the CLI needs no C compiler; a unit test rebuilds it and checks it is the committed one.
//   node scripts/build-wasm.mjs [--out FILE]   (exit 2 when clang or wasm-ld is missing)
import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WASM_SOURCE = path.join(REPO, 'src/core/wasm/reader.c');
export const WASM_FILE = path.join(REPO, 'src/core/wasm/reader.wasm');

/** Whether clang can build it here. */
export function canBuildWasm() {
  return spawnSync('clang', ['--version']).status === 0 && spawnSync('wasm-ld', ['--version']).status === 0;
}

/** Builds reader.wasm into `out`. */
export function buildWasm(out = WASM_FILE) {
  // -Os (smaller code that V8 compiles sooner, as fast here as -O2 once compiled), bulk memory
  // (memory.fill / memory.copy) and SIMD, which Node 16.4+ and every current browser have; no
  // libc: the reader needs none.
  execFileSync('clang', ['--target=wasm32', '-Os', '-mbulk-memory', '-msimd128', '-nostdlib', '-Wall', '-Wextra', '-Werror', '-Wno-unused-parameter', '-Wl,--no-entry', '-Wl,--strip-all', '-o', out, WASM_SOURCE], { stdio: 'inherit' });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!canBuildWasm()) {
    console.error('clang and wasm-ld are needed: apt-get install clang lld');
    process.exit(2);
  }
  const i = process.argv.indexOf('--out');
  buildWasm(i > 0 ? path.resolve(process.argv[i + 1]) : WASM_FILE);
}
