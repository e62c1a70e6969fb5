// Where the time goes: V8 CPU profiles, mapped back to src/ through the source maps.
//   node bench/profile.mjs <corpus folder> [--seed N] [--runs N] [--keep DIR]
// A. the CLI (dist/cli.js, as `node esbuild.mjs` builds it, with its source map) over the corpus,
//    --runs times (default 3) under --cpu-prof, the profiles merged;
// B. analyze() of the 10,000-word document in a loop for ~2 s, profiled in this process.
// For each: self time by function (with src file:line of the function), the hottest source lines
// of the top functions, and inclusive time of the src/ functions (what each stage costs).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { documentOfWords, loadCore, REPO } from './core.mjs';
import { DEFAULT_SEED } from './corpus.mjs';

const argv = process.argv.slice(2);
const arg = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const corpusDir = argv[0] && !argv[0].startsWith('--') ? path.resolve(argv[0]) : undefined;
const RUNS = Number(arg('--runs', 3));
const keep = arg('--keep');
const work = keep ? (mkdirSync(keep, { recursive: true }), path.resolve(keep)) : mkdtempSync(path.join(tmpdir(), 'ksb-bench-prof-'));
const log = (s = '') => process.stdout.write(s + '\n');
const INTERVAL_US = 100;

// ---- source maps ----------------------------------------------------------------------------------

