// Tag precision and recall on the hand-labelled real-style set (test/fixtures/real-style): for each
// file, the (line, code) pairs the reader tags against the pairs its author clearly meant, with the
// misses and false positives printed by line, for whoever changes the reader.
//   node bench/tag-eval.mjs [folder] [--quiet]
// Labels marked "note": "intent" are claims the author clearly meant that the spec's rules do not
// read; recall is given with and without them. See test/fixtures/real-style/README.md.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCore, REPO } from './core.mjs';

/** The editor's reader (createAnalyzer) with the bundled standards, bundled as bench/core.mjs does. */
async function loadReader() {
  const dir = mkdtempSync(path.join(tmpdir(), 'tag-eval-'));
  try {
    return await loadCore(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every code a tag reads, KSBs and duties, however the reader keeps its duties. */
const tagCodes = (t) => [...new Set([...t.codes, ...(t.duties ?? []), ...t.refs.flatMap((r) => (r.valid ? r.codes : []))])];

/** Scores one labelled file: `key` is `line:code` with 1-based lines. */
export function scoreFile(analyzer, text, labels) {
  const found = new Set(analyzer.analyze(text).tags.flatMap((t) => tagCodes(t).map((c) => `${t.line + 1}:${c}`)));
  const wanted = new Map(labels.map((l) => [`${l.line}:${l.code}`, l]));
  const hits = [...found].filter((k) => wanted.has(k));
  return {
    hits,
    falsePositives: [...found].filter((k) => !wanted.has(k)),
    misses: [...wanted.keys()].filter((k) => !found.has(k)),
    intent: new Set(labels.filter((l) => l.note === 'intent').map((l) => `${l.line}:${l.code}`)),
  };
}

export function labelledFiles(folder) {
  return readdirSync(folder)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .sort()
    .map((f) => ({
      name: f,
      text: readFileSync(path.join(folder, f), 'utf8'),
      labels: JSON.parse(readFileSync(path.join(folder, f.replace(/\.md$/, '.labels.json')), 'utf8')),
    }));
}

async function main() {
  const args = process.argv.slice(2);
  const quiet = args.includes('--quiet');
  const folder = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(REPO, 'test/fixtures/real-style'));
  const { createAnalyzer, bundledStandard } = await loadReader();
  const analyzer = createAnalyzer(bundledStandard('ST1398'), {});
  const total = { hits: 0, fp: 0, misses: 0, intentMisses: 0, intent: 0 };
  for (const { name, text, labels } of labelledFiles(folder)) {
    const s = scoreFile(analyzer, text, labels);
    const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
    const show = (k) => `    ${k.padEnd(9)} ${(lines[Number(k.split(':')[0]) - 1] ?? '').trim().slice(0, 110)}`;
    const byLine = (a, b) => parseInt(a) - parseInt(b);
    total.hits += s.hits.length;
    total.fp += s.falsePositives.length;
    total.misses += s.misses.length;
    total.intent += s.intent.size;
    total.intentMisses += s.misses.filter((k) => s.intent.has(k)).length;
    console.log(`${name}: ${s.hits.length} found, ${s.falsePositives.length} false positive(s), ${s.misses.length} missed of ${labels.length}`);
    if (quiet) continue;
    for (const k of s.falsePositives.sort(byLine)) console.log(`  FP  ${show(k).trimStart()}`);
    for (const k of s.misses.sort(byLine)) console.log(`  MISS${s.intent.has(k) ? '(intent)' : ''} ${show(k).trimStart()}`);
  }
  const precision = total.hits / Math.max(1, total.hits + total.fp);
  const recall = total.hits / Math.max(1, total.hits + total.misses);
  const specRecall = (total.hits - (total.intent - total.intentMisses)) / Math.max(1, total.hits + total.misses - total.intent);
  console.log(`\nprecision ${precision.toFixed(3)} (${total.hits}/${total.hits + total.fp})`);
  console.log(`recall    ${recall.toFixed(3)} (${total.hits}/${total.hits + total.misses}); without the ${total.intent} intent-only labels ${specRecall.toFixed(3)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
