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
  }],
  test: {
    include: ['test/unit/**/*.test.ts'],
    testTimeout: 20000,
  },
});
