// The core (src/core), bundled on the fly as the CLI and the extension bundle it: standards parsed
// at build time, a source map beside it so profiles point at src/ lines.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { longDocument } from './corpus.mjs';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Bundles src/core into `dir`/core.cjs (with core.cjs.map) and loads it; `entry` says what it
 * exports (by default the reader and the bundled standards).
 */
export async function loadCore(dir, entry = "export { createAnalyzer } from './src/core/analyze'; export { bundledStandard } from './src/core/bundled';") {
  const outfile = path.join(dir, 'core.cjs');
  await build({
    stdin: { contents: entry, resolveDir: REPO, loader: 'ts', sourcefile: 'bench-core-entry.ts' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    sourcemap: true,
    logLevel: 'error',
    plugins: [{ name: 'yaml', setup: (b) => b.onLoad({ filter: /\.ya?ml$/ }, (a) => ({ contents: JSON.stringify(parse(readFileSync(a.path, 'utf8'))), loader: 'json' })) }],
  });
  const core = createRequire(import.meta.url)(outfile);
  return { ...core, file: outfile };
}

/** A report of at least `words` prose words (as the analyzer counts them), trimmed to the chapter. */
export function documentOfWords(analyzer, words, seed) {
  let text = longDocument(words, seed);
  let n = analyzer.analyze(text).words;
  // the generator's estimate is close; pad with more chapters or cut whole lines to land near the target
  let extra = 1;
  while (n < words) {
    text += '\n' + longDocument(Math.max(500, words - n), seed + extra++).replace(/^---[\s\S]*?---\n/, '');
    n = analyzer.analyze(text).words;
  }
  const lines = text.split('\n');
  let lo = 0, hi = lines.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (analyzer.analyze(lines.slice(0, mid).join('\n')).words >= words) hi = mid;
    else lo = mid;
  }
  return lines.slice(0, hi).join('\n') + '\n';
}
