import { readFileSync, openSync, readSync, closeSync, fstatSync } from 'node:fs';
import { evidenceFiles } from './walk.mjs';
const files = evidenceFiles(process.argv[2]);
const mode = process.argv[3];
let buf = Buffer.allocUnsafe(1 << 20);
const t = performance.now(); let n = 0;
for (const p of files) {
  if (mode === 'rfs') n += readFileSync(p).length;
  else {
    const fd = openSync(p, 'r');
    try {
      let size = 0;
      for (;;) { if (size === buf.length) { const b = Buffer.allocUnsafe(buf.length * 2); buf.copy(b); buf = b; } const r = readSync(fd, buf, size, buf.length - size, null); if (r === 0) break; size += r; }
      n += size;
    } finally { closeSync(fd); }
  }
}
console.log(mode, (performance.now() - t).toFixed(1), n);
