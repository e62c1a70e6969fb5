// npm run bench [-- --quick] [-- --reps N] [-- --seed N] [-- --no-profile] [-- --baseline REV]
//
// 1. Builds (node esbuild.mjs --production for the extension bundle's size, then node esbuild.mjs,
//    the CLI as `npm run build` makes it, with source maps for the profile), and the CLI at the
//    baseline revision (default 1bbe360, the last with the byte reader), run with its JS reader.
// 2. Generates (or reuses) deterministic corpora of ~200, ~2,000 and ~20,000 evidence files
//    (--quick: no 20,000).
// 3. Times, side by side with alternating repetitions in rotating order: our CLI (also without
//    the code-cache launcher), the baseline's JS reader, the reader alone,
//    ripgrep counting the tag pattern, a plain Node regex scan, a markdown-it parse, and
//    `node -e 0`; medians of wall time, peak RSS of each child (/usr/bin/time -f %M).
// 4. In-process figures (bench/inprocess.mjs): analyze() on 1k/10k/50k-word documents, bundle
//    size, activation.
// 5. Profiles (bench/profile.mjs): the CLI over 2,000 files and analyze() on the 10k-word document.
// Prints every figure with its target and PASS/FAIL. Exit code 0 whatever the targets say.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCore } from './core.mjs';
import { corpus, DEFAULT_SEED } from './corpus.mjs';
import { TAG_PATTERN } from './walk.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? Number(argv[i + 1]) : fallback;
};
const QUICK = argv.includes('--quick');
const BASELINE = argv.includes('--baseline') ? argv[argv.indexOf('--baseline') + 1] : '1bbe360';
const REPS = option('--reps', 5);
const SEED = option('--seed', DEFAULT_SEED);
const SIZES = QUICK ? [200, 2000] : [200, 2000, 20000];
const RG = ['/usr/bin/rg', '/usr/local/bin/rg', '/bin/rg'].find(existsSync);
const TIME = existsSync('/usr/bin/time') && !process.env.KSB_BENCH_NO_TIME ? '/usr/bin/time' : undefined; // KSB_BENCH_NO_TIME=1 tries the fallback
const started = performance.now();
const work = mkdtempSync(path.join(tmpdir(), 'ksb-bench-'));
const log = (s = '') => process.stdout.write(s + '\n');
const fmtInt = (n) => n.toLocaleString('en-GB');

// ---- 1. build -----------------------------------------------------------------------------------
const node = process.execPath;
execFileSync(node, ['esbuild.mjs', '--production'], { cwd: REPO, stdio: 'inherit' });
const extDir = path.join(work, 'extension');
mkdirSync(extDir);
for (const f of ['extension.js', 'yaml.js', 'picomatch.js']) copyFileSync(path.join(REPO, 'dist', f), path.join(extDir, f));
// the bundled standards' data, read beside the bundle on first use
cpSync(path.join(REPO, 'dist', 'standards'), path.join(extDir, 'standards'), { recursive: true });
execFileSync(node, ['esbuild.mjs'], { cwd: REPO, stdio: 'inherit' });
const CLI = path.join(REPO, 'dist/cli.js');
const CORE = (await loadCore(work)).file; // src/core alone, for the analyze()-only contender
// the baseline's CLI, built in a worktree of its own
const baselineTree = path.join(work, 'baseline');
execFileSync('git', ['-C', REPO, 'worktree', 'add', '--detach', baselineTree, BASELINE], { stdio: 'ignore' });
symlinkSync(path.join(REPO, 'node_modules'), path.join(baselineTree, 'node_modules'));
execFileSync(node, ['esbuild.mjs'], { cwd: baselineTree, stdio: 'ignore' });
const BASELINE_CLI = path.join(baselineTree, 'dist/cli.js');

// ---- 2. corpora ---------------------------------------------------------------------------------
const corpora = {};
for (const size of SIZES) {
  const t0 = performance.now();
  corpora[size] = corpus(size, SEED);
  const c = corpora[size];
  process.stderr.write(`corpus ${fmtInt(c.files)} files, ${(c.bytes / 1e6).toFixed(1)} MB: ${c.dir} (${c.cached ? 'cached' : `made in ${((performance.now() - t0) / 1000).toFixed(1)} s`})\n`);
}

