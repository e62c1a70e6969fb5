// Starts code-server (a real VS Code, from test/vscode-host) and Debian's chromium, for the
// integration and UI tests. Everything they write goes under a throw-away state folder.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CODE_SERVER = path.join(REPO, 'test/vscode-host/node_modules/.bin/code-server');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

function requireTools() {
  if (!existsSync(CODE_SERVER)) throw new Error(`code-server is not installed: run .ci/install-vscode-deps.sh (looked for ${CODE_SERVER})`);
  if (!existsSync(CHROMIUM)) throw new Error(`chromium is not installed: apt-get install chromium, or set CHROMIUM_PATH (looked for ${CHROMIUM})`);
}

/** code-server on a free loopback port; resolves once it answers HTTP. */
/**
 * `untrusted`: workspace trust on, the folder opened in restricted mode with no prompt (the
 * untrusted pass of run.mjs); otherwise trust is off and every folder is trusted.
 */
export async function startCodeServer(state, env = {}, extraArgs = [], { untrusted = false } = {}) {
  requireTools();
  const port = await freePort();
  const dirs = Object.fromEntries(['user-data', 'extensions', 'xdg-config', 'xdg-data', 'tmp'].map((d) => [d, path.join(state, d)]));
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  // The workbench's port detection runs `ls -l /proc/[0-9]*/fd/[0-9]*` from the extension host
  // every few seconds; spawning it from that large process held the host 40-140 ms at a time in
  // the 20,000-file test's profile. Nothing here forwards ports.
  const userSettings = path.join(dirs['user-data'], 'User', 'settings.json');
  if (!existsSync(userSettings)) {
    mkdirSync(path.dirname(userSettings), { recursive: true });
    const trust = untrusted ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never' } : {};
    writeFileSync(userSettings, JSON.stringify({ 'remote.autoForwardPorts': false, ...trust }, null, 2));
  }
  const args = [
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    ...(untrusted ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override', '--disable-proxy', '--ignore-last-opened',
    '--user-data-dir', dirs['user-data'], '--extensions-dir', dirs.extensions, ...extraArgs,
  ];
  const child = spawn(CODE_SERVER, args, {
    env: { ...process.env, XDG_CONFIG_HOME: dirs['xdg-config'], XDG_DATA_HOME: dirs['xdg-data'], TMPDIR: dirs.tmp, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 100)); // polling a port that is not open yet: there is no event to wait on
  }
  return {
    port,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.on('exit', () => resolve());
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          resolve();
        }
      }),
  };
}

/** Runs a code-server CLI command (such as --install-extension) to completion. */
export function codeServerCommand(state, args) {
  requireTools();
  return new Promise((resolve, reject) => {
    const child = spawn(CODE_SERVER, ['--user-data-dir', path.join(state, 'user-data'), '--extensions-dir', path.join(state, 'extensions'), ...args], {
      env: { ...process.env, XDG_CONFIG_HOME: path.join(state, 'xdg-config'), XDG_DATA_HOME: path.join(state, 'xdg-data') },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`code-server ${args.join(' ')} failed (${code}):\n${out}`))));
  });
}

export function launchBrowser(state) {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
  });
}
