import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
const core = createRequire(import.meta.url)('/tmp/fr.cjs');
const std = core.bundledStandard();
const t0 = performance.now();
const mod = new WebAssembly.Module(readFileSync('/work/main/src/core/wasm/reader.wasm'));
const fast = core.createBytesAnalyzer(mod, std);
console.log('compile+inst', (performance.now() - t0).toFixed(2));
const walk = (d, out = []) => { for (const e of readdirSync(d)) { const p = path.join(d, e); if (statSync(p).isDirectory()) walk(p, out); else if (/\.(md|qmd)$/.test(e)) out.push(p); } return out; };
const files = walk(process.argv[2]).map((f) => readFileSync(f));
for (let pass = 0; pass < 5; pass++) {
  const t = performance.now(); let w = 0;
  for (const b of files) w += fast.analyzeBytes(b).words;
  console.log('pass', pass, (performance.now() - t).toFixed(1), 'ms', w);
}
