// Runs the mocha suite in test/integration/suite inside a real VS Code extension host:
// code-server (VS Code 1.100.3, from test/vscode-host) with Debian's chromium as the workbench
// client, the way VS Code runs its own browser integration tests. See
// shared notes "real-vscode-tests.md" for why not @vscode/test-electron here.
//
// Usage: node test/integration/run.mjs [--grep PATTERN] [--multi-root | --untrusted] [--verbose]
// The extension host's console (console.log in the extension or a test) reaches the workbench's
// console; errors are printed as they come, everything else is kept and printed when the run
// fails, or as it comes with --verbose.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { compileSuite, prepareWorkspace, REPO, SUITE_ENTRY, writeSuiteOptions } from './prepare.mjs';
import { launchBrowser, startCodeServer } from './vscodeHost.mjs';

const grepIndex = process.argv.indexOf('--grep');
const grep = grepIndex > 0 ? process.argv[grepIndex + 1] : undefined;
const verbose = process.argv.includes('--verbose');
const OVERALL_TIMEOUT_MS = Number(process.env.INTEGRATION_TIMEOUT_MS ?? 240_000);

// 1. Build the extension and compile the suite.
await compileSuite();

// 2. A throw-away copy of the example workspace, hashed before and after: nothing may change.
//    With --multi-root, a second folder (a custom standard) joins it in a .code-workspace.
//    With --untrusted, one folder opened in restricted mode (only the suites that check it run).
const untrusted = process.argv.includes('--untrusted');
const { state, root, target } = prepareWorkspace({ multiRoot: process.argv.includes('--multi-root'), untrusted });
const openTarget = `${target.kind}=${encodeURIComponent(target.path)}`;
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
writeSuiteOptions({ log, grep: untrusted ? (grep ?? 'untrusted') : grep });
let server;
let browser;
let exitCode = 1;
const consoleLines = [];
try {
  server = await startCodeServer(state, {}, [], { untrusted });
  browser = await launchBrowser(state);
  const page = await browser.newPage();
  page.on('console', (m) => {
    // '%c  ERR color: #f33 text' -> 'ERR text'
    const line = m.text().replace(/%c\s*/g, '').replace(/^(\w+)\s+color: #\w+\s*/, '$1 ');
    const noise = /Failed to load resource|favicon|webview|ResizeObserver|getaddrinfo|open-vsx|marketplace/i.test(line);
    if (m.type() === 'error' && !noise) console.error(`[workbench] ${line}`);
    else if (verbose) console.log(`[console] ${line}`);
    else consoleLines.push(line);
  });
  const done = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (code) => resolve(code)));
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(REPO)],
    ['extensionTestsPath', remote(SUITE_ENTRY)],
  ]);
  const url = `http://127.0.0.1:${server.port}/?${openTarget}&payload=${encodeURIComponent(payload)}`;
  const started = Date.now();
  await page.goto(url);
  const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), OVERALL_TIMEOUT_MS));
  const result = await Promise.race([done, timeout]);
  process.stdout.write(readFileSync(log, 'utf8'));
  if (result === 'timeout') {
    console.error(`integration tests did not finish within ${OVERALL_TIMEOUT_MS / 1000} s (screenshot: test-results/integration-timeout.png)`);
    mkdirSync(path.join(REPO, 'test-results'), { recursive: true });
    await page.screenshot({ path: path.join(REPO, 'test-results/integration-timeout.png') }).catch(() => {});
  } else {
    exitCode = Number(result);
    console.log(`integration tests exited with ${exitCode} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
} catch (e) {
  console.error(e.stack ?? e);
} finally {
  await browser?.close().catch(() => {});
  await server?.stop();
}
if (exitCode !== 0 && consoleLines.length) {
  console.log(`\n--- workbench and extension host console (last ${Math.min(200, consoleLines.length)} of ${consoleLines.length} lines) ---`);
  console.log(consoleLines.slice(-200).join('\n'));
  if (server) console.log(`--- code-server output ---\n${server.output().slice(-4000)}`);
}

const after = hashes(root);
const changed = Object.keys({ ...before, ...after }).filter((f) => before[f] !== after[f]);
if (changed.length) {
  console.error(`files of the workspace changed by the tests (nothing may be lost or altered): ${changed.join(', ')}`);
  exitCode = exitCode || 1;
} else console.log(`all ${Object.keys(before).length} workspace files unchanged (sha256)`);
rmSync(state, { recursive: true, force: true });
process.exit(exitCode);