const maps = new Map();
/** The generated file's source map and lines, or null. */
function mapOf(url) {
  if (maps.has(url)) return maps.get(url);
  let entry = null;
  // CommonJS modules have file URLs; the CLI's bundle, compiled by dist/cli.js (vm.Script), its path
  if (url.startsWith('file://') || path.isAbsolute(url)) {
    const file = url.startsWith('file://') ? fileURLToPath(url) : url;
    try {
      const code = readFileSync(file, 'utf8');
      const m = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(code);
      if (m) {
        const mapFile = path.resolve(path.dirname(file), m[1]);
        entry = { map: new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8'))), mapDir: path.dirname(mapFile), lines: code.split('\n') };
      } else entry = { map: null, lines: code.split('\n') };
    } catch {
      entry = null;
    }
  }
  maps.set(url, entry);
  return entry;
}
const rel = (p) => path.relative(REPO, p).split(path.sep).join('/');
/** `src/core/analyze.ts:123` for a 0-based generated position, or `file:line` of the generated file. */
function where(url, line0, col0) {
  if (!url) return '(native)';
  const m = mapOf(url);
  if (m?.map) {
    const e = m.map.findEntry(line0, col0);
    if (e && e.originalSource) {
      const src = e.originalSource.startsWith('file://') ? fileURLToPath(e.originalSource) : path.resolve(m.mapDir, e.originalSource);
      return `${rel(src).replace(/^node_modules\//, '~/')}:${e.originalLine + 1}`;
    }
  }
  const short = url.startsWith('file://') ? rel(fileURLToPath(url)) : url;
  return `${short}:${line0 + 1}`;
}
/** The source position of a 1-based generated line: its first token's mapping. */
function whereLine(url, line1) {
  const m = mapOf(url);
  const text = m?.lines[line1 - 1] ?? '';
  return where(url, line1 - 1, text.length - text.trimStart().length);
}

// ---- profile analysis -------------------------------------------------------------------------------

/** Merges profiles into self time per function, hot lines per function, and inclusive time per function. */
function analyse(profiles) {
  const self = new Map(); // key -> { name, where, ms, lines: Map(where -> ticks) }
  const inclusive = new Map(); // key -> ms
  let total = 0;
  for (const p of profiles) {
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const keyOf = new Map();
    const entryOf = (n) => {
      if (keyOf.has(n.id)) return keyOf.get(n.id);
      const f = n.callFrame;
      const key = `${f.functionName}|${f.url}|${f.lineNumber}|${f.columnNumber}`;
      if (!self.has(key)) self.set(key, { name: f.functionName || '(anonymous)', url: f.url, where: where(f.url, f.lineNumber, f.columnNumber), ms: 0, ticks: new Map() });
      keyOf.set(n.id, key);
      return key;
    };
    for (const n of p.nodes) {
      const key = entryOf(n);
      for (const t of n.positionTicks ?? []) {
        const e = self.get(key);
        const w = whereLine(n.callFrame.url, t.line);
        e.ticks.set(w, (e.ticks.get(w) ?? 0) + t.ticks);
      }
    }
    // sample i lasts until sample i+1
    const { samples, timeDeltas } = p;
    for (let i = 0; i < samples.length; i++) {
      const ms = (i + 1 < samples.length ? timeDeltas[i + 1] : INTERVAL_US) / 1000;
      total += ms;
      const node = byId.get(samples[i]);
      self.get(entryOf(node)).ms += ms;
      const onStack = new Set();
      for (let id = node.id; id !== undefined; id = parent.get(id)) onStack.add(entryOf(byId.get(id)));
      for (const k of onStack) inclusive.set(k, (inclusive.get(k) ?? 0) + ms);
    }
  }
  return { self, inclusive, total };
}

const pct = (ms, total) => `${((ms / total) * 100).toFixed(1).padStart(5)}%`;
function report(title, { self, inclusive, total }, runs, { top = 15, hotFunctions = 6, inclusiveTop = 14 } = {}) {
  log(`\n--- ${title}: ${(total / runs).toFixed(0)} ms sampled a run (${runs} run${runs > 1 ? 's' : ''}, every ${INTERVAL_US} µs) ---`);
  log('\nSelf time by function (JS functions include the regular expressions and inlined callees they run):');
  const rows = [...self.values()].sort((a, b) => b.ms - a.ms).slice(0, top);
  for (const r of rows) log(`  ${pct(r.ms, total)} ${(r.ms / runs).toFixed(1).padStart(8)} ms  ${r.name.slice(0, 34).padEnd(34)} ${r.where}`);
  log('\nHottest source lines in the top functions (share of that function\'s self samples):');
  let shown = 0;
  for (const r of rows) {
    if (!r.url.startsWith('file://') || r.ticks.size === 0 || shown >= hotFunctions) continue;
    shown++;
    const sum = [...r.ticks.values()].reduce((a, b) => a + b, 0);
    const lines = [...r.ticks.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
    log(`  ${r.name} (${r.where}): ${lines.map(([w, t]) => `${w.slice(w.lastIndexOf('/') + 1)} ${((t / sum) * 100).toFixed(0)}%`).join(', ')}`);
  }
  log('\nInclusive time of project functions (self + everything they call):');
  const inc = [...inclusive.entries()]
    .map(([k, ms]) => ({ ...self.get(k), ms }))
    .filter((r) => r.url.startsWith('file://') && /^(src|bench)\//.test(r.where) && !r.where.startsWith('bench/'))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, inclusiveTop);
  for (const r of inc) log(`  ${pct(r.ms, total)} ${(r.ms / runs).toFixed(1).padStart(8)} ms  ${r.name.slice(0, 34).padEnd(34)} ${r.where}`);
  // what is not our code: Node's start, module loading, GC, the file system
  const bucket = (test) => [...self.values()].filter(test).reduce((a, r) => a + r.ms, 0);
  const gc = bucket((r) => r.name === '(garbage collector)');
  const program = bucket((r) => r.name === '(program)' || r.name === '(idle)');
  const internals = bucket((r) => r.url.startsWith('node:'));
  const native = bucket((r) => r.url === '' && !/^\((?:garbage collector|program|idle|root)\)$/.test(r.name));
  log(`\nOutside our functions' own code: GC ${pct(gc, total)}, (program)/(idle) ${pct(program, total)}, node: internals ${pct(internals, total)}, native builtins ${pct(native, total)}`);
}

// ---- A. the CLI ---------------------------------------------------------------------------------------
if (corpusDir) {
  const files = readdirSync(corpusDir, { recursive: true }).filter((f) => /\.md$/.test(f)).length;
  const dir = path.join(work, 'cli');
  rmSync(dir, { recursive: true, force: true });
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', String(INTERVAL_US), path.join(REPO, 'dist/cli.js'), corpusDir, '--format', 'json'], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error(`the CLI exited ${r.status}`);
  }
  const profiles = readdirSync(dir).map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
  log(`\n=== Profile A: node --cpu-prof dist/cli.js <${files.toLocaleString('en-GB')} files> --format json ===`);
  report(`CLI over ${files.toLocaleString('en-GB')} files`, analyse(profiles), profiles.length);
  jitReport(corpusDir, files);
  // the warm-up's price: the same texts analysed again and again in one fresh process
  const core = await loadCore(work);
  const runs = [0, 1, 2].map(() => JSON.parse(spawnSync(process.execPath, [path.join(REPO, 'bench/analyze-scan.mjs'), core.file, corpusDir, '--passes', '5'], { encoding: 'utf8' }).stdout));
  const pass = (i) => [...runs.map((r) => r.ms[i])].sort((a, b) => a - b)[1];
  const warm = Math.min(pass(3), pass(4));
  log(`\nJIT warm-up: analyze() of the ${files.toLocaleString('en-GB')} files' texts (read beforehand) five times over in one fresh process, medians of 3 processes:`);
  log(`  passes ${[0, 1, 2, 3, 4].map((i) => `${pass(i).toFixed(0)} ms`).join(', ')}; the first pass (what the CLI gets) costs ${(pass(0) - warm).toFixed(0)} ms more than a warm one (${(((pass(0) - warm) / pass(0)) * 100).toFixed(0)}% of it); warm throughput ${(runs[0].bytes / 1e3 / warm).toFixed(0)} MB/s`);
}

/**
 * The optimising compiler's work in one CLI run (--trace-opt --trace-deopt-verbose): how often each
 * function was compiled by TurboFan and how long that took, and every deoptimisation with its
 * reason and src/ position. A deoptimisation throws the function back to the interpreter until it
 * is compiled again, so a big function that deoptimises often runs slowly for much of a short run.
 */
function jitReport(dir, files) {
  const r = spawnSync(process.execPath, ['--trace-opt', '--trace-deopt-verbose', path.join(REPO, 'dist/cli.js'), dir, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const compiles = new Map();
  const deopts = [];
  let pending;
  for (const line of r.stdout.split('\n')) {
    let m = /^\[completed compiling 0x[0-9a-f]+ <JSFunction (\S*) \(sfi = [^)]*\)> \(target TURBOFAN\)( OSR)? - took ([\d.]+), ([\d.]+), ([\d.]+) ms\]/.exec(line);
    if (m) {
      const c = compiles.get(m[1]) ?? { n: 0, osr: 0, ms: 0 };
      c.n++;
      if (m[2]) c.osr++;
      c.ms += Number(m[3]) + Number(m[4]) + Number(m[5]);
      compiles.set(m[1], c);
      continue;
    }
    m = /^\[bailout \(kind: ([^,]+), reason: ([^)]*)\): begin\. deoptimizing 0x[0-9a-f]+ <JSFunction (\S*) /.exec(line);
    if (m) {
      pending = { kind: m[1], reason: m[2], fn: m[3] };
      deopts.push(pending);
      continue;
    }
    m = /;;; deoptimize at <([^>]+)>(?: inlined at <([^>]+)>)?/.exec(line);
    if (m && pending) {
      const at = (s) => {
        const k = /^(.*):(\d+):(\d+)$/.exec(s);
        if (!k) return s;
        const url = k[1].startsWith('/') ? `file://${k[1]}` : k[1];
        return where(url, Number(k[2]) - 1, Number(k[3]) - 1);
      };
      pending.at = at(m[1]);
      if (m[2]) pending.inlinedAt = at(m[2]);
      pending = undefined;
    }
  }
  const ours = (d) => /^src\//.test(d.at ?? '') || /^src\//.test(d.inlinedAt ?? '');
  log(`\n--- JIT in one CLI run over ${files.toLocaleString('en-GB')} files (node --trace-opt --trace-deopt-verbose) ---`);
  log('\nTurboFan compilations of src/ functions compiled more than once (on the compiler thread; meanwhile the main thread runs the function unoptimised):');
  const many = [...compiles.entries()].filter(([, c]) => c.n > 1).sort((a, b) => b[1].ms - a[1].ms).slice(0, 10);
  for (const [fn, c] of many) log(`  ${fn.padEnd(20)} ${String(c.n).padStart(3)} compilations (${c.osr} on-stack), ${c.ms.toFixed(0).padStart(5)} ms compiling in all`);
  log(`\nDeoptimisations in src/ code (${deopts.filter(ours).length} of ${deopts.length} in the run):`);
  for (const d of deopts.filter(ours)) log(`  ${d.fn.padEnd(20)} ${d.reason.padEnd(32)} at ${d.at}${d.inlinedAt ? ` (inlined at ${d.inlinedAt})` : ''}`);
}

// ---- B. analyze() on the 10,000-word document -------------------------------------------------------------
{
  const { createAnalyzer, bundledStandard } = await loadCore(work);
  const analyzer = createAnalyzer(bundledStandard());
  const text = documentOfWords(analyzer, 10000, Number(arg('--seed', DEFAULT_SEED)));
  for (let i = 0; i < 300; i++) analyzer.analyze(text);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: INTERVAL_US });
  await session.post('Profiler.start');
  let calls = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < 2000) {
    analyzer.analyze(text);
    calls++;
  }
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  log(`\n=== Profile B: analyze() of a 10,000-word document (${(text.length / 1024).toFixed(0)} KB), ${calls} calls in 2 s under the profiler ===`);
  report('analyze() of 10,000 words', analyse([profile]), 1, { inclusiveTop: 10 });
}
if (!keep) rmSync(work, { recursive: true, force: true });
else log(`\nprofiles kept in ${work} (open the .cpuprofile files in Chrome DevTools or VS Code)`);
