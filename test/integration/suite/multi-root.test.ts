// Runs in the multi-root pass (run.mjs --multi-root): the example portfolio (ST1398) beside a
// folder whose .ksb-evidence.yaml names its own standard with dotted codes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, diagnosticsOf, text, waitUntil, type TestApi } from './helpers';

const folder = (name: string) => vscode.workspace.workspaceFolders!.find((f) => f.name === name)!.uri;

suite('multi-root: each folder with its own standard', function () {
  let api: TestApi;
  suiteSetup(async function () {
    if ((vscode.workspace.workspaceFolders ?? []).length !== 2) this.skip(); // the single-folder pass
    api = await activateExtension();
    await api.service.ensureIndexed();
  });

  const customReport = () => vscode.Uri.joinPath(folder('custom-standard'), 'report/report.md');

  test('the tree has one node per folder, each with its standard', async () => {
    const roots = (await api.tree.getChildren()) ?? [];
    const items = roots.map((r) => api.tree.getTreeItem(r) as vscode.TreeItem);
    assert.deepEqual(items.map((i) => i.label), ['ml-engineer-portfolio', 'custom-standard']);
    assert.deepEqual(items.map((i) => i.description), ['64/70 · ST1398', '2/4 · CUSTOM1']);
  });

  test('hover and diagnostics in the custom folder use its standard', async () => {
    const doc = await vscode.workspace.openTextDocument(customReport());
    await vscode.window.showTextDocument(doc);
    const line = doc.lineAt(0).text;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, line.indexOf('K4.1') + 1));
    const body = hovers.flatMap((h) => h.contents.map(text)).join('\n');
    assert.match(body, /How data is cleaned and validated before analysis/);
    const ds = await diagnosticsOf(doc.uri, (d) => d.some((x) => x.code === 'unknown-code'), 'the unknown dotted code');
    const unknown = ds.find((d) => d.code === 'unknown-code')!;
    assert.match(unknown.message, /K4\.3 is not a KSB of CUSTOM1\. Valid codes: K4\.1–K4\.2, S1, B1/);
  });

  test('completion in the custom folder offers its four codes', async () => {
    const doc = await vscode.workspace.openTextDocument(customReport());
    // after the opening bracket of the heading's tag
    const line = doc.lineAt(0).text;
    const at = new vscode.Position(0, line.indexOf('[') + 1);
    const items = (await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at, '[')).items.filter((i) => i.kind === vscode.CompletionItemKind.Reference);
    assert.deepEqual(items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label)).sort(), ['B1', 'K4.1', 'K4.2', 'S1']);
  });

  test('Open Project Settings asks which folder, then opens its .ksb-evidence.yaml', async () => {
    let settled = false;
    const command = Promise.resolve(vscode.commands.executeCommand('ksbEvidence.openConfig')).finally(() => (settled = true));
    // the folder picker opens with no event to wait on: accept its first row (the example portfolio) once it is there
    await waitUntil('the folder picker to be answered', async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return settled ? true : undefined;
    });
    await command;
    const expected = vscode.Uri.joinPath(folder('ml-engineer-portfolio'), '.ksb-evidence.yaml');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), expected.toString());
    assert.match(vscode.window.activeTextEditor!.document.getText(), /^standard: ST1398$/m, 'the existing file, unchanged');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
