// UI test: the packaged VSIX installed into a real VS Code (code-server), driven in Debian's
// chromium as a user would: open the report, hover a code, complete inside `[` (Enter at a bare
// bracket inserts nothing; a topic word finds KSBs), Add KSB tag… with Enter, the Problems
// panel, the coverage view (overall count, rows in words, context menu, untagged group), Reveal
// in Coverage from the editor's menu, the settings, and a new apprentice's empty folder where
// the welcome creates the starter report. Screenshots go to test-results/, or to
// media/screenshots/ for the README with --screenshots media/screenshots.
//
// Usage: node test/e2e/ui.mjs [--screenshots DIR]   (npm run test:ui)
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { codeServerCommand, launchBrowser, REPO, startCodeServer } from '../integration/vscodeHost.mjs';
import { editorLine, exampleCoverageShown, exampleProblemsShown, goToLine, hoverToken, openFromExplorer, openWorkbench, runCommand, step as stepOf, suggestHidden, triggerCompletion, waitForEditorText, waitInFrames } from './workbench.mjs';

const shotsIndex = process.argv.indexOf('--screenshots');
const SHOTS = path.resolve(shotsIndex > 0 ? process.argv[shotsIndex + 1] : path.join(REPO, 'test-results'));
mkdirSync(SHOTS, { recursive: true });
const STEP_TIMEOUT = 30_000;
const started = Date.now();
const results = [];
const step = (name, fn) => stepOf(results, name, fn);
rmSync(path.join(SHOTS, 'ui-failure.png'), { force: true }); // none left from an earlier run

// 1. Package the extension exactly as it ships, and install it.
execFileSync('npm', ['run', '--silent', 'package'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, npm_config_yes: 'true' } });
const state = mkdtempSync(path.join(tmpdir(), 'ksb-ui-'));
const workspace = path.join(state, 'workspace');
cpSync(path.join(REPO, 'examples/ml-engineer-portfolio'), workspace, { recursive: true });
await codeServerCommand(state, ['--install-extension', path.join(REPO, 'dist/ksb-evidence.vsix')]);

