// npm run bench [-- --quick] [-- --reps N]
// Times, side by side in one run with alternating repetitions, on the same generated corpora:
// our CLI (--format json), ripgrep counting tags (the floor for reading the bytes), a plain Node
// regex scan (the floor for a Node process) and a markdown-it parse (a parser-based tool).
// Then the in-process figures (bench/inprocess.mjs). Prints medians, peak memory and ratios.
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpus } from './corpus.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
const repsArg = process.argv.indexOf('--reps');
const REPS = repsArg > 0 ? Number(process.argv[repsArg + 1]) : 5;
const SIZES = quick ? [200, 2000] : [200, 2000, 20000];
const RG = ['/usr/bin/rg', '/usr/local/bin/rg'].find(existsSync);
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const RSS_HOOK = path.join(REPO, 'bench/rss-hook.cjs');
const rssFile = path.join(tmpdir(), `ksb-bench-rss-${process.pid}`);

execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: REPO, stdio: 'inherit' });

const folderBytes = (dir) => {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) n += e.isDirectory() ? folderBytes(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).size;
  return n;
};

/** [command, args] per contender; node contenders report peak RSS through a --require hook. */
function contenders(dir) {
  const node = (...args) => [process.execPath, ['--require', RSS_HOOK, ...args]];
  const list = {
    'ksb-evidence (json)': node(path.join(REPO, 'dist/cli.js'), dir, '--format', 'json'),
    'node regex scan': node(path.join(REPO, 'bench/regex-scan.mjs'), dir),
    'markdown-it parse': node(path.join(REPO, 'bench/markdown-it-parse.mjs'), dir),
    'node start': node('-e', '0'),
  };
  if (RG) list['ripgrep -c'] = [RG, ['-c', '--no-messages', '-g', '*.md', String.raw`[\[(](KSBs?:?\s*)?[KSB]\d+|KSBs?:\*{0,2}\s*[KSB]\d+|<!-- KSB:`, dir]];
  return list;
}

function runOnce(cmd, args) {
  rmSync(rssFile, { force: true });
  const wrapped = TIME && cmd === RG ? [TIME, ['-f', '%M', cmd, ...args]] : [cmd, args];
  const t0 = performance.now();
  const r = spawnSync(wrapped[0], wrapped[1], { env: { ...process.env, KSB_BENCH_RSS: rssFile }, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const ms = performance.now() - t0;
  if (r.status !== 0 && !(cmd === RG && r.status === 1)) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  let rssMB;
  if (existsSync(rssFile)) rssMB = Number(readFileSync(rssFile, 'utf8')) / 1024;
  else if (TIME && cmd === RG) rssMB = Number(String(r.stderr).trim().split('\n').pop()) / 1024;
  return { ms, rssMB };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const results = {};
for (const size of SIZES) {
  const t0 = performance.now();
  const dir = corpus(size);
  const bytes = folderBytes(dir);
  console.error(`corpus ${size} files, ${(bytes / 1e6).toFixed(1)} MB (ready in ${((performance.now() - t0) / 1000).toFixed(1)} s): ${dir}`);
  const list = Object.entries(contenders(dir));
  const times = Object.fromEntries(list.map(([name]) => [name, []]));
  const rss = Object.fromEntries(list.map(([name]) => [name, 0]));
  runOnce(...list[0][1]); // warm the page cache
  const reps = size >= 20000 ? Math.min(REPS, 3) : REPS;
  for (let rep = 0; rep < reps; rep++) {
    // rotate the order each repetition so no contender always runs first or last
    for (let i = 0; i < list.length; i++) {
      const [name, [cmd, args]] = list[(i + rep) % list.length];
      const r = runOnce(cmd, args);
      times[name].push(r.ms);
      rss[name] = Math.max(rss[name], r.rssMB ?? 0);
    }
  }
  results[size] = { bytes, reps, rows: Object.fromEntries(list.map(([name]) => [name, { ms: median(times[name]), rssMB: rss[name] }])) };
}

const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
console.log(`\nWall time, median of alternating repetitions; peak RSS (${process.platform}, ${(await import('node:os')).cpus().length} cores, Node ${process.version})\n`);
console.log(pad('contender', 22) + SIZES.map((s) => lpad(`${s} files`, 26)).join(''));
console.log(pad('', 22) + SIZES.map((s) => lpad(`(${(results[s].bytes / 1e6).toFixed(1)} MB, ${results[s].reps} reps)`, 26)).join(''));
for (const name of Object.keys(results[SIZES[0]].rows)) {
  console.log(pad(name, 22) + SIZES.map((s) => {
    const r = results[s].rows[name];
    return lpad(`${(r.ms / 1000).toFixed(3)} s ${lpad(r.rssMB ? Math.round(r.rssMB) : '?', 4)} MB`, 26);
  }).join(''));
}
console.log('\nRatios (ksb-evidence time ÷ other):');
for (const s of SIZES) {
  const rows = results[s].rows;
  const ours = rows['ksb-evidence (json)'].ms;
  const parts = [`vs node regex scan ${(ours / rows['node regex scan'].ms).toFixed(2)}x`, `markdown-it is ${(rows['markdown-it parse'].ms / ours).toFixed(2)}x slower than us`];
  if (rows['ripgrep -c']) parts.push(`vs ripgrep ${(ours / rows['ripgrep -c'].ms).toFixed(1)}x`);
  console.log(`  ${lpad(s, 6)} files: ${parts.join('; ')}`);
}
const first = SIZES[0];
const last = SIZES[SIZES.length - 1];
const perFile = (s) => (results[s].rows['ksb-evidence (json)'].ms - results[s].rows['node start'].ms) / s;
console.log(`\nGrowth ${first} -> ${last} files: time ×${(results[last].rows['ksb-evidence (json)'].ms / results[first].rows['ksb-evidence (json)'].ms).toFixed(1)} for ×${last / first} files; ` +
  `per file after Node start: ${perFile(first).toFixed(3)} ms -> ${perFile(last).toFixed(3)} ms; peak RSS ${Math.round(results[first].rows['ksb-evidence (json)'].rssMB)} -> ${Math.round(results[last].rows['ksb-evidence (json)'].rssMB)} MB`);

const targets = [];
if (results[2000]) {
  const r = results[2000].rows;
  targets.push(['CLI ≤ 1.5x node regex scan on 2,000 files', r['ksb-evidence (json)'].ms <= 1.5 * r['node regex scan'].ms, `${(r['ksb-evidence (json)'].ms / r['node regex scan'].ms).toFixed(2)}x`]);
  targets.push(['CLI ≥ 4x faster than markdown-it on 2,000 files', r['markdown-it parse'].ms >= 4 * r['ksb-evidence (json)'].ms, `${(r['markdown-it parse'].ms / r['ksb-evidence (json)'].ms).toFixed(2)}x`]);
}
if (results[20000]) {
  targets.push(['peak memory on 20,000 files < 200 MB', results[20000].rows['ksb-evidence (json)'].rssMB < 200, `${Math.round(results[20000].rows['ksb-evidence (json)'].rssMB)} MB`]);
  const growth = perFile(20000) / perFile(2000);
  targets.push(['linear growth (per-file time 2,000 -> 20,000 within 1.5x)', growth < 1.5, `×${growth.toFixed(2)}`]);
}
console.log('\nTargets:');
for (const [name, ok, value] of targets) console.log(`  ${ok ? 'PASS' : 'FAIL'}  ${name}: ${value}`);

// In-process figures in a fresh process
execFileSync(process.execPath, [path.join(REPO, 'bench/inprocess.mjs')], { cwd: REPO, stdio: 'inherit' });
