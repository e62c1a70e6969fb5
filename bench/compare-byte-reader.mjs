// Differential check of the byte reader (src/core/wasm/reader.c through src/core/fastReader.ts)
// against the JS reader (src/core/analyze.ts): on many random documents made of evidence pieces
// (with front matter, CRLF, BOMs), and on every Markdown file of the folders given, the two
// analyses must be identical field for field. The unit tests run a smaller version of the same.
//   node bench/compare-byte-reader.mjs [--docs N, default 200000] [--seed N] [folder ...]
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadCore } from './core.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const docs = option('--docs', 200000);
let seed = option('--seed', 1);
const folders = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));

const work = mkdtempSync(path.join(tmpdir(), 'ksb-compare-bytes-'));
const core = await loadCore(work);
const standard = core.bundledStandard();
const bytes = core.createBytesAnalyzer(core.readerModule(), standard);
const js = core.createAnalyzer(standard);
const encoder = new TextEncoder();
const decoder = new TextDecoder();
let differences = 0, left = 0, total = 0;

function check(data, label) {
  total++;
  const a = bytes.analyzeBytes(data);
  if (!a) return void left++;
  const b = js.analyze(decoder.decode(data));
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  if (differences++ < 3) {
    console.log(`differs on ${label}: ${JSON.stringify(decoder.decode(data)).slice(0, 400)}`);
    for (const k of Object.keys(b)) if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) console.log(`  ${k}\n    bytes: ${String(JSON.stringify(a[k])).slice(0, 400)}\n    js:    ${JSON.stringify(b[k]).slice(0, 400)}`);
  }
}

const pieces = ['KSBs', 'KSB', 'ksbs', ':', '**', '*', '_', ' ', ' ', ' ', 'K5', 'S3', 'K32', '`x`', '`', '\\', '!', '(', ')', '[', ']', 'word', 'Primary', 'demonstrated',
  '<!-- ksb: K1 -->', '<!-- ksb-ignore -->', '<b>', '\n', '\n', '# ', '## ', '- ', '|', ',', '-', 'S1-S4', 'S1–4', '\t', 'é', '—', '> ', '1. ', '```\n', '~~~\n', '    ', '\\:', 'https://x.y',
  '\r\n', '---\n', '===', '|---|---|\n', '| a | b |\n', '| KSBs: K5 | x |', ' KSB: S3', '\n\n', 'K5:', '**KSBs:**', '[K9](#a)', '![K1](i.png)', '[^1]', '<div>\n', '</div>\n', 'ksbs: [K1, S2]\n',
  '<!--', '-->', '<br>', '<a href="x">', '<https://a.b>', '<x@y.z>', '\u00a0', '😀', '[a]: /url "t"\n', '<details>\n', '<pre>\n', '</pre>', '<?x', '?>', '<!X', '<![CDATA[', ']]>', 'S1 - S4', 'and',
  ' and ', 'K5.1', 'KSB:', '(', 'B2', '  ', '\u2003', '`` a ``', '***\n', '1) ', '2. ', '+ ', '>', '<img src=x>\n', '<span\n', '\\`', '[KSBs: K1]', '(K1; S2 & B3)', '<!-- KSB: K9 -->\n', 'Kelvin', '\u212asb-ignore'];
const frontMatter = ['ksbs: K1, S2\n', 'ksbs:\n', '  - K5\n', '- S3\n', 'evidence: report\n', 'evidence:  Portfolio \n', 'title: "x [K9]"\n', 'ksbs: [K1, "S2"]\n', 'ksbs: >\n', '  K3\n', 'KSB: K40\n', 'ksbs: | # c\n',
  '\n', '  S1-S4\n', "ksbs: 'K1'\n", 'other: 1\n', '\t- K2\n', 'ksbs:K7\n', 'KSBS : S9 and K1\n', '  -K4\n', 'ksbs: K1 "-"S3\n', 'evidence: report # x\n', '   \n', 'ksbsx: K1\n', '\u00a0- K6\n'];
const random = (n) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
const t0 = performance.now();
for (let t = 0; t < docs; t++) {
  let text = random(6) === 0 ? '\uFEFF' : '';
  if (random(3) === 0) {
    text += '---\n';
    for (let i = random(8); i > 0; i--) text += frontMatter[random(frontMatter.length)];
    text += ['...\n', '', '---\n', '---\n'][random(4)];
  }
  for (let i = 1 + random(40); i > 0; i--) text += pieces[random(pieces.length)];
  if (random(8) === 0) text = text.replace(/\n/g, '\r\n');
  check(encoder.encode(text), `random document ${t}`);
}
const walk = (d, out = []) => {
  for (const e of readdirSync(d)) {
    const p = path.join(d, e);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(?:md|markdown|qmd|rmd)$/i.test(e)) out.push(p);
  }
  return out;
};
for (const folder of folders) for (const file of walk(folder)) check(readFileSync(file), file);
console.log(`${total.toLocaleString('en-GB')} documents: ${differences} analyses differ; ${left.toLocaleString('en-GB')} left to the JS reader (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
rmSync(work, { recursive: true, force: true });
process.exitCode = differences ? 1 : 0;