// a user who has been through the welcome page already
mkdirSync(path.join(state, 'user-data/User'), { recursive: true });
writeFileSync(path.join(state, 'user-data/User/settings.json'), JSON.stringify({ 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'workbench.tips.enabled': false, 'window.commandCenter': false, 'files.autoSave': 'off' }));
let server;
let browser;
let failed = false;
try {
  server = await startCodeServer(state);
  browser = await launchBrowser(state);
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(STEP_TIMEOUT);
  const shot = (name) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  // back to the file as it is on disk, the untagged heading as it was
  const revert = async () => {
    await runCommand(page, 'File: Revert File');
    await page.locator('.monaco-editor .view-line', { hasText: /^##\s5\.4\sLessons\sfrom\sthe\spilot$/ }).first().waitFor();
  };

  await step('the workbench opens the example folder', () => openWorkbench(page, server.port, workspace))();

  await step('the explorer opens report/report.md', async () => {
    await openFromExplorer(page, 'report/report.md');
    // the file's text is shown: its first line of some length (the top of the file is in view)
    const first = readFileSync(path.join(workspace, 'report/report.md'), 'utf8').split('\n').find((l) => l.trim().length > 10);
    await waitForEditorText(page, first.slice(0, 40));
    await shot('report-open');
  })();

  await step('hovering K5 shows its official text and where it is evidenced', async () => {
    await goToLine(page, 111);
    // The tag grammar makes K5 a token of its own.
    await hoverToken(page, /^K5$/, page.locator('.monaco-hover', { hasText: 'Differences and applications of machine learning methods' }));
    await page.locator('.monaco-hover', { hasText: /Evidenced in \d+ place/ }).waitFor({ state: 'visible' });
    await shot('hover');
    await page.mouse.move(5, 5);
  })();

  await step('typing [ at the end of a heading offers KSBs, not yet evidenced first; Enter there inserts nothing', async () => {
    await goToLine(page, 226);
    await page.keyboard.press('End');
    const rows = await triggerCompletion(page, ' [');
    await rows.filter({ hasText: 'K27' }).first().waitFor();
    await shot('completion');
    const firstRow = await rows.first().textContent();
    if (!/^Type a code or topic/.test(firstRow)) throw new Error(`the first row should say to type a code, got "${firstRow}"`);
    const firstKsb = await rows.nth(1).textContent();
    if (!/K27/.test(firstKsb)) throw new Error(`the first KSB should be the gap K27, got "${firstKsb}"`);
    await page.keyboard.press('Enter');
    await suggestHidden(page);
    const line = await editorLine(page, '## 5.4 Lessons from the pilot');
    if (/[KSB]\d/.test(line)) throw new Error(`Enter after a bare bracket inserted a code: "${line}"`);
    await revert();
  })();

  await step('a word typed after [ finds KSBs by their text: stakeholder offers K22 and S27', async () => {
    await goToLine(page, 226);
    await page.keyboard.press('End');
    await triggerCompletion(page, ' [');
    await page.keyboard.type('stakeholder');
    const rows = page.locator('.suggest-widget .monaco-list-row');
    await rows.filter({ hasText: 'K22' }).first().waitFor();
    await rows.filter({ hasText: 'S27' }).first().waitFor();
    await shot('completion-topic');
    await page.keyboard.press('Escape');
    await revert();
  })();

  await step('a bracket in prose followed by Enter inserts no code', async () => {
    await goToLine(page, 229);
    await page.keyboard.press('End');
    await page.keyboard.type(' [');
    await page.keyboard.press('Enter');
    const text = await editorLine(page, 'kept using the spreadsheet');
    if (/\[[KSB]\d/.test(text)) throw new Error(`a prose bracket took a code on Enter: "${text}"`);
    if (await page.locator('.suggest-widget.visible').count()) throw new Error('the suggest widget opened at a prose bracket');
    await revert();
  })();

  await step('Add KSB tag… takes Enter on the highlighted KSB', async () => {
    await goToLine(page, 226);
    await runCommand(page, 'Add KSB Tag to Section');
    const picker = page.locator('.quick-input-widget', { hasText: 'Suggested for this section' });
    await picker.waitFor();
    await shot('add-tag');
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-line', { hasText: /##\s5\.4\sLessons\sfrom\sthe\spilot\s\[[KSB]\d+\]$/ }).first().waitFor();
    await revert();
  })();

  await step('the Problems panel lists the untagged section and the unknown code', async () => {
    await exampleProblemsShown(page);
    await shot('problems');
  })();

  await step('the coverage view shows the overall count, each category, the gaps and the untagged section', async () => {
    const view = await exampleCoverageShown(page);
    await view.filter({ hasText: 'Knowledge' }).first().waitFor();
    await view.filter({ hasText: /K1\s*\d+ in report/ }).first().waitFor();
    await page.locator('.activitybar .badge-content', { hasText: '6' }).first().waitFor();
    await page.mouse.move(1000, 330); // no tooltip over the view
    await shot('coverage');
  })();

  await step('a KSB row has a context menu: copy code, the official text', async () => {
    await page.locator('.part.sidebar .monaco-list-row[aria-label^="K1,"]').first().click({ button: 'right' });
    const menu = page.locator('.context-view .monaco-menu, .monaco-menu-container');
    await menu.locator('.action-label', { hasText: 'Copy Code' }).first().waitFor();
    await menu.locator('.action-label', { hasText: 'Show Official Text' }).first().waitFor();
    await shot('coverage-menu');
    await page.keyboard.press('Escape');
  })();

  await step('the untagged sections have a group at the end of the view', async () => {
    const view = page.locator('.part.sidebar .monaco-list-row');
    await page.keyboard.press('Control+J'); // the panel closed, for room
    // a click on K1 focuses the view (and opens K1; the arrow closes it again)
    await page.locator('.part.sidebar .monaco-list-row[aria-label^="K1,"]').first().click();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('End');
    await view.filter({ hasText: 'Sections with no KSB tag' }).first().waitFor();
    await page.keyboard.press('ArrowRight');
    // the list draws only the rows in view: step down to the group's first row once it has loaded
    const section = view.filter({ hasText: /5\.4 Lessons from the pilot\s*report\/report\.md:226/ }).first();
    for (let attempt = 0; ; attempt++) {
      await page.keyboard.press('ArrowDown');
      try {
        await section.waitFor({ timeout: 2000 });
        break;
      } catch (e) {
        if (attempt >= 5) throw e;
      }
    }
    await page.mouse.move(1000, 330);
    await shot('coverage-untagged');
    await page.keyboard.press('Control+J');
  })();

  await step("Reveal in Coverage from the editor's context menu selects the code under the cursor", async () => {
    await page.locator('.tab', { hasText: 'report.md' }).first().click();
    await goToLine(page, 111);
    const code = page.locator('.monaco-editor .view-line span span', { hasText: /^K18$/ }).first();
    await code.click();
    await code.click({ button: 'right' });
    // (a click can land while the menu is still opening; the highlighted row takes Enter)
    const reveal = page.locator('.context-view .action-label', { hasText: 'Reveal in Coverage' }).first();
    await reveal.hover();
    await page.locator('.context-view .action-item.focused', { hasText: 'Reveal in Coverage' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.part.sidebar .monaco-list-row.selected[aria-label^="K18,"]').first().waitFor();
    await page.mouse.move(1000, 330);
    await shot('reveal');
  })();

  await step('the settings: titled KSB Evidence, tagStyle described without raw backticks', async () => {
    await runCommand(page, 'Preferences: Open Settings (UI)');
    const search = page.locator('.settings-editor .suggest-input-container textarea, .settings-editor .search-container textarea').first();
    await search.waitFor();
    await search.fill('@ext:ksb-evidence.ksb-evidence');
    const editor = page.locator('.settings-editor');
    await editor.locator('.settings-toc-container .monaco-list-row', { hasText: /^KSB Evidence/ }).first().waitFor();
    await search.fill('ksbEvidence.tagStyle');
    await editor.locator('.setting-item', { hasText: 'Tag Style' }).locator('.monaco-select-box').first().click();
    const option = page.locator('.monaco-select-box-dropdown-container', { hasText: 'to the end of the heading' }).first();
    await option.waitFor();
    await page.mouse.move(1000, 600);
    await shot('settings');
    if (/`/.test(await option.innerText())) throw new Error('tagStyle shows raw backticks');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+W');
  })();

  await step('Peek References on a code lists its evidence places, closed files too', async () => {
    await page.locator('.tab', { hasText: 'report.md' }).first().click();
    await goToLine(page, 219);
    const code = page.locator('.monaco-editor .view-line span span', { hasText: /^S6$/ }).first();
    await code.click();
    await page.keyboard.press('Shift+F12');
    const peek = page.locator('.peekview-widget');
    await peek.locator('.monaco-list-row', { hasText: '02-model-monitoring-runbook.md' }).first().waitFor();
    await page.mouse.move(1000, 600);
    await shot('references');
    await page.keyboard.press('Escape');
  })();

  await step('the Markdown preview shows tags as badges with the KSB text as tooltip', async () => {
    await page.locator('.tab', { hasText: 'report.md' }).first().click();
    await goToLine(page, 111);
    await runCommand(page, 'Markdown: Open Preview to the Side');
    // the preview is a webview: wait until one of its frames shows K5's badge
    await waitInFrames(
      page,
      () => [...document.querySelectorAll('.ksb-badge')].map((b) => b.getAttribute('title') ?? ''),
      (titles) => titles.some((t) => t.startsWith('K5: Differences and applications')),
      (seen) => `no K5 badge in the preview: ${JSON.stringify(seen.flat().slice(0, 5))}`,
      STEP_TIMEOUT,
    );
    await shot('preview');
    await page.keyboard.press('Control+W');
  })();

  await step("the extension's page opens with what it does, and every screenshot loads", async () => {
    await page.keyboard.press('Control+Shift+X');
    await page.locator('.extensions-viewlet').first().waitFor();
    await page.keyboard.type('@installed KSB');
    await page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'KSB Evidence' }).first().click();
    // the page is a webview: wait until the frame with the README has loaded its images
    const isReadme = (r) => /Write your apprenticeship end-point assessment/.test(r.text);
    const readme = await waitInFrames(
      page,
      () => ({ text: document.body?.innerText ?? '', images: [...document.images].filter((i) => !/icon\.png/.test(i.src)).map((i) => [i.alt, i.naturalWidth]) }),
      (r) => isReadme(r) && r.images.length >= 4 && r.images.every(([, w]) => w > 0),
      (seen) => `the page's screenshots did not load: ${JSON.stringify(seen.find(isReadme)?.images ?? [])}`,
      STEP_TIMEOUT,
    );
    if (/npm install/.test(readme.text.slice(0, 1500))) throw new Error('the page opens with npm commands');
    await shot('extension-page');
    await page.keyboard.press('Control+W');
  })();

  await step('the status bar shows the report word count', async () => {
    await page.locator('.statusbar-item', { hasText: /Report [\d,]+ \/ 5,000 words/ }).first().waitFor();
  })();

  // 2. A new apprentice's empty folder: the view's welcome creates the starter report, which claims nothing.
  const empty = path.join(state, 'first-hour');
  mkdirSync(empty);
  await step('in an empty folder, the welcome creates report/report.md, which claims no KSB', async () => {
    await openWorkbench(page, server.port, empty);
    await page.locator('.activitybar .action-item a[aria-label^="KSB Evidence"], .activitybar .action-item[aria-label^="KSB Evidence"]').first().click();
    const welcome = page.locator('.part.sidebar .welcome-view-content');
    await welcome.getByText('No evidence files yet').first().waitFor();
    await welcome.locator('.monaco-button', { hasText: 'Create report/report.md' }).first().click();
    await waitForEditorText(page, '# Project title');
    await page.locator('.notifications-toasts', { hasText: 'created report/report.md (claims no KSBs yet)' }).first().waitFor();
    await page.locator('.part.sidebar .pane-body', { hasText: '0 of 70 KSBs evidenced, 70 missing' }).first().waitFor();
    await page.locator('.statusbar-item', { hasText: /Report \d+ \/ 5,000 words/ }).first().waitFor();
    await page.locator('.part.sidebar .monaco-list-row[aria-label^="K1, Not yet evidenced"]').first().waitFor();
    await page.mouse.move(1000, 330);
    await shot('starter-report');
  })();

  await step("the starter's budgeted headings show their words against the budget", async () => {
    await page.locator('.monaco-editor .codelens-decoration', { hasText: /0 \/ [\d,]+ words/ }).first().waitFor();
    await page.mouse.move(1000, 330);
    await shot('budgets');
  })();

  await step('the Getting Started walkthrough walks through the first steps', async () => {
    await runCommand(page, 'Welcome: Open Walkthrough...');
    await page.keyboard.type('Get Started with KSB Evidence');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get Started with KSB Evidence' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.getting-started-step', { hasText: 'Confirm your standard' }).first().waitFor();
    await page.locator('.getting-started-step', { hasText: 'Share it from the command line' }).first().waitFor();
    // the step's Markdown is drawn in a webview: wait until one of its frames shows it
    await waitInFrames(page, () => document.body?.innerText ?? '', (text) => text.includes('copied word for word'), () => "the walkthrough step's Markdown did not appear", STEP_TIMEOUT);
    await page.mouse.move(1000, 330);
    await shot('walkthrough');
  })();
} catch (e) {
  failed = true;
  console.error(e.stack ?? e);
  await browser?.contexts()[0]?.pages()[0]?.screenshot({ path: path.join(SHOTS, 'ui-failure.png') }).catch(() => {});
} finally {
  await browser?.close().catch(() => {});
  await server?.stop();
  rmSync(state, { recursive: true, force: true });
}
console.log(`UI test in code-server with the packaged VSIX (${((Date.now() - started) / 1000).toFixed(1)} s):\n${results.join('\n')}`);
console.log(`screenshots in ${path.relative(process.cwd(), SHOTS) || '.'}`);
process.exit(failed ? 1 : 0);
