// Small helpers for UI tests that drive the VS Code workbench (code-server) in chromium as a user
// would. Monaco re-renders lines: locate an element again right before each mouse move, and wait
// on what appears, never on a fixed sleep.

/** Wraps a test step: records "✓ name (ms)" or "✗ name: message" in `results`. */
export function step(results, name, fn) {
  return async (...args) => {
    const t = Date.now();
    try {
      const value = await fn(...args);
      results.push(`  ✓ ${name} (${Date.now() - t} ms)`);
      return value;
    } catch (e) {
      results.push(`  ✗ ${name}: ${String(e.message ?? e).split('\n')[0]}`);
      throw e;
    }
  };
}

/** Opens the workbench on a folder and waits for the explorer. */
export async function openWorkbench(page, port, folder) {
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`);
  await page.locator('.monaco-workbench').waitFor();
  await page.locator('.explorer-folders-view, .pane-header[aria-label*="Explorer"]').first().waitFor();
}

/** Clicks through the explorer (folders, then the file) and waits for the file's editor. */
export async function openFromExplorer(page, relativePath) {
  const rows = page.locator('.explorer-folders-view .monaco-list-row');
  const parts = relativePath.split('/');
  for (const part of parts) {
    const exact = new RegExp(`^${part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    await rows.filter({ hasText: exact }).first().click();
  }
  const name = parts.at(-1);
  await page.locator(`.tab[aria-label*="${name}"]`).first().waitFor();
  await page.locator('.monaco-editor .view-lines').first().waitFor();
  return page.locator('.monaco-editor .view-lines').first();
}

/** Go to Line (Ctrl+G) in the active editor. */
export async function goToLine(page, n) {
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(String(n));
  await page.keyboard.press('Enter');
}

/**
 * Hovers the first visible editor token whose text matches `token` until `hover` (a locator of
 * the hover widget) is visible. The token is found again before each move; a hover that has not
 * shown after a move is asked for again.
 */
export async function hoverToken(page, token, hover, attempts = 5) {
  for (let attempt = 0; ; attempt++) {
    const code = page.locator('.monaco-editor .view-line span span', { hasText: token }).first();
    await code.waitFor();
    const box = await code.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
    try {
      await hover.waitFor({ state: 'visible', timeout: 5000 });
      return;
    } catch (e) {
      if (attempt >= attempts - 1) throw e;
      await page.mouse.move(5, 5);
    }
  }
}

/** Types `text` at the cursor and waits for the suggest widget; returns its rows. */
export async function triggerCompletion(page, text) {
  await page.keyboard.type(text);
  const widget = page.locator('.suggest-widget');
  await widget.waitFor({ state: 'visible' });
  return widget.locator('.monaco-list-row');
}

/** Opens the Problems panel (Ctrl+Shift+M); returns its rows. */
export async function problems(page) {
  await page.keyboard.press('Control+Shift+M');
  const markers = page.locator('.markers-panel');
  await markers.waitFor({ state: 'visible' });
  return markers.locator('.monaco-list-row');
}

/** Waits until the editor shows a line containing `text` (Monaco renders spaces as &nbsp;). */
export async function waitForEditorText(page, text) {
  const words = text.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  await page.locator('.monaco-editor .view-line', { hasText: new RegExp(words.join('[\\s\\u00a0]+')) }).first().waitFor();
}

/** Runs a command from the Command Palette (F1) by its title. */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** The text of the editor's line that starts with `start`, as shown (Monaco's spaces made plain). */
export async function editorLine(page, start) {
  const line = page.locator('.monaco-editor .view-line', { hasText: start }).first();
  return ((await line.textContent()) ?? '').replace(/\u00a0/g, ' ');
}

/** Waits until the suggest widget is hidden (after Escape or an accepted row). */
export async function suggestHidden(page) {
  await page.locator('.suggest-widget.visible').waitFor({ state: 'hidden' });
}

/**
 * Waits until some frame of the page answers `read` (run in each frame) with a value `done`
 * accepts, and returns that value; webviews are frames within frames that appear and reload on
 * their own. Asks again whenever a frame navigates, at least every second; after `ms`, throws with
 * `describe(the last values read)`.
 */
export async function waitInFrames(page, read, done, describe, ms = 30_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const values = await Promise.all(page.frames().map((f) => f.evaluate(read).catch(() => undefined)));
    const found = values.find((v) => v !== undefined && done(v));
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(describe(values.filter((v) => v !== undefined)));
    await page.waitForEvent('framenavigated', { timeout: 1000 }).catch(() => {});
  }
}

/** The example workspace's two problems in the Problems panel: the untagged section and the unknown code. */
export async function exampleProblemsShown(page) {
  const rows = await problems(page);
  await rows.filter({ hasText: '5.4 Lessons from the pilot' }).first().waitFor();
  await rows.filter({ hasText: 'K32 is not a KSB of ST1398' }).first().waitFor();
}

/** The example workspace's coverage in the view (focused from the palette: a click on the activity bar leaves its tooltip over the rows); returns its rows. */
export async function exampleCoverageShown(page) {
  await runCommand(page, 'Focus on KSB Coverage View');
  await page.locator('.pane-body', { hasText: '64 of 70 KSBs evidenced, 6 missing' }).first().waitFor();
  const view = page.locator('.part.sidebar .monaco-list-row');
  await view.filter({ hasText: '29/31' }).first().waitFor();
  await view.filter({ hasText: /K27\s*missing/ }).first().waitFor();
  return view;
}
