// The cohort report at a provider's scale: `ksb-evidence --cohort DIR` over 200 apprentices of 30
// files each (6,000 files, ~70 MB of realistic evidence from bench/corpus.mjs's writer), every
// fifth apprentice with their own .ksb-evidence.yaml. Prints the median wall and CPU time of the
// bundled CLI (dist/cli.js, built first) for each format, and the time per apprentice. Target: a
// few seconds.
//
//   node bench/cohort.mjs [--apprentices 200] [--files 30] [--reps 3] [--seed 1398]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SEED, prng, writer } from './corpus.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? Number(argv[i + 1]) : fallback;
};
const APPRENTICES = option('--apprentices', 200);
const FILES = option('--files', 30);
const REPS = option('--reps', 3);
const SEED = option('--seed', DEFAULT_SEED);

const CHAPTERS = ['Introduction', 'Business context', 'Data preparation', 'Model selection', 'Evaluation', 'Deployment', 'Monitoring', 'Reflection'];
const PIECES = ['Drift monitoring runbook', 'Feature store audit', 'Model card', 'Stakeholder workshop', 'Bias review', 'Pipeline refactor', 'Incident review', 'Data quality checks'];

/** One apprentice's folder: a report in chapters (about a third of the files) and portfolio pieces. */
function writeApprentice(dir, index) {
  const rand = prng((Math.imul(SEED, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
  const w = writer(rand);
  const chapters = Math.round(FILES / 3);
  for (let i = 0; i < FILES; i++) {
    const isChapter = i < chapters;
    const folder = path.join(dir, isChapter ? 'report' : 'portfolio');
    mkdirSync(folder, { recursive: true });
    const title = isChapter ? CHAPTERS[i % CHAPTERS.length] : PIECES[i % PIECES.length];
    const target = 3000 + Math.floor(rand() * 14000); // bytes: ~12 KB a file, as bench/corpus.mjs
    const no = isChapter ? i + 1 : i - chapters + 1;
    const text = isChapter ? w.chapter(no, title, target, i === chapters - 1) : w.piece(no, title, target);
    writeFileSync(path.join(folder, `${String(no).padStart(2, '0')}-${title.toLowerCase().replace(/\W+/g, '-')}.md`), text);
  }
  if (index % 5 === 0) writeFileSync(path.join(dir, '.ksb-evidence.yaml'), `standard: ST1398\nwordLimit: ${4000 + (index % 3) * 1000}\nminWords: 50\n`);
}

/** The cohort folder, generated on first use and kept in the temp folder. */
function cohortFolder() {
  const dir = path.join(tmpdir(), `ksb-bench-cohort-v1-s${SEED}-a${APPRENTICES}-f${FILES}`);
  if (existsSync(path.join(dir, '.complete'))) return dir;
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  for (let a = 0; a < APPRENTICES; a++) writeApprentice(path.join(tmp, `a${String(a).padStart(4, '0')}`), a);
  writeFileSync(path.join(tmp, '.complete'), '');
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return dir;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** One run: wall seconds, and CPU seconds (user + system) and peak RSS where /usr/bin/time is there. */
function timed(args) {
  const start = process.hrtime.bigint();
  const run = TIME
    ? spawnSync(TIME, ['-f', 'KSB-BENCH %U %S %M', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const m = /KSB-BENCH (\S+) (\S+) (\d+)/.exec(run.stderr ?? '');
  if (run.status !== 0) throw new Error(`exit ${run.status}: ${run.stderr}`);
  return { wall, cpu: m ? Number(m[1]) + Number(m[2]) : NaN, rss: m ? Number(m[3]) / 1024 : NaN, stdout: run.stdout };
}

execFileSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, stdio: 'inherit' });
const dir = cohortFolder();
const cli = path.join(REPO, 'dist', 'cli.js');
const bytes = Number(execFileSync('du', ['-sb', dir], { encoding: 'utf8' }).split('\t')[0]);
console.log(`cohort: ${APPRENTICES} apprentices x ${FILES} files, ${(bytes / 1e6).toFixed(1)} MB, in ${dir}`);
const report = (label, runs) => {
  const wall = median(runs.map((r) => r.wall));
  const cpu = median(runs.map((r) => r.cpu));
  const rss = Math.max(...runs.map((r) => r.rss));
  console.log(`${label.padEnd(26)} wall ${wall.toFixed(2)} s, CPU ${cpu.toFixed(2)} s (${((cpu / APPRENTICES) * 1000).toFixed(1)} ms an apprentice), peak RSS ${rss.toFixed(0)} MB; median of ${runs.length}`);
};
for (const format of ['table', 'json', 'markdown', 'csv']) {
  const runs = Array.from({ length: REPS }, () => timed([cli, '--cohort', dir, '--format', format]));
  if (format === 'json' && JSON.parse(runs[0].stdout).apprentices.length !== APPRENTICES) throw new Error('a row is missing');
  report(`--cohort --format ${format}`, runs);
}
// the same files as one workspace, for comparison
report('one folder, json', Array.from({ length: REPS }, () => timed([cli, dir, '--format', 'json'])));
console.log('Wall time is the machine\'s; CPU time is what the run itself took (on a busy machine the wall time is larger).');
