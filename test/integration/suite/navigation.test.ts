// Navigation on a code, the standard's document, workspace symbols and the preview's badges, in a
// real extension host on a copy of examples/ml-engineer-portfolio.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, fileUri, openDoc, waitFor } from './helpers';

const REPORT = 'report/report.md';

/** The position of the `nth` occurrence of `code` on the line that starts with `linePrefix`. */
function positionOf(doc: vscode.TextDocument, linePrefix: string, code: string): vscode.Position {
  for (let line = 0; line < doc.lineCount; line++) {
    const text = doc.lineAt(line).text;
    if (text.startsWith(linePrefix)) return new vscode.Position(line, text.indexOf(code) + 1);
  }
  throw new Error(`no line starts with ${linePrefix}`);
}

suite('navigation on a code', function () {
  suiteSetup(async function () {
    if ((vscode.workspace.workspaceFolders ?? []).length !== 1) this.skip();
    await openDoc(REPORT);
    const api = await activateExtension();
    await api.service.ensureIndexed();
  });

  test('Go to Definition opens the standard, read-only, at the code with its official text', async () => {
    const doc = (await openDoc(REPORT)).document;
    const at = positionOf(doc, '## 3.1 Choosing the method', 'K18');
    // Markdown's own provider may answer too (a bracket group looks like a reference link to it)
    const locations = (await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeDefinitionProvider', doc.uri, at)).filter((l) => l.uri.scheme === 'ksb-standard');
    assert.equal(locations.length, 1);
    assert.equal(locations[0].uri.scheme, 'ksb-standard');
    const standard = await vscode.workspace.openTextDocument(locations[0].uri);
    assert.equal(standard.languageId, 'markdown');
    const line = locations[0].range.start.line;
    assert.equal(standard.lineAt(line).text, '### K18');
    assert.match(standard.lineAt(line + 2).text, /\S/);
    assert.equal(standard.lineAt(0).text, '# ST1398 Machine learning engineer');
  });

  test('Find All References lists every evidence place of a code, closed files included', async () => {
    const doc = (await openDoc(REPORT)).document;
    const at = positionOf(doc, '## 5.3 Documentation and handover', 'S6');
    const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, at);
    // ours: the places where S6 is written (Markdown's own provider adds the heading's link references)
    const places: string[] = [];
    for (const r of refs.filter((r) => r.uri.scheme === 'file')) {
      const target = await vscode.workspace.openTextDocument(r.uri);
      if (target.getText(r.range) === 'S6') places.push(`${vscode.workspace.asRelativePath(r.uri, false)}:${r.range.start.line + 1}`);
    }
    assert.deepEqual(places.sort(), ['portfolio/02-model-monitoring-runbook.md:8', `${REPORT}:219`]);
  });

  test('Rename changes the code in every tag as one edit that undo reverts, and refuses a non-code', async () => {
    const doc = (await openDoc(REPORT)).document;
    const at = positionOf(doc, '## 5.3 Documentation and handover', 'S28');
    // refused: the provider's message goes to the rename box (tested in the unit tests); no edit comes back
    const refused = await Promise.resolve(vscode.commands.executeCommand<vscode.WorkspaceEdit | undefined>('vscode.executeDocumentRenameProvider', doc.uri, at, 'S99')).then(
      (r) => r?.entries().length ?? 0,
      () => 0,
    );
    assert.equal(refused, 0);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', doc.uri, at, 'S27');
    const files = edit.entries().map(([uri]) => uri);
    assert.deepEqual(files.map((u) => vscode.workspace.asRelativePath(u, false)).sort(), ['portfolio/02-model-monitoring-runbook.md', REPORT]);
    const docs = await Promise.all(files.map((u) => vscode.workspace.openTextDocument(u)));
    const before = docs.map((d) => d.getText());
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.match(doc.lineAt(at.line).text, /\[S6, S27\]/);
    assert.ok(docs.every((d) => !/S28/.test(d.getText())));
    // one undo in the editor takes the whole rename back, in every file
    await vscode.commands.executeCommand('undo');
    await waitFor('the undo in every file', vscode.workspace.onDidChangeTextDocument, () => (docs.every((d, i) => d.getText() === before[i]) ? true : undefined));
    for (const d of docs) if (d.isDirty) await d.save();
  });

  test('workspace symbols: a code lists its evidence places, a word finds KSBs by their text', async () => {
    const byCode = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'S6');
    // ours are keys (Markdown's own headings that hold S6 come too)
    const evidence = byCode.filter((s) => s.location.uri.scheme === 'file' && s.kind === vscode.SymbolKind.Key);
    assert.deepEqual(new Set(evidence.map((s) => vscode.workspace.asRelativePath(s.location.uri, false))), new Set([REPORT, 'portfolio/02-model-monitoring-runbook.md']));
    assert.ok(evidence.every((s) => s.name === 'S6'));
    const byWord = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'pipeline');
    const ours = byWord.filter((s) => s.location.uri.scheme === 'ksb-standard'); // Markdown's own headings come too
    assert.ok(ours.length > 0);
    assert.ok(ours.every((s) => /pipeline/i.test(s.name)), ours.map((s) => s.name).join('\n'));
  });

  test('Open the Standard shows the standard at the code asked for', async () => {
    await vscode.commands.executeCommand('ksbEvidence.openStandard', 'S27');
    const editor = await waitFor('the standard in an editor', vscode.window.onDidChangeActiveTextEditor, () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.scheme === 'ksb-standard' ? e : undefined;
    });
    assert.equal(editor.document.lineAt(editor.selection.active.line).text, '### S27');
  });
});

suite('the Markdown preview', function () {
  test('the extension hands the preview a plugin that shows tags as badges', async function () {
    if ((vscode.workspace.workspaceFolders ?? []).length !== 1) this.skip();
    const api = (await activateExtension()) as unknown as { extendMarkdownIt(md: unknown): unknown };
    assert.equal(typeof api.extendMarkdownIt, 'function');
    const html = await vscode.commands.executeCommand<string>('markdown.api.render', '## Results [K5, S3]\n');
    assert.match(html, /<span class="ksb-badge" title="K5: [^"]+">K5<\/span>/);
    void fileUri; // the render uses the first folder's standard
  });
});

suite('section word budgets', function () {
  test('a budgeted heading shows its words against the budget, and past budget and tolerance it is a problem', async function () {
    if ((vscode.workspace.workspaceFolders ?? []).length !== 1) this.skip();
    const prose = (n: number) => Array.from({ length: n }, (_, i) => ['we', 'retrained', 'the', 'model', 'weekly'][i % 5]).join(' ');
    const uri = fileUri('report/zz-budgets.md');
    const text = ['# Budgets', '', '## 1. Introduction (50 words) [K1]', '', prose(80), '', '## 2. Method (100 words) [K2]', '', prose(90), ''].join('\n');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10);
      const titles = lenses.map((l) => l.command?.title ?? '').filter((t) => /words/.test(t));
      assert.deepEqual(titles, ['$(warning) 80 / 50 words · 30 over budget', '$(check) 90 / 100 words · 10 to go']);
      const problems = await waitFor('the over-budget problem', vscode.languages.onDidChangeDiagnostics, () => {
        const ds = vscode.languages.getDiagnostics(uri).filter((d) => d.code === 'over-budget');
        return ds.length ? ds : undefined;
      });
      assert.equal(problems.length, 1);
      assert.equal(problems[0].range.start.line, 2);
      assert.equal(problems[0].severity, vscode.DiagnosticSeverity.Warning);
      assert.match(problems[0].message, /80 words against its budget of 50 and its 10% tolerance/);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(uri);
    }
  });
});
