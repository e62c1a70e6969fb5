// The CLI's output, byte for byte, against another build of it (for a change that must not change
// what is printed): the example workspace, corpus.mjs at 200 and 2,000 files, and shapes.mjs's
// prose, dense and small corpora at 2,000 files, in every format.
//   node bench/compare-cli.mjs OTHER_CLI_JS [--env NAME=VALUE]   (this tree's dist/cli.js is built first)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { REPO } from './core.mjs';
import { corpus } from './corpus.mjs';

const other = process.argv[2];
if (!other) {
  console.error('usage: node bench/compare-cli.mjs OTHER_CLI_JS [--env NAME=VALUE]');
  process.exit(2);
}
const envArg = process.argv.indexOf('--env');
const otherEnv = envArg > 0 ? Object.fromEntries([process.argv[envArg + 1].split('=')]) : {};
const shape = (style) => {
  const dir = path.join(tmpdir(), `ksb-bench-shape-${style}-2000`);
  if (!existsSync(dir)) execFileSync(process.execPath, [path.join(REPO, 'bench/shapes.mjs'), dir, style, '2000'], { stdio: 'ignore' });
  return dir;
};
const targets = [
  ['example', path.join(REPO, 'examples/ml-engineer-portfolio')],
  ['corpus 200', corpus(200).dir],
  ['corpus 2,000', corpus(2000).dir],
  ['prose 2,000', shape('prose')],
  ['dense 2,000', shape('dense')],
  ['small 2,000', shape('small')],
];
const run = (cli, dir, format, env = {}) =>
  spawnSync(process.execPath, [cli, dir, '--format', format], { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: '1', ...env } });
let differ = 0;
for (const [name, dir] of targets) {
  const results = [];
  for (const format of ['json', 'table', 'markdown', 'csv']) {
    const a = run(other, dir, format, otherEnv);
    const b = run(path.join(REPO, 'dist/cli.js'), dir, format);
    const same = a.stdout === b.stdout && a.stderr === b.stderr && a.status === b.status;
    if (!same) differ++;
    results.push(`${format}: ${same ? 'identical' : 'DIFFERS'}${format === 'json' ? ` (${(b.stdout.length / 1e6).toFixed(2)} MB)` : ''}`);
  }
  console.log(`${name}: ${results.join(', ')}`);
}
console.log(differ ? `${differ} outputs differ` : 'every output identical');
process.exitCode = differ ? 1 : 0;
