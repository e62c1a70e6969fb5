import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { parse } from 'yaml';

// Same as esbuild.mjs: a standard's YAML imported from code arrives parsed.
export default defineConfig({
  plugins: [{
    name: 'yaml-as-json',
    transform(code, id) {
      if (!/\.ya?ml$/.test(id)) return null;
      return { code: `export default ${JSON.stringify(parse(code))};`, map: null };
    },
  }, {
    // Same as esbuild.mjs's binary loader: the byte reader's WebAssembly arrives as its bytes.
    name: 'wasm-as-bytes',
    enforce: 'pre',
    load(id) {
      if (!id.endsWith('.wasm')) return null;
      return `export default new Uint8Array(Buffer.from(${JSON.stringify(readFileSync(id).toString('base64'))}, 'base64'));`;
    },
  }],
  test: {
    include: ['test/unit/**/*.test.ts'],
    testTimeout: 20000,
  },
});
