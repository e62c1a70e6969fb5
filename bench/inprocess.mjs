// In-process figures: one analyze(text) (what the editor runs per change) on 1,000-, 10,000- and
// 50,000-word documents, warm and cold; the extension bundle's size; its load + activate() time.
//   node bench/inprocess.mjs [--extension DIR] [--json FILE] [--seed N]
// DIR holds extension.js and yaml.js as `node esbuild.mjs --production` makes them (default:
// dist/, whatever was built last).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { documentOfWords, loadCore, REPO } from './core.mjs';
import { DEFAULT_SEED } from './corpus.mjs';

const argv = process.argv.slice(2);
const arg = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const extDir = path.resolve(arg('--extension', path.join(REPO, 'dist')));
const seed = Number(arg('--seed', DEFAULT_SEED));
const work = mkdtempSync(path.join(tmpdir(), 'ksb-bench-core-'));
const log = (s = '') => process.stdout.write(s + '\n');
const targets = [];
/** Records a target; returns the tag printed beside the figure. */
const target = (name, short, ok, value) => {
  targets.push({ name, ok, value });
  return `[target ${short}: ${ok ? 'PASS' : 'FAIL'}]`;
};
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

const core = await loadCore(work);
const { createAnalyzer, bundledStandard } = core;
/** A fresh copy of the core, never run: its first analyze() is cold (nothing compiled yet). */
let copies = 0;
const coldCore = () => {
  const file = path.join(work, `core-cold-${++copies}.cjs`);
  copyFileSync(core.file, file);
  return createRequire(import.meta.url)(file);
};
const analyzer = createAnalyzer(bundledStandard());
const documents = [];

log('\n=== In-process: one analyze(text), warm (the editor runs it on each change of the open document) ===\n');
log(`${'document'.padEnd(46)}${'reader'.padEnd(13)}${'cold 1st'.padStart(10)}${'median'.padStart(10)}${'p90'.padStart(10)}${'p99'.padStart(10)}${'max'.padStart(10)}${'calls'.padStart(8)}  MB/s (median)`);
const readers = [
  // the cold call: a copy of the core never run before, as the first document after activation
  { name: 'editor', warm: analyzer, fresh: (c) => c.createAnalyzer(c.bundledStandard()), target: true },
];
for (const words of [1000, 10000, 50000]) {
  const text = documentOfWords(analyzer, words, seed);
  documents.push(text);
  const calls = words >= 50000 ? 300 : words >= 10000 ? 1500 : 5000;
  for (const reader of readers) {
    const cold$ = coldCore();
    let t = performance.now();
    const a = reader.fresh(cold$).analyze(text);
    const cold = performance.now() - t;
    for (let i = 0; i < Math.min(300, calls); i++) reader.warm.analyze(text); // warm up the JIT
    const times = new Float64Array(calls);
    for (let i = 0; i < calls; i++) {
      t = performance.now();
      reader.warm.analyze(text);
      times[i] = performance.now() - t;
    }
    times.sort();
    const med = quantile(times, 0.5);
    const label = reader === readers[0] ? `${a.words.toLocaleString('en-GB')} words (${(text.length / 1024).toFixed(0)} KB, ${a.headings} headings, ${a.tags.length} tags)` : '';
    log(
      `${label.padEnd(46)}${reader.name.padEnd(13)}${cold.toFixed(2).padStart(10)}${med.toFixed(3).padStart(10)}${quantile(times, 0.9).toFixed(3).padStart(10)}${quantile(times, 0.99).toFixed(3).padStart(10)}${times[calls - 1].toFixed(2).padStart(10)}${String(calls).padStart(8)}  ${(text.length / 1e6 / (med / 1000)).toFixed(0)}` +
        (words === 10000 && reader.target ? `  ${target("the editor's analyze() of a 10,000-word document: median < 1 ms", 'median < 1 ms', med < 1, `${med.toFixed(3)} ms (max ${times[calls - 1].toFixed(2)} ms, cold ${cold.toFixed(1)} ms)`)}` : ''),
    );
  }
}
log('(ms; "cold 1st": the first call into a fresh copy of the core, nothing compiled yet; max includes GC pauses)');

// ---- the extension --------------------------------------------------------------------------------
log('\n=== Extension ===\n');
const size = statSync(path.join(extDir, 'extension.js')).size;
log(`bundle dist/extension.js (node esbuild.mjs --production): ${(size / 1024).toFixed(1)} KiB  ${target('extension bundle < 150 KiB', '< 150 KiB', size < 150 * 1024, `${(size / 1024).toFixed(1)} KiB`)}`);
log(`  (dist/yaml.js, ${(statSync(path.join(extDir, 'yaml.js')).size / 1024).toFixed(1)} KiB, is required only when a config or standard YAML file is read)`);
const runs = [];
for (let i = 0; i < 7; i++) runs.push(JSON.parse(execFileSync(process.execPath, [path.join(REPO, 'bench/activate.cjs'), extDir], { encoding: 'utf8' })));
const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const req = med(runs.map((r) => r.requireMs));
if (runs.some((r) => r.error)) {
  log(`require(): median ${req.toFixed(1)} ms of ${runs.length} fresh processes. activate() threw against the stand-in vscode API (${runs.find((r) => r.error).error}):`);
  log('  activation timing needs the real extension host (npm run test:integration).');
  log(`  ${target('activation (require + activate) < 30 ms', '< 30 ms', req < 30, `require alone ${req.toFixed(1)} ms; activate() not timed`)}`);
} else {
  const act = med(runs.map((r) => r.activateMs));
  const total = med(runs.map((r) => r.requireMs + r.activateMs));
  log(`activation, median of ${runs.length} fresh processes: require() ${req.toFixed(1)} ms + activate() ${act.toFixed(1)} ms = ${total.toFixed(1)} ms  ${target('activation (require + activate) < 30 ms', '< 30 ms', total < 30, `${total.toFixed(1)} ms`)}`);
  log('  (against a stand-in vscode module that accepts every call: the code the extension runs itself, not VS Code\'s own work for the registrations)');
}

if (argv.includes('--json')) writeFileSync(arg('--json'), JSON.stringify({ targets }));
rmSync(work, { recursive: true, force: true });
