// Web test: the extension's `browser` build (vscode.dev, github.dev) in code-server's web worker
// extension host. A test VSIX whose only entry is `browser` (package.json without `main`) is
// installed, so the workbench can run it nowhere but in the web worker; the example portfolio is
// opened and driven in Debian's chromium: the Running Extensions view says "web worker", a hover
// shows a KSB's official text, `[` at the end of a heading offers codes, the Problems panel lists
// the untagged section and the unknown code, the coverage view shows the counts (a link to a
// folder outside is not followed), a file written on disk is indexed, and Run the Command Line
// is not offered. Screenshots go to test-results/web-*.png.
//
// Usage: node test/e2e/web.mjs   (npm run test:web)
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { codeServerCommand, launchBrowser, REPO, startCodeServer } from '../integration/vscodeHost.mjs';
import { exampleCoverageShown, exampleProblemsShown, goToLine, hoverToken, openFromExplorer, openWorkbench, runCommand, step as stepOf, suggestHidden, triggerCompletion } from './workbench.mjs';

const SHOTS = path.join(REPO, 'test-results');
mkdirSync(SHOTS, { recursive: true });
const started = Date.now();
const results = [];
const step = (name, fn) => stepOf(results, name, fn);
rmSync(path.join(SHOTS, 'web-failure.png'), { force: true });

/** Packages the production build as a VSIX with only the `browser` entry, in `state`; returns its path. */
function packageWebOnly(state) {
  execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  const stage = path.join(state, 'web-extension');
  for (const f of ['dist/web', 'standards', 'syntaxes', 'media', 'schemas', 'README.md', 'LICENSE', '.vscodeignore']) cpSync(path.join(REPO, f), path.join(stage, f), { recursive: true });
  const { main, bin, scripts, ...manifest } = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  writeFileSync(path.join(stage, 'package.json'), JSON.stringify(manifest, null, 2));
  const vsix = path.join(state, 'ksb-evidence-web.vsix');
  execFileSync(path.join(REPO, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '-o', vsix], { cwd: stage, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, npm_config_yes: 'true' } });
  return vsix;
}

const state = mkdtempSync(path.join(tmpdir(), 'ksb-web-'));
const workspace = path.join(state, 'workspace');
cpSync(path.join(REPO, 'examples/ml-engineer-portfolio'), workspace, { recursive: true });
// a link to a folder outside the workspace, whose piece claims the missing K30: the desktop
// follows it, the web (vscode.workspace.fs, no real paths) does not
const outside = path.join(state, 'outside');
mkdirSync(outside);
writeFileSync(path.join(outside, 'ethics-review.md'), `# Ethics review of the forecast [K30]\n\n${'I reviewed how the model treats each hub and wrote down what it must not be used for. '.repeat(6)}\n`);
symlinkSync(outside, path.join(workspace, 'portfolio/linked'), 'dir');
await codeServerCommand(state, ['--install-extension', packageWebOnly(state)]);
mkdirSync(path.join(state, 'user-data/User'), { recursive: true });
writeFileSync(path.join(state, 'user-data/User/settings.json'), JSON.stringify({ 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'workbench.tips.enabled': false, 'window.commandCenter': false, 'remote.autoForwardPorts': false }));
let server;
let browser;
let failed = false;
try {
  server = await startCodeServer(state);
  browser = await launchBrowser(state);
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(30_000);
  const shot = (name) => page.screenshot({ path: path.join(SHOTS, `web-${name}.png`) });

  await step('the workbench opens the example folder and report/report.md', async () => {
    await openWorkbench(page, server.port, workspace);
    await openFromExplorer(page, 'report/report.md');
  })();

  await step('hovering K5 shows its official text (the extension has activated)', async () => {
    await goToLine(page, 111);
    await hoverToken(page, /^K5$/, page.locator('.monaco-hover', { hasText: 'Differences and applications of machine learning methods' }));
    await page.locator('.monaco-hover', { hasText: /Evidenced in \d+ place/ }).waitFor({ state: 'visible' });
    await shot('hover');
    await page.mouse.move(5, 5);
  })();

  await step('the Running Extensions view shows KSB Evidence in the web worker', async () => {
    await runCommand(page, 'Developer: Show Running Extensions');
    const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'KSB Evidence' }).first();
    await row.waitFor();
    await row.getByText(/web worker/i).first().waitFor();
    await shot('running-extensions');
    await page.keyboard.press('Control+W');
  })();

  await step('typing [ at the end of a heading offers KSB codes', async () => {
    await page.locator('.tab', { hasText: 'report.md' }).first().click();
    await goToLine(page, 226);
    await page.keyboard.press('End');
    const rows = await triggerCompletion(page, ' [');
    await rows.filter({ hasText: 'K27' }).first().waitFor();
    await shot('completion');
    await page.keyboard.press('Escape');
    await suggestHidden(page);
    // the typed ` [` stays unsaved (auto-save is off): it makes no tag, so no count below changes
  })();

  await step('the Problems panel lists the untagged section and the unknown code', async () => {
    await exampleProblemsShown(page);
    await shot('problems');
  })();

  await step('the coverage view shows the counts', async () => {
    const view = await exampleCoverageShown(page);
    await view.filter({ hasText: /K30\s*missing/ }).first().waitFor(); // the linked folder was not followed
    await page.mouse.move(1000, 330);
    await shot('coverage');
  })();

  await step('a file written on disk is indexed (file events reach the web worker)', async () => {
    writeFileSync(path.join(workspace, 'portfolio/06-security-review.md'), `# Security review of the service [K27]\n\n${'I walked the on-call engineer through the access rules and the secrets rotation. '.repeat(6)}\n`);
    await page.locator('.pane-body', { hasText: '65 of 70 KSBs evidenced, 5 missing' }).first().waitFor();
  })();

  await step('Run the Command Line is not in the Command Palette', async () => {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.fill('>KSB Evidence: Run the Command Line');
    // the palette's fuzzy match lists the extension's other commands (a short list, all drawn)
    const rows = page.locator('.quick-input-widget .monaco-list-row');
    await rows.filter({ hasText: 'KSB Evidence: Open the Standard' }).first().waitFor();
    await shot('palette');
    if (await rows.filter({ hasText: 'Run the Command Line' }).count()) throw new Error('Run the Command Line is offered on the web');
    await page.keyboard.press('Escape');
  })();
} catch (e) {
  failed = true;
  console.error(e.stack ?? e);
  await browser?.contexts()[0]?.pages()[0]?.screenshot({ path: path.join(SHOTS, 'web-failure.png') }).catch(() => {});
} finally {
  await browser?.close().catch(() => {});
  await server?.stop();
  rmSync(state, { recursive: true, force: true });
}
console.log(`Web test in code-server's web worker extension host (${((Date.now() - started) / 1000).toFixed(1)} s):\n${results.join('\n')}`);
process.exit(failed ? 1 : 0);
