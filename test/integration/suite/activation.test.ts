// Smoke test: opening a Markdown file activates the extension, which then registers its commands.
// Runs first (files run in name order), before any test asks the extension to activate itself.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, EXTENSION_ID, markdownFiles, openDoc } from './helpers';

suite('activation', () => {
  test('opening a Markdown file activates the extension', async () => {
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID), `${EXTENSION_ID} is loaded from the development path`);
    const files = await markdownFiles();
    assert.ok(files.length > 0, 'the workspace has Markdown files');
    const editor = await openDoc(files.includes('report/report.md') ? 'report/report.md' : files[0]);
    assert.equal(editor.document.languageId, 'markdown');
    const ext = await activeExtension();
    assert.equal(ext.isActive, true);
  });

  test('the contributed commands are registered', async () => {
    await activeExtension();
    const commands = new Set(await vscode.commands.getCommands(true));
    const contributed = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    const missing = contributed.filter((c) => !commands.has(c));
    assert.deepEqual(missing, [], `commands declared in package.json but not registered: ${missing.join(', ')}`);
  });
});