// ---- 3. contenders ------------------------------------------------------------------------------
const CONTENDERS = ['ksb-evidence CLI', 'CLI, no cache', `${BASELINE} JS reader`, 'reader only', 'ripgrep -c', 'node regex scan', 'markdown-it parse', 'node -e 0'];
const [OURS, OURS_NOCACHE, OLD_JS, CORE_ONLY, RGNAME, REGEX, MDIT, START] = CONTENDERS;
/** [command, args] of each contender on a folder. */
const command = (name, dir) => {
  switch (name) {
    case OURS: return [node, [CLI, dir, '--format', 'json']];
    case OURS_NOCACHE: return [node, [path.join(REPO, 'dist/cli-main.js'), dir, '--format', 'json']];
    case OLD_JS: return [node, [BASELINE_CLI, dir, '--format', 'json'], { KSB_EVIDENCE_JS_READER: '1' }];
    case CORE_ONLY: return [node, [path.join(REPO, 'bench/analyze-scan.mjs'), CORE, dir]];
    case RGNAME: return RG ? [RG, ['--no-config', '-c', '-g', '*.md', '-e', TAG_PATTERN, dir]] : undefined;
    case REGEX: return [node, [path.join(REPO, 'bench/regex-scan.mjs'), dir]];
    case MDIT: return [node, [path.join(REPO, 'bench/markdown-it-parse.mjs'), dir]];
    case START: return [node, ['-e', '0']];
  }
};
const rssFile = path.join(work, 'rss');
/** One run, stdout to /dev/null: wall time in ms and peak RSS in MB. */
function runOnce(cmd, args, extraEnv = {}, capture = false) {
  rmSync(rssFile, { force: true });
  // /usr/bin/time reports the child's peak RSS; without it, Node children report their own
  const [c, a, env] = TIME
    ? [TIME, ['-f', '%M', '-o', rssFile, cmd, ...args], { ...process.env, ...extraEnv }]
    : [cmd, cmd === node ? ['--require', path.join(REPO, 'bench/rss-hook.cjs'), ...args] : args, { ...process.env, ...extraEnv, KSB_BENCH_RSS: rssFile }];
  const t0 = performance.now();
  const r = spawnSync(c, a, { env, stdio: ['ignore', capture ? 'pipe' : 'ignore', 'pipe'], maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  const ok = r.status === 0 || (cmd === RG && r.status === 1);
  if (!ok) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const kb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) : NaN;
  return { ms, rssMB: kb / 1024, stdout: capture ? String(r.stdout) : '' };
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const results = {};
for (const size of SIZES) {
  const dir = corpora[size].dir;
  const names = CONTENDERS.filter((n) => command(n, dir));
  // one untimed run of each: warms the page cache and the disk, and checks they all read the same files
  const seen = {};
  for (const name of names) {
    const [cmd, args, env] = command(name, dir);
    const out = runOnce(cmd, args, env, name !== START).stdout;
    if (name === OURS || name === OLD_JS || name === OURS_NOCACHE) {
      const r = JSON.parse(out);
      seen[name] = `${fmtInt(r.files.length)} files, ${fmtInt(r.files.reduce((a, f) => a + f.tags, 0))} tags, ${fmtInt(r.ksbs.reduce((a, k) => a + k.evidence.length, 0))} evidence entries, ${(out.length / 1e6).toFixed(1)} MB of JSON`;
    } else if (name === RGNAME) {
      const lines = out.split('\n').filter(Boolean);
      seen[name] = `${fmtInt(lines.length)} files with a match, ${fmtInt(lines.reduce((a, l) => a + Number(l.slice(l.lastIndexOf(':') + 1)), 0))} matches`;
    } else if (name !== START) {
      const r = JSON.parse(out);
      seen[name] = `${fmtInt(r.files)} files, ${r.words !== undefined ? `${fmtInt(r.tags)} tags, ${fmtInt(r.words)} words` : r.tags !== undefined ? `${fmtInt(r.tags)} matches` : `${fmtInt(r.headings)} headings`}`;
    }
  }
  const reps = size >= 20000 ? Math.min(REPS, 3) : REPS;
  const times = Object.fromEntries(names.map((n) => [n, []]));
  const rss = Object.fromEntries(names.map((n) => [n, []]));
  for (let rep = 0; rep < reps; rep++) {
    // each repetition runs every contender once, starting one further along the list
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + rep) % names.length];
      const [cmd, args, env] = command(name, dir);
      const r = runOnce(cmd, args, env);
      times[name].push(r.ms);
      rss[name].push(r.rssMB);
    }
  }
  results[size] = {
    reps,
    seen,
    rows: Object.fromEntries(names.map((n) => [n, { ms: median(times[n]), min: Math.min(...times[n]), max: Math.max(...times[n]), rssMB: Math.max(...rss[n]) }])),
  };
  process.stderr.write(`timed ${fmtInt(size)} files (${reps} reps)\n`);
}

