// Runs the mocha suite in test/integration/suite inside a real VS Code extension host:
// code-server (VS Code 1.100.3, from test/vscode-host) with Debian's chromium as the workbench
// client, the way VS Code runs its own browser integration tests. See
// shared notes "real-vscode-tests.md" for why not @vscode/test-electron here.
//
// Usage: node test/integration/run.mjs [--grep PATTERN] [--multi-root]
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { startCodeServer, launchBrowser, REPO } from './vscodeHost.mjs';

const grepIndex = process.argv.indexOf('--grep');
const grep = grepIndex > 0 ? process.argv[grepIndex + 1] : undefined;
const OVERALL_TIMEOUT_MS = 240_000;

// 1. Build the extension and compile the suite (one bundle per test file; vscode and mocha stay external).
process.chdir(REPO);
await import(path.join(REPO, 'esbuild.mjs'));
const suiteDir = path.join(REPO, 'test/integration/suite');
const outDir = path.join(REPO, 'out/test/suite');
rmSync(outDir, { recursive: true, force: true });
await build({
  entryPoints: readdirSync(suiteDir).filter((f) => f.endsWith('.ts') && f !== 'helpers.ts').map((f) => path.join(suiteDir, f)),
  outdir: outDir,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode', 'mocha'],
  sourcemap: 'inline',
  logLevel: 'warning',
});

// 2. A throw-away copy of the example workspace, hashed before and after: nothing may change.
//    With --multi-root, a second folder (a custom standard) joins it in a .code-workspace.
const multiRoot = process.argv.includes('--multi-root');
const state = mkdtempSync(path.join(tmpdir(), 'ksb-it-'));
const root = path.join(state, 'workspace');
const workspace = path.join(root, 'ml-engineer-portfolio');
cpSync(path.join(REPO, 'examples/ml-engineer-portfolio'), workspace, { recursive: true });
let openTarget = `folder=${encodeURIComponent(workspace)}`;
if (multiRoot) {
  cpSync(path.join(REPO, 'test/fixtures/custom-standard-workspace'), path.join(root, 'custom-standard'), { recursive: true });
  const file = path.join(state, 'evidence.code-workspace');
  writeFileSync(file, JSON.stringify({ folders: [{ path: workspace }, { path: path.join(root, 'custom-standard') }] }));
  openTarget = `workspace=${encodeURIComponent(file)}`;
}
const hashes = (dir) => {
  const out = {};
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[path.relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
};
const before = hashes(root);
const log = path.join(state, 'mocha.log');
writeFileSync(log, '');

// 3. code-server with the extension under development, and a browser to open the workbench.
writeFileSync(path.join(outDir, 'options.json'), JSON.stringify({ log, grep }));
const server = await startCodeServer(state);
const browser = await launchBrowser(state);
let exitCode = 1;
try {
  const page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource|favicon|webview|ResizeObserver|getaddrinfo|open-vsx|marketplace/i.test(m.text())) console.error(`[workbench] ${m.text()}`);
  });
  const done = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (code) => resolve(code)));
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(REPO)],
    ['extensionTestsPath', remote(path.join(outDir, 'index.js'))],
  ]);
  const url = `http://127.0.0.1:${server.port}/?${openTarget}&payload=${encodeURIComponent(payload)}`;
  const started = Date.now();
  await page.goto(url);
  const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), OVERALL_TIMEOUT_MS));
  const result = await Promise.race([done, timeout]);
  process.stdout.write(readFileSync(log, 'utf8'));
  if (result === 'timeout') {
    console.error(`integration tests did not finish within ${OVERALL_TIMEOUT_MS / 1000} s`);
    await page.screenshot({ path: path.join(REPO, 'test-results/integration-timeout.png') }).catch(() => {});
  } else {
    exitCode = Number(result);
    console.log(`integration tests exited with ${exitCode} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
} finally {
  await browser.close().catch(() => {});
  await server.stop();
}

const after = hashes(root);
const changed = Object.keys({ ...before, ...after }).filter((f) => before[f] !== after[f]);
if (changed.length) {
  console.error(`files of the workspace changed by the tests (nothing may be lost or altered): ${changed.join(', ')}`);
  exitCode = exitCode || 1;
} else console.log(`all ${Object.keys(before).length} workspace files unchanged (sha256)`);
rmSync(state, { recursive: true, force: true });
process.exit(exitCode);
