// Differential check of the reader: the analysis by the reader at a git revision (default
// 1bbe360, the JS reader before the rewrite by rule) and by the working tree's, field by field,
// on every document we have: strings of the unit tests, the CommonMark spec's examples, the
// example workspace, the bench corpora (corpus.mjs at 200 and 2,000 files; shapes.mjs prose,
// dense and small at 2,000), and random documents (fast-check, and a piece generator).
//   node bench/differential.mjs [revision] [--random N, default 100000] [--explain]
// --explain (for a change of the tagging contract, such as v1 -> v2): each difference is put down
// to the rule that makes it, by what changed (a new tag of a v2 form, an aside, a duty, a hint no
// longer given in a table cell, ...); what no rule explains is shown.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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

const EXPLAIN = args.includes('--explain');

/** Whether a line is a table's (GFM: under a delimiter row, up to a blank line; a row needs no pipe). */
function inTable(lines, n) {
  for (let l = n; l >= 0 && lines[l].trim() !== ''; l--) if (/^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/.test(lines[l]) && /\|/.test(lines[Math.max(0, l - 1)])) return true;
  return false;
}

/** The reasons a document reads differently, from what changed; 'UNEXPLAINED …' where no rule says why. */
function explain(text, x, y) {
  const reasons = new Set();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const key = (t) => `${t.line}:${t.start}`;
  const before = new Map(x.tags.map((t) => [key(t), t]));
  const after = new Map(y.tags.map((t) => [key(t), t]));
  const DUTY = /^D\d/;
  const why = (t) => {
    const written = lines[t.line]?.slice(t.start, t.end) ?? '';
    if (t.form === 'heading') return 'v2 heading code list';
    if (t.form === 'list') return 'v2 KSB list item';
    if (t.refs.some((r) => DUTY.test(r.text))) return 'v2 duty code read';
    if (t.form === 'bracket' && /pass|merit|distinction/i.test(written)) return 'v2 grade word in brackets';
    if (t.form === 'bracket' && /\s[-–—]\s/.test(written)) return 'v2 dash description in brackets';
    if (written.includes('·')) return 'v2 · separator';
    if (t.form === 'label' && /·\s*$/.test(lines[t.line].slice(0, t.start))) return 'v2 label after ·';
    if (t.form === 'label' && /[([]/.test(written)) return 'v2 aside in a label list';
    return `UNEXPLAINED new ${t.form} tag`;
  };
  for (const [k, t] of after) {
    const old = before.get(k);
    if (!old) reasons.add(why(t));
    else if (JSON.stringify(old) !== JSON.stringify(t)) {
      const written = lines[t.line].slice(old.end, t.end);
      reasons.add(t.end > old.end && /[([]/.test(written) ? 'v2 aside in a label list' : t.refs.some((r) => DUTY.test(r.text)) ? 'v2 duty code read' : t.section !== old.section ? 'section of a tag (v2 heading changes)' : why(t));
    }
  }
  for (const [k, t] of before) {
    if (after.has(k)) continue;
    // the same codes read on the line from another start: a label now starting after a `·`
    const moved = y.tags.find((u) => u.line === t.line && u.form === t.form && JSON.stringify(u.codes) === JSON.stringify(t.codes));
    reasons.add(moved && /·/.test(lines[t.line].slice(t.start, moved.start)) ? 'v2 label after · (starts after the dot)' : `UNEXPLAINED tag no longer read (${k})`);
  }
  const inTag = (m) => y.tags.some((t) => t.line === m.line && t.refs.some((r) => r.start <= m.start && m.end <= r.end) || (t.line === m.line && t.start <= m.start && m.end <= t.end));
  for (const b of x.bareCodes) {
    if (y.bareCodes.some((c) => c.line === b.line && c.start === b.start)) continue;
    const line = lines[b.line] ?? '';
    if (inTag(b)) reasons.add('v2 bare code now in a tag');
    else if (inTable(lines, b.line)) reasons.add('v2 no bare-code hint in a table cell');
    else if (/^\s*(?:[-*+>]\s*|\d+[.)]\s*)?[*_]*[A-Z]+\d+[*_]*\s*(?:[([][^)\]]*[)\]])?\s*[*_]*:/.test(line)) reasons.add('v2 no bare-code hint in a quoted or empty KSB list item');
    else reasons.add('UNEXPLAINED bare code no longer hinted');
  }
  for (const b of y.bareCodes) if (!x.bareCodes.some((c) => c.line === b.line && c.start === b.start)) reasons.add(b.section !== undefined && x.bareCodes.some((c) => c.line === b.line && c.end === b.end) ? 'section of a hint' : 'UNEXPLAINED new bare code');
  for (const u of y.unknown) if (!x.unknown.some((v) => v.line === u.line && v.start === u.start)) reasons.add(y.tags.some((t) => t.line === u.line && t.refs.some((r) => r.start === u.start)) ? 'unknown code in a v2 tag' : 'UNEXPLAINED new unknown code');
  for (const u of x.unknown) if (!y.unknown.some((v) => v.line === u.line && v.start === u.start)) reasons.add(/^D\d/.test(u.code) ? 'v2 duty no longer unknown' : 'UNEXPLAINED unknown code gone');
  if (reasons.size === 0) reasons.add(JSON.stringify(x.sections) !== JSON.stringify(y.sections) || x.words !== y.words ? 'UNEXPLAINED words or sections' : 'section indices only');
  return [...reasons];
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
    const reasons = new Map();
    for (const text of docs()) {
      n++;
      const x = a.analyze(text), y = b.analyze(text);
      if (EXPLAIN && JSON.stringify(x) !== JSON.stringify(y)) {
        total++;
        for (const r of explain(text, x, y)) {
          const e = reasons.get(r) ?? { n: 0, example: text };
          e.n++;
          reasons.set(r, e);
        }
        continue;
      }
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
    if (EXPLAIN) {
      console.log(`${name}: ${n.toLocaleString('en-GB')} documents${reasons.size ? '' : ', all identical'}`);
      if (process.env.KSB_DIFF_DUMP) writeFileSync(`${process.env.KSB_DIFF_DUMP}.${name.replace(/\W+/g, "-")}.json`, JSON.stringify([...reasons].filter(([r]) => r.startsWith('UNEXPLAINED')).map(([, e]) => e.example)));
      for (const [r, e] of [...reasons].sort((p, q) => q[1].n - p[1].n)) console.log(`  ${String(e.n).padStart(6)}  ${r}${r.startsWith('UNEXPLAINED') ? `\n          e.g. ${JSON.stringify(e.example.slice(0, 300))}` : ''}`);
      continue;
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