// start-up: what every run pays before the first file
const empty = path.join(work, 'empty');
mkdirSync(empty);
const STARTUP = [
  ['node -e 0', [node, ['-e', '0']]],
  ['ksb-evidence --version', [node, [CLI, '--version']]],
  ['ksb-evidence <empty folder> --format json', [node, [CLI, empty, '--format', 'json']]],
];
const startup = STARTUP.map(() => []);
for (let rep = 0; rep < 9; rep++) for (let i = 0; i < STARTUP.length; i++) startup[(i + rep) % STARTUP.length].push(runOnce(...STARTUP[(i + rep) % STARTUP.length][1]).ms);

// ---- report -------------------------------------------------------------------------------------
const cpu = cpus();
const rgVersion = RG ? String(spawnSync(RG, ['--version']).stdout).split('\n')[0] : 'not installed';
log(`\n=== KSB Evidence benchmark (${new Date().toISOString().slice(0, 10)}) ===`);
log(`${cpu.length} × ${cpu[0]?.model.trim()}, Node ${process.version}, ${rgVersion}; seed ${SEED}; peak RSS by ${TIME ? '/usr/bin/time -f %M' : 'process.resourceUsage() in each Node child (ripgrep: not measured)'}`);
for (const size of SIZES) {
  const c = corpora[size];
  log(`corpus ${fmtInt(size)}: ${fmtInt(c.files)} files, ${(c.bytes / 1e6).toFixed(1)} MB (${(c.bytes / c.files / 1024).toFixed(1)} KB a file), ${c.dir}`);
  for (const [name, s] of Object.entries(results[size].seen)) log(`    ${name.padEnd(18)} read ${s}`);
}

const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const secs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 100 ? 1 : 0)} ms`);
log('\nWall time: median of alternating repetitions (each repetition runs every contender once, in rotating order);');
log('peak RSS: the largest of the repetitions. "× regex" and "× md-it": this row\'s time divided by theirs.\n');
log(`${pad('corpus', 13)}${pad('contender', 19)}${lpad('median', 10)}${lpad('min–max', 20)}${lpad('peak RSS', 10)}${lpad('× regex', 9)}${lpad('× md-it', 9)}`);
for (const size of SIZES) {
  const { rows, reps } = results[size];
  let first = true;
  for (const name of CONTENDERS) {
    const r = rows[name];
    if (!r) continue;
    log(
      `${pad(first ? `${fmtInt(size)} (${reps}×)` : '', 13)}${pad(name, 19)}${lpad(secs(r.ms), 10)}${lpad(`${secs(r.min)}–${secs(r.max)}`, 20)}${lpad(Number.isFinite(r.rssMB) ? `${r.rssMB.toFixed(0)} MB` : '?', 10)}` +
        `${lpad(`${(r.ms / rows[REGEX].ms).toFixed(2)}`, 9)}${lpad(`${(r.ms / rows[MDIT].ms).toFixed(2)}`, 9)}`,
    );
    first = false;
  }
}

log(`\nStart-up (median of 9): ${STARTUP.map(([name], i) => `${name} ${secs(median(startup[i]))}`).join('; ')}`);
if (RG) log('(ripgrep searches with one thread per core, 2 here; every Node contender is one thread)');

/** Time a file, after Node's start (ripgrep: the whole run), in ms. */
const perFile = (size, name) => (results[size].rows[name].ms - (name === RGNAME ? 0 : results[size].rows[START].ms)) / size;
log(`\nTime per file (median minus \`node -e 0\`; ripgrep: whole run), and growth ${fmtInt(SIZES[0])} → ${fmtInt(SIZES.at(-1))} files:\n`);
log(`${pad('contender', 19)}${SIZES.map((s) => lpad(`${fmtInt(s)} files`, 14)).join('')}${lpad('growth', 10)}${lpad(`×${SIZES.at(-1) / SIZES[0]} files`, 14)}`);
for (const name of CONTENDERS.slice(0, -1)) {
  if (!results[SIZES[0]].rows[name]) continue;
  const pf = SIZES.map((s) => perFile(s, name));
  log(`${pad(name, 19)}${pf.map((x) => lpad(`${(x * 1000).toFixed(1)} µs`, 14)).join('')}${lpad(`×${(pf.at(-1) / pf[0]).toFixed(2)}`, 10)}${lpad(`time ×${(results[SIZES.at(-1)].rows[name].ms / results[SIZES[0]].rows[name].ms).toFixed(1)}`, 14)}`);
}

