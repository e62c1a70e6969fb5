import { build } from 'esbuild';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { parse } from 'yaml';
const REPO = '/work/main';
await build({ stdin: { contents: "export { createAnalyzer } from './src/core/analyze'; export { createBytesAnalyzer } from './src/core/fastReader'; export { bundledStandard } from './src/core/bundled';", resolveDir: REPO, loader: 'ts' }, bundle: true, platform: 'node', format: 'cjs', outfile: '/tmp/fr.cjs', logLevel: 'error',
  plugins: [{ name: 'yaml', setup: (b) => b.onLoad({ filter: /\.ya?ml$/ }, (a) => ({ contents: JSON.stringify(parse(readFileSync(a.path, 'utf8'))), loader: 'json' })) }] });
const core = createRequire(import.meta.url)('/tmp/fr.cjs');
const std = core.bundledStandard();
const mod = new WebAssembly.Module(readFileSync(REPO + '/src/core/wasm/reader.wasm'));
const fast = core.createBytesAnalyzer(mod, std);
const js = core.createAnalyzer(std);
const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: true });
let diffs = 0, bails = 0, total = 0;
function check(bytes, label) {
  total++;
  const a = fast.analyzeBytes(bytes);
  if (!a) { bails++; return; }
  const b = js.analyze(dec.decode(bytes));
  const x = JSON.stringify(a), y = JSON.stringify(b);
  if (x !== y) { if (diffs++ < 4) { console.log('DIFF', label, JSON.stringify(dec.decode(bytes)).slice(0, 600)); 
    for (const k of Object.keys(b)) if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) console.log(' ', k, '\n   wasm', String(JSON.stringify(a[k])).slice(0, 700), '\n   js  ', JSON.stringify(b[k]).slice(0, 700)); } }
}
const mode = process.argv[2];
if (mode === 'random') {
  let seed = Number(process.argv[4] ?? 1);
  const pieces = ['KSBs', 'KSB', 'ksbs', ':', '**', '*', '_', ' ', ' ', ' ', 'K5', 'S3', 'K32', '`x`', '`', '\\', '!', '(', ')', '[', ']', 'word', 'Primary', 'demonstrated',
    '<!-- ksb: K1 -->', '<!-- ksb-ignore -->', '<b>', '\n', '\n', '# ', '## ', '- ', '|', ',', '-', 'S1-S4', 'S1–4', '\t', 'é', '—', '> ', '1. ', '```\n', '~~~\n', '    ', '\\:', 'https://x.y',
    '\r\n', '---\n', '===', '|---|---|\n', '| a | b |\n', '| KSBs: K5 | x |', ' KSB: S3', '\n\n', 'K5:', '**KSBs:**', '[K9](#a)', '![K1](i.png)', '[^1]', '<div>\n', '</div>\n', 'ksbs: [K1, S2]\n',
    '<!--', '-->', '<br>', '<a href="x">', '<https://a.b>', '<x@y.z>', '\u00a0', '😀', '[a]: /url "t"\n', '<details>\n', '<pre>\n', '</pre>', '<?x', '?>', '<!X', '<![CDATA[', ']]>', 'S1 - S4', 'and', ' and ', 'K5.1', 'KSB:', '(', 'B2', '  ', '\u2003', '`` a ``', '***\n', '1) ', '2. ', '+ ', '>', '<img src=x>\n', '<span\n', '\\`', '[KSBs: K1]', '(K1; S2 & B3)', '<!-- KSB: K9 -->\n', 'Kelvin', '\u212Asb-ignore'];
  const N = Number(process.argv[3] ?? 100000);
  const random = (n) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
  for (let t = 0; t < N; t++) {
    let text = random(6) === 0 ? '\uFEFF' : '';
    for (let i = 1 + random(40); i > 0; i--) text += pieces[random(pieces.length)];
    if (random(3) === 0) {
      const fm = ['ksbs: K1, S2\n', 'ksbs:\n', '  - K5\n', '- S3\n', 'evidence: report\n', 'evidence:  Portfolio \n', 'title: "x [K9]"\n', 'ksbs: [K1, "S2"]\n', 'ksbs: >\n', '  K3\n', 'KSB: K40\n', 'ksbs: | # c\n', '\n', '  S1-S4\n', "ksbs: 'K1'\n", 'other: 1\n', '\t- K2\n', 'ksbs:K7\n', 'KSBS : S9 and K1\n', '  -K4\n', 'ksbs: K1 "-"S3\n', 'evidence: report # x\n', '   \n', 'ksbsx: K1\n', '\u00a0- K6\n'];
      let head = '---\n';
      for (let i = random(8); i > 0; i--) head += fm[random(fm.length)];
      const close = random(4);
      head += close === 0 ? '...\n' : close === 1 ? '' : '---\n';
      text = head + text;
    }
    if (random(8) === 0) text = text.replace(/\n/g, '\r\n');
    check(enc.encode(text), 'random ' + t);
  }
} else {
  const walk = (d, out = []) => { for (const e of readdirSync(d)) { const p = path.join(d, e); if (statSync(p).isDirectory()) walk(p, out); else if (/\.(md|qmd)$/.test(e)) out.push(p); } return out; };
  for (const f of walk(process.argv[3])) check(readFileSync(f), f);
}
console.log(`${total} docs: ${diffs} differ, ${bails} left to JS`);
