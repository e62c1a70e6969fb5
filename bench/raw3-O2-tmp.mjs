import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
const mod = new WebAssembly.Module(readFileSync('/tmp/r_O2.wasm'));
const e = new WebAssembly.Instance(mod, {}).exports;
const mem0 = new Uint8Array(e.memory.buffer);
mem0[e.ksb_prefix_bytes()] = 75; mem0[e.ksb_prefix_bytes()+1] = 83; mem0[e.ksb_prefix_bytes()+2] = 66;
new Int32Array(e.memory.buffer, e.ksb_prefix_lengths(), 3).set([1,1,1]);
e.ksb_set_prefixes(3);
const walk = (d, out = []) => { for (const x of readdirSync(d)) { const p = path.join(d, x); if (statSync(p).isDirectory()) walk(p, out); else if (/\.(md|qmd)$/.test(x)) out.push(p); } return out; };
const files = walk(process.argv[2]).map((f) => readFileSync(f));
const textAt = (e.ksb_heap() + 7) & ~7;
e.memory.grow(200);
for (let pass = 0; pass < 6; pass++) {
  const mem = new Uint8Array(e.memory.buffer);
  let t = performance.now(); let s = 0;
  for (const b of files) { mem.set(b, textAt); s += e.ksb_read(textAt, b.length, (textAt + b.length + 7) & ~7); }
  const t1 = performance.now() - t;
  t = performance.now();
  for (const b of files) { mem.set(b, textAt); }
  console.log('pass', pass, 'read+copy', t1.toFixed(1), 'copy only', (performance.now() - t).toFixed(1), s);
}