// ---- targets ------------------------------------------------------------------------------------
const targets = [];
const target = (name, ok, value) => targets.push({ name, ok, value });
if (results[2000]) {
  const r = results[2000].rows;
  target('CLI on 2,000 files ≥ 2× faster than markdown-it', r[MDIT].ms >= 2 * r[OURS].ms, `${(r[MDIT].ms / r[OURS].ms).toFixed(2)}× (${secs(r[MDIT].ms)} vs ${secs(r[OURS].ms)})`);
  target(`CLI on 2,000 files no slower than ${BASELINE}'s JS reader (KSB_EVIDENCE_JS_READER=1)`, r[OURS].ms <= r[OLD_JS].ms, `${(r[OURS].ms / r[OLD_JS].ms).toFixed(3)}× (${secs(r[OURS].ms)} vs ${secs(r[OLD_JS].ms)})`);
  log(`\nThe code-cache launcher on 2,000 files: ${secs(r[OURS_NOCACHE].ms)} without -> ${secs(r[OURS].ms)} with (×${(r[OURS_NOCACHE].ms / r[OURS].ms).toFixed(2)})`);
}
{
  const big = SIZES.at(-1);
  const smaller = SIZES.slice(0, -1).map((s) => perFile(s, OURS));
  const growth = perFile(big, OURS) / Math.min(...smaller);
  target(`linear growth: CLI time per file at ${fmtInt(big)} files ≤ 1.2× the best at fewer files`, growth <= 1.2, `×${growth.toFixed(2)} (${(perFile(big, OURS) * 1000).toFixed(0)} µs vs ${(Math.min(...smaller) * 1000).toFixed(0)} µs a file)`);
}
if (results[20000]) {
  const mb = results[20000].rows[OURS].rssMB;
  target('CLI peak memory on 20,000 files < 200 MB', mb < 200, `${mb.toFixed(0)} MB`);
} else target('CLI peak memory on 20,000 files < 200 MB', undefined, `not measured (--quick); ${fmtInt(SIZES.at(-1))} files: ${results[SIZES.at(-1)].rows[OURS].rssMB.toFixed(0)} MB`);
log('\nTargets (command line):');
for (const t of targets) log(`  ${t.ok === undefined ? 'SKIP' : t.ok ? 'PASS' : 'FAIL'}  ${t.name}: ${t.value}`);

// ---- 4. in-process ------------------------------------------------------------------------------
const inprocessJson = path.join(work, 'inprocess.json');
execFileSync(node, [path.join(REPO, 'bench/inprocess.mjs'), '--extension', extDir, '--json', inprocessJson, '--seed', String(SEED)], { cwd: REPO, stdio: 'inherit' });
for (const t of JSON.parse(readFileSync(inprocessJson, 'utf8')).targets) targets.push(t);

// ---- 5. profile ---------------------------------------------------------------------------------
if (!argv.includes('--no-profile')) execFileSync(node, [path.join(REPO, 'bench/profile.mjs'), corpora[2000].dir, '--seed', String(SEED)], { cwd: REPO, stdio: 'inherit' });

log('\n=== Summary of targets ===');
for (const t of targets) log(`  ${t.ok === undefined ? 'SKIP' : t.ok ? 'PASS' : 'FAIL'}  ${t.name}: ${t.value}`);
log(`\n${targets.filter((t) => t.ok === false).length} of ${targets.filter((t) => t.ok !== undefined).length} targets fail. Bench ran in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
execFileSync('git', ['-C', REPO, 'worktree', 'remove', '--force', baselineTree], { stdio: 'ignore' });
rmSync(work, { recursive: true, force: true });
