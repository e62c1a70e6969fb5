// Every feature in a real extension host, on a copy of examples/ml-engineer-portfolio.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, diagnosticsOf, fileUri, openDoc, root, text, waitFor, type TestApi } from './helpers';

const REPORT = 'report/report.md';
const RUNBOOK = 'portfolio/02-model-monitoring-runbook.md';

suite('the example portfolio, one folder', function () {
  let api: TestApi;

  suiteSetup(async function () {
    if ((vscode.workspace.workspaceFolders ?? []).length !== 1) this.skip(); // the multi-root pass
    await openDoc(REPORT);
    api = await activateExtension();
    await api.service.ensureIndexed();
  });


  suite('activation', () => {
    test('activates on a Markdown file', () => {
      assert.equal(vscode.extensions.getExtension('ksb-evidence.ksb-evidence')?.isActive, true);
    });
  });

  suite('completion', () => {
    async function completionsAt(content: string, line: number, character: number) {
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line, character), '[');
      // ours only: word-based suggestions from other open files can also look like codes
      return list.items.filter((i) => i.kind === vscode.CompletionItemKind.Reference && /^[KSB]\d+$/.test(typeof i.label === 'string' ? i.label : i.label.label));
    }
    const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);

    test('offers every KSB after [ with its official text, gaps first', async () => {
      const items = await completionsAt('## 4.6 Decommissioning the old forecast [', 0, 41);
      assert.equal(items.length, 70);
      const k27 = items.find((i) => label(i) === 'K27')!;
      assert.match(text(k27.documentation as vscode.MarkdownString), /What the cyber security culture in an organisation is/);
      assert.match((k27.label as vscode.CompletionItemLabel).description ?? '', /cyber security culture/);
      // the six KSBs the example leaves unevidenced sort before every evidenced one
      const sorted = [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
      // (among them, the ones suggested for the section being written come first)
      assert.deepEqual(new Set(sorted.slice(0, 6).map(label)), new Set(['K27', 'K30', 'S18', 'S25', 'S33', 'B2']));
      assert.match(k27.detail ?? '', /not yet evidenced/);
      assert.match(items.find((i) => label(i) === 'K5')!.detail ?? '', /evidenced \d+×/);
      // the counts kept as documents come and go equal those of the whole coverage
      const coverage = (await api.service.analyze((await openDoc(REPORT)).document)).folder.coverage();
      for (const k of coverage.ksbs) {
        const detail = items.find((i) => label(i) === k.code)!.detail ?? '';
        const total = k.counts.report + k.counts.portfolio + k.counts.other;
        assert.ok(detail.endsWith(total === 0 ? 'not yet evidenced' : `evidenced ${total}× (report ${k.counts.report}, portfolio ${k.counts.portfolio})`), `${k.code}: ${detail}`);
      }
    });

    test('the counts follow an edit that adds a tag, and its undoing', async () => {
      const editor = await openDoc(REPORT);
      const doc = editor.document;
      const k27 = async () => (await completionsAt('## Gaps [', 0, 9)).find((i) => label(i) === 'K27')!.detail ?? '';
      const end = doc.lineAt(doc.lineCount - 1).range.end;
      const added = new vscode.WorkspaceEdit();
      added.insert(doc.uri, end, '\n\nA new paragraph [K27].\n');
      assert.ok(await vscode.workspace.applyEdit(added));
      await waitFor('K27 counted once after the edit', api.service.onDidChange, async () => ((await k27()).includes('evidenced 1×') ? true : undefined));
      const removed = new vscode.WorkspaceEdit();
      removed.delete(doc.uri, new vscode.Range(end, doc.lineAt(doc.lineCount - 1).range.end));
      assert.ok(await vscode.workspace.applyEdit(removed));
      await waitFor('K27 not counted after the edit is undone', api.service.onDidChange, async () => ((await k27()).endsWith('not yet evidenced') ? true : undefined));
      assert.ok(!doc.getText().includes('A new paragraph'));
    });

    test('offers codes after a separator and after a KSBs: label', async () => {
      assert.equal((await completionsAt('We rebuilt it (K5, S', 0, 20)).length, 70);
      assert.equal((await completionsAt('Text\n\n**KSBs:** K1, ', 2, 15)).length, 70);
    });

    test('offers nothing in prose', async () => {
      assert.equal((await completionsAt('We kept the extracts in an S3 bucket and ', 0, 41)).length, 0);
      assert.equal((await completionsAt('[see the report', 0, 15)).length, 0);
    });
  });

  suite('notebooks', () => {
    test('Markdown cells of a Jupyter notebook get hovers and completion', async () => {
      const data = new vscode.NotebookData([
        new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, '## Feature selection [K9]\n\nWe kept the lagged features.', 'markdown'),
        new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'x = "[K5]"', 'python'),
      ]);
      const notebook = await vscode.workspace.openNotebookDocument('jupyter-notebook', data);
      const cell = notebook.cellAt(0).document;
      assert.equal(cell.languageId, 'markdown');
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', cell.uri, new vscode.Position(0, cell.lineAt(0).text.indexOf('K9') + 1));
      assert.match(hovers.flatMap((h) => h.contents.map(text)).join('\n'), /The importance of feature engineering/);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', cell.uri, new vscode.Position(0, cell.lineAt(0).text.indexOf('[') + 1), '[');
      assert.equal(list.items.filter((i) => i.kind === vscode.CompletionItemKind.Reference).length, 70);
    });
  });

  suite('hover', () => {
    test('shows the official text and where a code is evidenced', async () => {
      const editor = await openDoc(REPORT);
      const line = editor.document.lineAt(110).text; // ## 3.1 Choosing the method [K1, K5, K18]
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(110, line.indexOf('K5') + 1));
      const body = hovers.flatMap((h) => h.contents.map(text)).join('\n');
      assert.match(body, /\*\*K5\*\* · Knowledge/);
      assert.match(body, /Differences and applications of machine learning methods/);
      assert.match(body, /Evidenced in \d+ place/);
      assert.match(body, /report\/report\.md:111/);
    });

    test('explains an unknown code with the valid range, once (the diagnostic says it; the hover does not repeat it)', async () => {
      const editor = await openDoc(RUNBOOK);
      const ds = await diagnosticsOf(fileUri(RUNBOOK), (d) => d.some((x) => x.code === 'unknown-code'), 'the unknown code error');
      const line = editor.document.lineAt(26).text;
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(26, line.indexOf('K32') + 1));
      const shown = [...hovers.flatMap((h) => h.contents.map(text)), ...ds.map((d) => d.message)].join('\n');
      assert.equal(shown.match(/K32\W* is not a KSB of ST1398/g)?.length, 1, shown);
      assert.match(shown, /K1–K31, S1–S34, B1–B5/);
    });
  });

  suite('diagnostics', () => {
    test('the example report has exactly one untagged section, on its heading', async () => {
      await openDoc(REPORT);
      const ds = await diagnosticsOf(fileUri(REPORT), (d) => d.some((x) => x.code === 'untagged-section'), 'the untagged section warning');
      const untagged = ds.filter((d) => d.code === 'untagged-section');
      assert.equal(untagged.length, 1);
      assert.equal(untagged[0].range.start.line, 225);
      assert.equal(untagged[0].severity, vscode.DiagnosticSeverity.Warning);
      assert.match(untagged[0].message, /5\.4 Lessons from the pilot/);
      assert.equal(ds.filter((d) => d.code === 'unknown-code').length, 0);
    });

    test('an unknown code is an error on the code', async () => {
      await openDoc(RUNBOOK);
      const ds = await diagnosticsOf(fileUri(RUNBOOK), (d) => d.some((x) => x.code === 'unknown-code'), 'the unknown code error');
      const unknown = ds.filter((d) => d.code === 'unknown-code');
      assert.equal(unknown.length, 1);
      assert.equal(unknown[0].severity, vscode.DiagnosticSeverity.Error);
      assert.equal(unknown[0].range.start.line, 26);
      const editor = vscode.window.activeTextEditor!;
      assert.equal(editor.document.getText(unknown[0].range), 'K32');
    });

    test('follow edits without a save', async () => {
      const editor = await openDoc(REPORT);
      const heading = editor.document.lineAt(225);
      await editor.edit((e) => e.insert(heading.range.end, ' [S23]'));
      await diagnosticsOf(fileUri(REPORT), (d) => !d.some((x) => x.code === 'untagged-section'), 'the warning to go after tagging');
      await vscode.commands.executeCommand('undo');
      await diagnosticsOf(fileUri(REPORT), (d) => d.some((x) => x.code === 'untagged-section'), 'the warning to come back after undo');
      // the workbench tells a document back at its saved text a moment later (a change event with no content)
      await waitFor('the document to be clean again', vscode.workspace.onDidChangeTextDocument, () => (editor.document.isDirty ? undefined : true));
    });
  });

  suite('quick fixes', () => {
    async function fixesFor(path: string, code: string) {
      const editor = await openDoc(path);
      const ds = await diagnosticsOf(fileUri(path), (d) => d.some((x) => x.code === code), code);
      const d = ds.find((x) => x.code === code)!;
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, d.range, vscode.CodeActionKind.QuickFix.value);
      // (diagnostics come back from the command without their codes, so fixes are told by title)
      assert.ok(actions.length > 0, `no quick fix for ${code} at line ${d.range.start.line}`);
      return { editor, actions };
    }

    test('Ignore this section applies as one edit and undo restores the text exactly', async () => {
      const { editor, actions } = await fixesFor(REPORT, 'untagged-section');
      const before = editor.document.getText();
      const ignore = actions.find((a) => /Ignore this section/.test(a.title))!;
      assert.ok(ignore.edit);
      assert.ok(await vscode.workspace.applyEdit(ignore.edit));
      assert.match(editor.document.getText(), /## 5\.4 Lessons from the pilot\r?\n\r?\n<!-- ksb-ignore -->/);
      await diagnosticsOf(fileUri(REPORT), (d) => !d.some((x) => x.code === 'untagged-section'), 'the ignored section to clear');
      await vscode.commands.executeCommand('undo');
      assert.equal(editor.document.getText(), before);
      // the workbench tells a document back at its saved text a moment later (a change event with no content)
      await waitFor('the document to be clean again', vscode.workspace.onDidChangeTextDocument, () => (editor.document.isDirty ? undefined : true));
    });

    test('Add KSB tag inserts the chosen codes in the heading; undo reverts it', async () => {
      const { editor, actions } = await fixesFor(REPORT, 'untagged-section');
      const add = actions.find((a) => a.title === 'Add KSB tag…')!;
      assert.equal(add.command?.command, 'ksbEvidence.addTag');
      const before = editor.document.getText();
      // the quick pick is skipped by passing the picked codes, as a test can't click
      const ok = await vscode.commands.executeCommand<boolean>(add.command!.command, ...(add.command!.arguments ?? []), ['S23', 'K2']);
      assert.equal(ok, true);
      assert.equal(editor.document.lineAt(225).text, '## 5.4 Lessons from the pilot [K2, S23]');
      await vscode.commands.executeCommand('undo');
      assert.equal(editor.document.getText(), before);
    });

    test('a bare code in prose is a hint that turns into a tag, and undo restores it', async () => {
      const { editor, actions } = await fixesFor(REPORT, 'bare-code');
      const before = editor.document.getText();
      const fix = actions.find((a) => /^Turn S3 into a tag: \[S3\]$/.test(a.title));
      assert.ok(fix?.edit, `got ${actions.map((a) => a.title).join(' | ')}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.match(editor.document.getText(), /in an \[S3\] bucket/);
      await vscode.commands.executeCommand('undo');
      assert.equal(editor.document.getText(), before);
    });

    test('an unknown code offers the nearest valid codes', async () => {
      const { editor, actions } = await fixesFor(RUNBOOK, 'unknown-code');
      const before = editor.document.getText();
      const replace = actions.find((a) => /^Replace K32 with K31/.test(a.title));
      assert.ok(replace?.edit, `got ${actions.map((a) => a.title).join(' | ')}`);
      assert.ok(await vscode.workspace.applyEdit(replace.edit));
      assert.equal(editor.document.lineAt(26).text, '## Change management [K14, K31]');
      await vscode.commands.executeCommand('undo');
      assert.equal(editor.document.getText(), before);
    });
  });

  suite('coverage tree', () => {
    const item = (el: unknown) => api.tree.getTreeItem(el) as vscode.TreeItem;
    const label = (el: unknown) => {
      const l = item(el).label;
      return typeof l === 'string' ? l : l?.label;
    };

    test('shows Knowledge, Skills and Behaviours with covered/total', async () => {
      const roots = (await api.tree.getChildren()) ?? [];
      assert.deepEqual(roots.map(label), ['Knowledge', 'Skills', 'Behaviours', 'Duties', 'Sections with no KSB tag']);
      assert.deepEqual(roots.map((r) => item(r).description), ['29/31', '31/34', '4/5', '1/9', '1']);
    });

    test('lists the duties apart from the KSBs, with where each is tagged', async () => {
      const duties = ((await api.tree.getChildren()) ?? []).find((r) => label(r) === 'Duties')!;
      const rows = (await api.tree.getChildren(duties)) ?? [];
      assert.deepEqual(rows.map(label), ['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7', 'D8', 'D9']);
      const d8 = rows.find((r) => label(r) === 'D8')!;
      assert.match(String(item(d8).description), /^1 place · Ensure compliance with data governance/);
      const places = (await api.tree.getChildren(d8)) ?? [];
      assert.deepEqual(places.map(label), ['portfolio/01-data-pipeline-audit.md:1']);
    });

    test('lists each KSB with its evidence places, and the gaps', async () => {
      const [knowledge] = (await api.tree.getChildren()) ?? [];
      const ksbs = (await api.tree.getChildren(knowledge)) ?? [];
      assert.equal(ksbs.length, 31);
      const k27 = ksbs.find((k) => label(k) === 'K27')!;
      assert.equal(item(k27).contextValue, 'ksb.missing');
      const k5 = ksbs.find((k) => label(k) === 'K5')!;
      const places = (await api.tree.getChildren(k5)) ?? [];
      assert.ok(places.map(label).includes('report/report.md:111'), places.map(label).join(', '));
      const open = item(places[0]).command!;
      assert.equal(open.command, 'vscode.open');
    });

    test('groups by file, and shows only the gaps', async () => {
      await vscode.commands.executeCommand('ksbEvidence.groupByFile');
      const files = ((await api.tree.getChildren()) ?? []).map(label);
      assert.ok(files.includes('report/report.md') && files.includes('portfolio/04-bias-evaluation.md'), files.join(', '));
      await vscode.commands.executeCommand('ksbEvidence.groupByKsb');
      await vscode.commands.executeCommand('ksbEvidence.showOnlyGaps');
      const [knowledge] = (await api.tree.getChildren()) ?? [];
      assert.deepEqual(((await api.tree.getChildren(knowledge)) ?? []).map(label), ['K27', 'K30']);
      await vscode.commands.executeCommand('ksbEvidence.showAll');
    });

    test('Reveal in coverage finds the code under the cursor', async () => {
      const editor = await openDoc(REPORT);
      const line = editor.document.lineAt(110).text;
      const at = new vscode.Position(110, line.indexOf('K18') + 1);
      editor.selection = new vscode.Selection(at, at);
      assert.equal(await vscode.commands.executeCommand('ksbEvidence.revealInCoverage'), true);
    });

    test('export writes the mapping table to a new document', async () => {
      const doc = await vscode.commands.executeCommand<vscode.TextDocument>('ksbEvidence.exportMapping');
      assert.match(doc.getText(), /\| K27 \| What the cyber security culture.*\| \*\*Not yet evidenced\*\* \|/);
      assert.match(doc.getText(), /64 of 70 KSBs evidenced/);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    /** The Behaviours node's covered/total (B2 is the example's gap among them). */
    const behavioursCovered = async () => {
      const roots = (await api.tree.getChildren()) ?? [];
      return item(roots[2]).description as string;
    };

    test('stays current as a file is created and deleted', async () => {
      const uri = fileUri('portfolio/06-decommissioning.md');
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('# Decommissioning the spreadsheet [S25, B2]\n\nText.\n'));
      await waitFor('B2 to count', api.service.onDidChange, async () => ((await behavioursCovered()) === '5/5' ? true : undefined));
      await vscode.workspace.fs.delete(uri);
      await waitFor('B2 to be missing again', api.service.onDidChange, async () => ((await behavioursCovered()) === '4/5' ? true : undefined));
    });

    test('a folder moved in is indexed, files and all, and moved out it goes', async () => {
      // a move is reported as the folder alone, without the files in it (a cohort unzipped
      // elsewhere and moved in, a branch checked out): with the walk of created folders turned
      // off, the first wait times out, and without the deletion pass, the second
      const outside = mkdtempSync(path.join(path.dirname(root().fsPath), 'moved-'));
      const inside = path.join(root().fsPath, 'moved-cohort');
      mkdirSync(path.join(outside, 'apprentice-1', 'portfolio'), { recursive: true });
      writeFileSync(path.join(outside, 'apprentice-1', 'portfolio', 'reflection.md'), '# Reflection [B2]\n\nText.\n');
      try {
        renameSync(outside, inside);
        await waitFor('B2 to count from the moved-in folder', api.service.onDidChange, async () => ((await behavioursCovered()) === '5/5' ? true : undefined));
        renameSync(inside, outside);
        await waitFor('B2 to be missing once the folder is moved out', api.service.onDidChange, async () => ((await behavioursCovered()) === '4/5' ? true : undefined));
      } finally {
        rmSync(inside, { recursive: true, force: true });
        rmSync(outside, { recursive: true, force: true });
      }
    });

    test('a link to a folder outside is followed once, and a link loop ends', async () => {
      const outside = mkdtempSync(path.join(path.dirname(root().fsPath), 'linked-'));
      const link = path.join(root().fsPath, 'linked-portfolio');
      writeFileSync(path.join(outside, 'reflection.md'), '# Reflection [B2]\n\nText.\n');
      symlinkSync(outside, path.join(outside, 'again')); // outside/again/again/... is one folder
      try {
        symlinkSync(outside, link);
        await vscode.commands.executeCommand('ksbEvidence.refresh');
        assert.equal(await behavioursCovered(), '5/5', 'B2, evidenced only behind the link, counts');
        const linked = [...(await api.service.workspaceFolders())[0].documents.keys()].filter((p) => p.startsWith('linked-portfolio/'));
        assert.deepEqual(linked, ['linked-portfolio/reflection.md'], 'the file once, not again through the loop');
        unlinkSync(link);
        // (the watcher does not always report a link's removal; a Refresh always sees it)
        await vscode.commands.executeCommand('ksbEvidence.refresh');
        assert.equal(await behavioursCovered(), '4/5', 'B2 is missing once the link goes');
      } finally {
        rmSync(link, { force: true });
        rmSync(outside, { recursive: true, force: true });
      }
    });
  });

  suite('configuration', () => {
    test('a severity set to off removes that diagnostic, without a reload', async () => {
      await openDoc(REPORT);
      const settings = vscode.workspace.getConfiguration('ksbEvidence.severity');
      await settings.update('untaggedSection', 'off', vscode.ConfigurationTarget.Global);
      try {
        await diagnosticsOf(fileUri(REPORT), (d) => !d.some((x) => x.code === 'untagged-section'), 'the untagged warning to go with severity off');
      } finally {
        await settings.update('untaggedSection', undefined, vscode.ConfigurationTarget.Global);
      }
      await diagnosticsOf(fileUri(REPORT), (d) => d.some((x) => x.code === 'untagged-section'), 'the warning to come back');
    });

    test('the report word limit: a warning past limit and tolerance, at the section where it is passed', async () => {
      const config = fileUri('.ksb-evidence.yaml');
      const original = await vscode.workspace.fs.readFile(config);
      try {
        // the example report has 1,945 words: with a 1,000-word limit it is past 1,100 (10% tolerance)
        await vscode.workspace.fs.writeFile(config, new TextEncoder().encode(new TextDecoder().decode(original) + 'wordLimit: 1000\n'));
        const ds = await diagnosticsOf(fileUri(REPORT), (d) => d.some((x) => x.code === 'word-limit'), 'the word-limit warning');
        const limit = ds.find((d) => d.code === 'word-limit')!;
        assert.equal(limit.severity, vscode.DiagnosticSeverity.Warning);
        assert.match(limit.message, /1,945 words: over the 1,000-word limit and its 10% tolerance \(at most 1,100\)/);
        assert.ok(limit.range.start.line > 0, 'on the section where the report passes 1,100 words, not the first line');
      } finally {
        await vscode.workspace.fs.writeFile(config, original);
      }
      await diagnosticsOf(fileUri(REPORT), (d) => !d.some((x) => x.code === 'word-limit'), 'the warning to go with the original config');
    });

    test('a change to .ksb-evidence.yaml applies without a reload, and a broken one keeps the extension working', async () => {
      const config = fileUri('.ksb-evidence.yaml');
      const original = await vscode.workspace.fs.readFile(config);
      try {
        await vscode.workspace.fs.writeFile(config, new TextEncoder().encode(new TextDecoder().decode(original) + 'minWords: 100\n'.replace(/^/, '')));
        // minWords appears twice now: a duplicate key is an error naming the line, and defaults apply
        const problems = await diagnosticsOf(config, (d) => d.length > 0, 'the config error');
        assert.match(problems[0].message, /minWords|duplicate|unique/i);
        await vscode.workspace.fs.writeFile(config, new TextEncoder().encode(new TextDecoder().decode(original).replace('minWords: 40', 'minWords: 100')));
        await diagnosticsOf(fileUri(REPORT), (d) => !d.some((x) => x.code === 'untagged-section'), 'the 67-word section to stop needing a tag at minWords 100');
      } finally {
        await vscode.workspace.fs.writeFile(config, original);
      }
      await diagnosticsOf(fileUri(REPORT), (d) => d.some((x) => x.code === 'untagged-section'), 'the warning to return with the original config');
    });
  });
});
