// Differential check for work on the reader: the analysis of many random documents, made of the
// pieces Markdown evidence is made of (tags in every form, labels, tables, lists, quotes, fences,
// code spans, HTML, setext underlines, CRLF, a BOM), by the reader at a git revision and by the
// working tree's, must be identical. Every rewrite for speed in src/core/analyze.ts was checked
// this way against the reader before it.
//   node bench/compare-readers.mjs [revision, default HEAD] [--docs N, default 200000] [--seed N]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadCore, REPO } from './core.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const revision = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--'))) ?? 'HEAD';
const docs = option('--docs', 200000);
let seed = option('--seed', 1);

const tmp = mkdtempSync(path.join(tmpdir(), 'ksb-compare-'));
const tree = path.join(tmp, 'tree');
execFileSync('git', ['-C', REPO, 'worktree', 'add', '--detach', tree, revision], { stdio: 'ignore' });
try {
  symlinkSync(path.join(REPO, 'node_modules'), path.join(tree, 'node_modules'));
  if (!existsSync(path.join(tree, 'bench/core.mjs'))) throw new Error(`${revision} has no bench/core.mjs to build its reader with`);
  const before = await (await import(path.join(tree, 'bench/core.mjs'))).loadCore(path.join(tmp, 'before'));
  const after = await loadCore(path.join(tmp, 'after'));
  const a = before.createAnalyzer(before.bundledStandard());
  const b = after.createAnalyzer(after.bundledStandard());
  const pieces = ['KSBs', 'KSB', 'ksbs', ':', '**', '*', '_', ' ', ' ', ' ', 'K5', 'S3', 'K32', '`x`', '`', '\\', '!', '(', ')', '[', ']', 'word', 'Primary', 'demonstrated',
    '<!-- ksb: K1 -->', '<!-- ksb-ignore -->', '<b>', '\n', '\n', '# ', '## ', '- ', '|', ',', '-', 'S1-S4', 'S1–4', '\t', 'é', '—', '> ', '1. ', '```\n', '~~~\n', '    ', '\\:', 'https://x.y',
    '\r\n', '---\n', '===', '|---|---|\n', '| a | b |\n', '| KSBs: K5 | x |', ' KSB: S3', '\n\n', 'K5:', '**KSBs:**', '[K9](#a)', '![K1](i.png)', '[^1]', '<div>\n', '</div>\n', 'ksbs: [K1, S2]\n'];
  const random = (n) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
  let differences = 0;
  for (let t = 0; t < docs; t++) {
    let text = random(6) === 0 ? '\uFEFF' : '';
    for (let i = 1 + random(40); i > 0; i--) text += pieces[random(pieces.length)];
    if (random(8) === 0) text = text.replace(/\n/g, '\r\n');
    const x = JSON.stringify(a.analyze(text));
    const y = JSON.stringify(b.analyze(text));
    if (x !== y && differences++ < 3) console.log(`differs on ${JSON.stringify(text)}\n  ${revision}: ${x}\n  now: ${y}`);
  }
  console.log(`${docs.toLocaleString('en-GB')} documents: ${differences} analyses differ between ${revision} and the working tree`);
  process.exitCode = differences ? 1 : 0;
} finally {
  execFileSync('git', ['-C', REPO, 'worktree', 'remove', '--force', tree], { stdio: 'ignore' });
  rmSync(tmp, { recursive: true, force: true });
}
