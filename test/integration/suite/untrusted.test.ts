// Runs in the untrusted pass (run.mjs --untrusted): the example portfolio opened in restricted
// mode, its config naming a valid standard outside the folder (prepare.mjs puts it there).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, diagnosticsOf, fileUri, openDoc, text } from './helpers';

const REPORT = 'report/report.md';

suite('an untrusted workspace', function () {
  suiteSetup(function () {
    if (vscode.workspace.isTrusted) this.skip(); // the trusted passes
  });

  test('a standard outside the folder is not read: the bundled ST1398 is used, and the config line says why', async () => {
    const editor = await openDoc(REPORT);
    const api = await activateExtension();
    const config = fileUri('.ksb-evidence.yaml');
    const [warning] = await diagnosticsOf(config, (ds) => ds.some((d) => /using the bundled ST1398/.test(d.message)), 'the untrusted-standard warning');
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(warning.message, /is outside the workspace folder, and files outside it are read only in a trusted workspace/);
    const configText = (await vscode.workspace.openTextDocument(config)).getText();
    assert.match(configText.split('\n')[warning.range.start.line], /^standard: /, 'on the standard: line');
    // the custom standard's codes (K4.1) are unknown here: ST1398's hover answers for K5
    const folder = await (api.service as unknown as { folderOf(uri: vscode.Uri): Promise<{ project: { standard: { id: string } } }> }).folderOf(editor.document.uri);
    assert.equal(folder.project.standard.id, 'ST1398');
    const doc = editor.document;
    const line = doc.getText().split('\n').findIndex((l) => /^##+ .*\[[^\]]*K5\b/.test(l));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, doc.lineAt(line).text.search(/K5\b/) + 1));
    assert.match(hovers.flatMap((h) => h.contents.map(text)).join('\n'), /K5/);
    // nothing reported on the outside file: it was never read
    const outside = vscode.languages.getDiagnostics().filter(([uri]) => uri.path.endsWith('provider-standards/custom.yaml'));
    assert.deepEqual(outside, []);
  });
});
