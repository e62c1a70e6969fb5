// The service in a real extension host: documents of no workspace file system are never
// evidence, reading changes nothing, edits reach the index from change events, and the config's
// problems, quick fix, safety rule and Open Project Settings command.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, diagnosticsOf, fileUri, openDoc, root, waitFor, type TestApi } from './helpers';

/** The service as the extension returns it (the helpers' TestApi names only what other suites use). */
interface Folder {
  name: string;
  documents: Map<string, { analysis: { tags: { codes: string[] }[] } }>;
  project: { problems: unknown[]; standard: { id: string } };
}
interface Service {
  folderOf(uri: vscode.Uri): Promise<Folder>;
  workspaceFolders(): Promise<Folder[]>;
  onDidChange: vscode.Event<void>;
  onDidChangeProject: vscode.Event<void>;
}

const LOG = 'portfolio/05-horizon-scanning-log.md';
const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'ksb-evidence');
const encode = (s: string) => new TextEncoder().encode(s);
const decode = (b: Uint8Array) => new TextDecoder().decode(b);
const codes = (doc: { analysis: { tags: { codes: string[] }[] } } | undefined) => doc?.analysis.tags.flatMap((t) => t.codes) ?? [];

suite('the service, one folder', function () {
  let api: TestApi;
  let service: Service;

  suiteSetup(async function () {
    if ((vscode.workspace.workspaceFolders ?? []).length !== 1) this.skip(); // the multi-root pass
    api = await activateExtension();
    service = api.service as unknown as Service;
    await api.service.ensureIndexed();
  });

  test('the Output panel, a git: side and an untitled document are never evidence and read no config', async () => {
    const channel = vscode.window.createOutputChannel('KSB test notes', 'markdown');
    try {
      // its text comes after the document opens: either event may bring it
      const openedOrChanged: vscode.Event<unknown> = (listener) => vscode.Disposable.from(vscode.workspace.onDidOpenTextDocument(listener), vscode.workspace.onDidChangeTextDocument(listener));
      const opened = waitFor('the Output panel document', openedOrChanged, () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'output' && d.getText().includes('Notes on K5')));
      channel.appendLine('## Notes on K5 [K5, S3]');
      channel.show(false);
      const output = await opened;
      const folder = await service.folderOf(output.uri);
      assert.deepEqual(folder.project.problems, [], 'no config read for the Output panel');
      assert.equal(folder.project.standard.id, 'ST1398');
      await vscode.commands.executeCommand('vscode.executeHoverProvider', output.uri, new vscode.Position(0, 17));
      const git = await service.folderOf(fileUri('report/report.md').with({ scheme: 'git', query: JSON.stringify({ ref: 'HEAD~1' }) }));
      assert.deepEqual(git.project.problems, []);
      assert.ok(!(await service.workspaceFolders()).includes(git), 'a git: side has no folder of its own');
    } finally {
      channel.dispose();
    }

    // an untitled draft with an untagged section: no diagnostics, and not in the index
    const untitled = await vscode.workspace.openTextDocument({ language: 'markdown', content: `## A draft reflection\n\n${'We retrained the model and reviewed drift with the stakeholders each week. '.repeat(8)}\n` });
    await vscode.window.showTextDocument(untitled);
    // a file with the same text, opened after it: once its diagnostics come, the untitled one's decision has long been made
    const same = fileUri('portfolio/zz-draft-reflection.md');
    await vscode.workspace.fs.writeFile(same, encode(untitled.getText()));
    try {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(same));
      await diagnosticsOf(same, (ds) => ds.some((d) => d.code === 'untagged-section'), 'the file twin to be diagnosed');
      assert.deepEqual(ours(untitled.uri), []);
      assert.ok(![...(await service.workspaceFolders())[0].documents.keys()].some((p) => p.includes('Untitled')));
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(same);
    }
    const everywhere = vscode.languages.getDiagnostics().filter(([uri, ds]) => uri.scheme !== 'file' && ds.some((d) => d.source === 'ksb-evidence'));
    assert.deepEqual(everywhere.map(([uri]) => uri.toString()), [], 'no problem on a document outside the file system');
    assert.ok(!vscode.languages.getDiagnostics().some(([, ds]) => ds.some((d) => /cannot read/.test(d.message))));
  });

  test('a hover or completion writes nothing to the index; an edit reaches it from the change events', async () => {
    const folder = (await service.workspaceFolders())[0];
    const before = folder.documents.get(LOG);
    assert.ok(before, 'the log is indexed from disk');
    // opened (diagnostics analyse it), hovered and completed: the index keeps what it read from disk
    const editor = await openDoc(LOG);
    const doc = editor.document;
    const line = doc.getText().split('\n').findIndex((l) => l.includes('[B1, K28, S31]'));
    await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, doc.lineAt(line).text.indexOf('K28') + 1));
    await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line, doc.lineAt(line).text.indexOf('K28')), '[');
    assert.equal(folder.documents.get(LOG), before, 'reading the document did not replace its index entry');

    const end = doc.lineAt(doc.lineCount - 1).range.end;
    const added = new vscode.WorkspaceEdit();
    added.insert(doc.uri, end, '\n## July: retiring the old forecast [K30]\n');
    assert.ok(await vscode.workspace.applyEdit(added));
    await waitFor('the edit to reach the index', service.onDidChange, () => (codes(folder.documents.get(LOG)).includes('K30') ? true : undefined));
    const removed = new vscode.WorkspaceEdit();
    removed.delete(doc.uri, new vscode.Range(end, doc.lineAt(doc.lineCount - 1).range.end));
    assert.ok(await vscode.workspace.applyEdit(removed));
    await waitFor('the undone edit to reach the index', service.onDidChange, () => (!codes(folder.documents.get(LOG)).includes('K30') ? true : undefined));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('a mistyped setting: Rename to `wordLimit` fixes the key, Undo takes it back, and the problem goes once the file is fixed', async () => {
    const config = fileUri('.ksb-evidence.yaml');
    const original = await vscode.workspace.fs.readFile(config);
    try {
      await vscode.workspace.fs.writeFile(config, encode(decode(original) + 'wordlimit: 4500\n'));
      const [problem] = await diagnosticsOf(config, (ds) => ds.some((d) => /did you mean `wordLimit`/.test(d.message)), 'the unknown-setting warning');
      assert.equal(problem.severity, vscode.DiagnosticSeverity.Warning);
      const editor = await vscode.window.showTextDocument(config);
      const line = problem.range.start.line;
      assert.equal(editor.document.getText(problem.range), 'wordlimit', 'the warning is on the key');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', config, problem.range, vscode.CodeActionKind.QuickFix.value);
      const rename = actions.find((a) => a.title === 'Rename to `wordLimit`');
      assert.ok(rename?.edit, `a rename among ${actions.map((a) => a.title).join(', ')}`);
      assert.ok(await vscode.workspace.applyEdit(rename.edit));
      assert.equal(editor.document.lineAt(line).text, 'wordLimit: 4500');
      await vscode.commands.executeCommand('undo');
      assert.equal(editor.document.lineAt(line).text, 'wordlimit: 4500');
      await vscode.commands.executeCommand('redo');
      assert.equal(editor.document.lineAt(line).text, 'wordLimit: 4500');
      assert.ok(await editor.document.save());
      await diagnosticsOf(config, (ds) => ds.length === 0, 'the warning to go once the key is fixed');
    } finally {
      await vscode.workspace.fs.writeFile(config, original);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });

  test('a standard outside the workspace folder (trusted here) is read, and its keys are never shown, also through a link', async function () {
    if (!vscode.workspace.isTrusted) this.skip(); // the untrusted rule: run.mjs --untrusted, and test/unit/project.test.ts
    const outsideDir = path.resolve(root().fsPath, '../../outside-standards');
    mkdirSync(outsideDir, { recursive: true });
    const outside = path.join(outsideDir, 'secrets.yaml');
    writeFileSync(outside, 'aws_secret_access_key: wJalrXUtnFEMI\ndatabase_password: hunter2\n');
    const link = fileUri('provider-standards');
    symlinkSync(outsideDir, link.fsPath);
    const config = fileUri('.ksb-evidence.yaml');
    const original = await vscode.workspace.fs.readFile(config);
    const echoed = () => vscode.languages.getDiagnostics().some(([, d]) => d.some((x) => /aws_secret|database_password|hunter2|wJalr/.test(x.message)));
    try {
      for (const [named, reported] of [[outside, vscode.Uri.file(outside)], ['provider-standards/secrets.yaml', fileUri('provider-standards/secrets.yaml')]] as const) {
        await vscode.workspace.fs.writeFile(config, encode(decode(original).replace('standard: ST1398', `standard: ${named}`)));
        const ds = await diagnosticsOf(reported, (d) => d.length > 0, `${named} to be reported`);
        assert.ok(ds.every((d) => /not a valid standard file at this line|could not be loaded/.test(d.message)), ds.map((d) => d.message).join('\n'));
        assert.ok(!echoed(), 'no key or value of the outside file is echoed');
        assert.equal((await service.workspaceFolders())[0].project.standard.id, 'ST1398', 'the bundled standard is used');
      }
    } finally {
      await vscode.workspace.fs.writeFile(config, original);
      await diagnosticsOf(fileUri('provider-standards/secrets.yaml'), (d) => d.length === 0, 'the problems to clear once the config is fixed');
      unlinkSync(link.fsPath);
      rmSync(outsideDir, { recursive: true, force: true });
    }
  });

  test('Open Project Settings creates a commented .ksb-evidence.yaml when there is none, and opens the one there is', async () => {
    const config = fileUri('.ksb-evidence.yaml');
    const original = await vscode.workspace.fs.readFile(config);
    try {
      await vscode.workspace.fs.delete(config);
      await vscode.commands.executeCommand('ksbEvidence.openConfig');
      const created = vscode.window.activeTextEditor?.document;
      assert.equal(created?.uri.toString(), config.toString());
      assert.match(created!.getText(), /^# KSB Evidence project settings/);
      assert.match(created!.getText(), /^# minWords: 40$/m);
      assert.ok(!/^\w/m.test(created!.getText()), 'every setting is commented: the file changes nothing');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      // an existing file is opened as it is
      await vscode.workspace.fs.writeFile(config, original);
      await waitFor('the open config to show the file again', vscode.workspace.onDidChangeTextDocument, () => (created!.getText() === decode(original) ? true : undefined));
      await vscode.commands.executeCommand('ksbEvidence.openConfig');
      assert.equal(vscode.window.activeTextEditor?.document.getText(), decode(original));
    } finally {
      await vscode.workspace.fs.writeFile(config, original);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });
});
