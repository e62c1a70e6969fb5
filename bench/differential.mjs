// Differential check of the reader: the analysis by the reader at a git revision (default
// 1bbe360, the JS reader before the rewrite by rule) and by the working tree's, field by field,
// on every document we have: strings of the unit tests, the CommonMark spec's examples, the
// example workspace, the bench corpora (corpus.mjs at 200 and 2,000 files; shapes.mjs prose,
// dense and small at 2,000), and random documents (fast-check, and a piece generator).
//   node bench/differential.mjs [revision] [--random N, default 100000] [--allow FIELD,...]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { loadCore, REPO } from './core.mjs';
import { corpusFiles } from './corpus.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const revision = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--'))) ?? '1bbe360';
const randomDocs = Number(option('--random', 100000));
const require = createRequire(import.meta.url);
const ts = require('typescript');

/** Every string literal of 20+ characters in the unit tests (their documents). */
function testStrings() {
  const out = [];
  const dir = path.join(REPO, 'test/unit');
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const sf = ts.createSourceFile(f, readFileSync(path.join(dir, f), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (n) => {
      if ((ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) && n.text.length >= 20) out.push(n.text);
      if (ts.isTemplateExpression(n)) out.push(n.head.text + n.templateSpans.map((s) => 'K5' + s.literal.text).join(''));
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}

function* filesUnder(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* filesUnder(p);
    else if (/\.(md|qmd|markdown)$/.test(e.name)) yield readFileSync(p, 'utf8');
  }
}

function shapes(style, tmp) {
  const dir = path.join(tmp, `shape-${style}`);
  execFileSync(process.execPath, [path.join(REPO, 'bench/shapes.mjs'), dir, style, '2000'], { stdio: 'ignore' });
  return [...filesUnder(dir)];
}

/** Random documents of the pieces evidence is made of (tags in every form, containers, fences, CRLF, BOM). */
function* pieceDocuments(n) {
  const pieces = ['KSBs', 'KSB', 'ksbs', ':', '**', '*', '_', ' ', ' ', ' ', 'K5', 'S3', 'K32', '`x`', '`', '\\', '!', '(', ')', '[', ']', 'word', 'Primary', 'demonstrated',
    '<!-- ksb: K1 -->', '<!-- ksb-ignore -->', '<b>', '\n', '\n', '# ', '## ', '- ', '|', ',', '-', 'S1-S4', 'S1–4', '\t', 'é', '—', '> ', '1. ', '```\n', '~~~\n', '    ', '\\:', 'https://x.y',
    '\r\n', '---\n', '===', '|---|---|\n', '| a | b |\n', '| KSBs: K5 | x |', ' KSB: S3', '\n\n', 'K5:', '**KSBs:**', '[K9](#a)', '![K1](i.png)', '[^1]', '<div>\n', '</div>\n', 'ksbs: [K1, S2]\n',
    'D1', '·', ' — ', 'Distinction', '(Version control)', '### 6.2 Design (400): ', '- **K7:** ', 'Knowledge, Skills and Behaviours\n'];
  let seed = 1;
  const random = (k) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % k);
  for (let t = 0; t < n; t++) {
    let text = random(6) === 0 ? '\uFEFF' : '';
    for (let i = 1 + random(40); i > 0; i--) text += pieces[random(pieces.length)];
    if (random(8) === 0) text = text.replace(/\n/g, '\r\n');
    yield text;
  }
}

/** Documents in the shape of the property tests' generator (test/unit/properties.test.ts). */
function fastCheckDocuments(n) {
  const word = fc.constantFrom('model', 'drift', 'S3', 'bucket', 'K5', 'k5', 'data', 'and', 'the', '4,812', '—', 'KSBs', 'KSB:', '(', ')', '[', ']', '`', '<!--', '-->', '*', '_', '#', '|', 'é', '😀', 'D2', '·');
  const code = fc.constantFrom('K1', 'K5', 'S3', 'S17', 'B1', 'K32', 'S0', 'B6', 'K4.1', 'D1');
  const list = fc.array(code, { minLength: 1, maxLength: 4 }).chain((cs) => fc.constantFrom(', ', '; ', ' & ', ' and ', '/', ' ', ' · ').map((s) => cs.join(s)));
  const sentence = fc.array(word, { maxLength: 14 }).map((ws) => ws.join(' '));
  const tag = fc.oneof(list.map((c) => `[${c}]`), list.map((c) => `(${c})`), list.map((c) => `[KSBs: ${c}]`), list.map((c) => `<!-- KSB: ${c} -->`), list.map((c) => `(Distinction ${c})`), list.map((c) => `(${c} — notes)`));
  const line = fc.tuple(sentence, fc.option(tag), sentence).map(([a, t, b]) => [a, t ?? '', b].join(' ').trim());
  const block = fc.oneof(
    fc.array(line, { minLength: 1, maxLength: 4 }).map((ls) => ls.join('\n')),
    fc.tuple(fc.integer({ min: 1, max: 7 }), sentence, fc.option(list)).map(([k, s, c]) => `${'#'.repeat(k)} ${s}${c ? `: ${c}` : ''}`),
    fc.tuple(sentence, fc.constantFrom('===', '---')).map(([s, u]) => `${s || 'H'}\n${u}`),
    fc.array(line, { maxLength: 3 }).map((ls) => '```\n' + ls.join('\n') + '\n```'),
    fc.array(line, { minLength: 1, maxLength: 3 }).map((ls) => ls.map((l) => `- ${l}`).join('\n')),
    fc.array(line, { minLength: 1, maxLength: 3 }).map((ls) => ls.map((l) => `> ${l}`).join('\n')),
    fc.tuple(sentence, list).map(([s, c]) => `| ${s} | x |\n| --- | --- |\n| KSBs: ${c} | ${c} |`),
    fc.tuple(fc.constantFrom('KSBs: ', '**KSBs:** ', '- **Duties:** D1 · **KSBs:** ', 'K8: ', '- **K7:** '), list, sentence).map(([l, c, s]) => `${l}${c} ${s}`),
  );
  const doc = fc.array(block, { maxLength: 10 }).map((bs) => bs.join('\n\n') + '\n');
  return fc.sample(doc, { numRuns: n, seed: 1398 });
}

const FIELDS = ['sections', 'tags', 'unknown', 'bareCodes', 'words', 'headings', 'frontMatter', 'ignoreFile', 'lineCount'];

const tmp = mkdtempSync(path.join(tmpdir(), 'ksb-differential-'));
const tree = path.join(tmp, 'tree');
execFileSync('git', ['-C', REPO, 'worktree', 'add', '--detach', tree, revision], { stdio: 'ignore' });
let total = 0;
try {
  symlinkSync(path.join(REPO, 'node_modules'), path.join(tree, 'node_modules'));
  if (!existsSync(path.join(tree, 'bench/core.mjs'))) throw new Error(`${revision} has no bench/core.mjs to build its reader with`);
  const before = await (await import(path.join(tree, 'bench/core.mjs'))).loadCore(path.join(tmp, 'before'));
  const after = await loadCore(path.join(tmp, 'after'));
  const a = before.createAnalyzer(before.bundledStandard());
  const b = after.createAnalyzer(after.bundledStandard());
  const sets = [
    ['unit-test strings', () => testStrings()],
    ['CommonMark spec examples', () => require('commonmark-spec').tests.map((t) => t.markdown)],
    ['example workspace', () => [...filesUnder(path.join(REPO, 'examples/ml-engineer-portfolio'))]],
    ['corpus 200', () => [...corpusFiles(200)].map(([, t]) => t)],
    ['corpus 2,000', () => [...corpusFiles(2000)].map(([, t]) => t)],
    ['shapes prose 2,000', () => shapes('prose', tmp)],
    ['shapes dense 2,000', () => shapes('dense', tmp)],
    ['shapes small 2,000', () => shapes('small', tmp)],
    ['fast-check documents', () => fastCheckDocuments(Math.max(1000, randomDocs / 10))],
    ['piece documents', () => pieceDocuments(randomDocs)],
  ];
  for (const [name, docs] of sets) {
    let n = 0;
    const differing = Object.fromEntries(FIELDS.map((f) => [f, 0]));
    const shown = [];
    for (const text of docs()) {
      n++;
      const x = a.analyze(text), y = b.analyze(text);
      let differs = false;
      for (const f of FIELDS) {
        if (JSON.stringify(x[f]) !== JSON.stringify(y[f])) {
          differing[f]++;
          differs = true;
          if (shown.length < 3) shown.push(`  ${f} on ${JSON.stringify(text.length > 300 ? text.slice(0, 300) + '…' : text)}\n    ${revision}: ${JSON.stringify(x[f]).slice(0, 400)}\n    now: ${JSON.stringify(y[f]).slice(0, 400)}`);
        }
      }
      if (differs) total++;
    }
    const diffs = Object.entries(differing).filter(([, k]) => k > 0);
    console.log(`${name}: ${n.toLocaleString('en-GB')} documents, ${diffs.length ? diffs.map(([f, k]) => `${f} differs in ${k}`).join(', ') : 'all fields identical'}`);
    for (const s of shown) console.log(s);
  }
  console.log(total ? `${total} documents differ` : 'no document differs');
  process.exitCode = total ? 1 : 0;
} finally {
  execFileSync('git', ['-C', REPO, 'worktree', 'remove', '--force', tree], { stdio: 'ignore' });
  rmSync(tmp, { recursive: true, force: true });
}
