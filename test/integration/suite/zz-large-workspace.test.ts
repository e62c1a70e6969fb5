// Runs last (files load in name order): 20,000 evidence files appear in the workspace and the
// index takes them in as the file watcher reports them; then the whole index is built again in
// the background while the extension host keeps answering; then the files go again.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, lagSampler, openDoc, root, waitFor, type TestApi } from './helpers';

const FILES = 20_000;

suite('a workspace of 20,000 evidence files', () => {
  let api: TestApi;
  const folder = () => path.join(root().fsPath, 'cohort');

  suiteSetup(async function () {
    if ((vscode.workspace.workspaceFolders ?? []).length !== 1) this.skip(); // the multi-root pass
    api = await activateExtension();
  });

  suiteTeardown(async () => {
    if ((vscode.workspace.workspaceFolders ?? []).length !== 1) return;
    rmSync(folder(), { recursive: true, force: true });
    await vscode.commands.executeCommand('ksbEvidence.refresh');
  });

  test('indexes in the background, stays responsive, and counts every file', async function () {
    this.timeout(240_000);
    // indexed before the files come, so that they reach it through the watcher
    await api.service.ensureIndexed();
    for (let i = 0; i < FILES; i++) {
      const dir = path.join(folder(), `apprentice-${Math.floor(i / 10)}`, 'portfolio');
      if (i % 10 === 0) mkdirSync(dir, { recursive: true });
      // K27 and B2 are gaps in the example; here every 1,000th file evidences them
      const tags = i % 1000 === 0 ? '[K27, B2]' : `[K${(i % 26) + 1}]`;
      writeFileSync(path.join(dir, `piece-${i}.md`), `# Piece ${i} ${tags}\n\nWe monitored the model for drift and reviewed the results with the team.\n`);
    }
    const editor = await openDoc('report/report.md');
    const line = editor.document.lineAt(110).text;
    const service = api.service as unknown as { onDidChange: vscode.Event<void>; ensureIndexed(): Promise<void>; workspaceFolders(): Promise<{ documents: Map<string, unknown> }[]> };
    const cohortFiles = async () => [...(await service.workspaceFolders())[0].documents.keys()].filter((p) => p.startsWith('cohort/')).length;

    // event-loop lag of the extension host, phase by phase
    const lag = lagSampler(10);

    // 1. The watcher's reports of the new files reach the index. Most of this phase's lag is the
    //    workbench's own handling of 20,000 file events (every extension's watchers get them),
    //    so it is reported, not asserted.
    const s0 = Date.now();
    await waitFor('the 20,000 new files to be indexed from the watcher', service.onDidChange, async () => ((await cohortFiles()) === FILES ? true : undefined), 120_000);
    const watcherMs = Date.now() - s0;
    const watcherLag = Math.round(await lag.max());

    // 2. Indexed again from scratch (the view's Refresh): that is the extension's own work
    lag.reset();
    const started = Date.now();
    const indexing = vscode.commands.executeCommand('ksbEvidence.refresh');
    // a hover asked while indexing is answered promptly
    const h0 = Date.now();
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(110, line.indexOf('K5') + 1));
    const hoverMs = Date.now() - h0;
    await indexing;
    const indexMs = Date.now() - started;
    const maxLag = Math.round(await lag.max());

    // 3. The coverage view's first answer after the index: 20,000 files' coverage, built in slices
    lag.reset();
    const t3 = Date.now();
    const roots = (await api.tree.getChildren()) ?? [];
    const treeMs = Date.now() - t3;
    const treeLag = Math.round(await lag.max());
    lag.stop();
    // the figures go into the test's title line in the log via the assertion messages below
    (this.test as { title: string }).title += ` [from the watcher: ${FILES} files in ${watcherMs} ms, max lag ${watcherLag} ms; Refresh: indexed in ${indexMs} ms, max extension-host lag ${maxLag} ms, hover while indexing ${hoverMs} ms; the view's coverage in ${treeMs} ms, max lag ${treeLag} ms]`;
    assert.ok(hovers.length > 0);

    const folders = await service.workspaceFolders();
    const paths = [...folders[0].documents.keys()];
    const example = paths.filter((p) => !p.startsWith('cohort/'));
    assert.equal(paths.length - example.length, FILES, 'every cohort file is indexed');
    assert.deepEqual(example.sort(), ['README.md', 'portfolio/01-data-pipeline-audit.md', 'portfolio/02-model-monitoring-runbook.md', 'portfolio/03-stakeholder-workshop.md', 'portfolio/04-bias-evaluation.md', 'portfolio/05-horizon-scanning-log.md', 'report/report.md']);
    const behaviours = api.tree.getTreeItem(roots[2]) as vscode.TreeItem;
    assert.equal(behaviours.description, '5/5', 'B2, evidenced only in the cohort, counts');
    assert.ok(maxLag < 250, `the extension host was blocked for ${maxLag} ms`);
    assert.ok(treeLag < 250, `the extension host was blocked for ${treeLag} ms while the view's coverage was built`);
  });
});
