import * as vscode from 'vscode';
import { exportFileName, mappingExport } from '../core/mappingExport';
import { codeAt, sectionAt } from '../core/query';
import { CATEGORY_LABELS } from '../core/standard';
import { ADD_TAG_COMMAND } from './codeActions';
import { isEvidenceDocument, type EvidenceService } from './evidenceService';

/** A missing KSB's row runs it: offers to tag the section at the cursor with that KSB. */
export const TAG_WITH_COMMAND = 'ksbEvidence.tagSectionWith';

/** What the commands need of the coverage view (kept structural: the view's file imports this one). */
interface CoverageView<N> {
  ksbNode(uri: vscode.Uri, code: string): Promise<N | undefined>;
}

/** A row of the view, as its context menu hands it over: what the commands read of it. */
interface Row {
  code?: string;
  folder?: {
    workspace: { uri(path: string): vscode.Uri };
    project: { standard: { id: string; byCode: ReadonlyMap<string, { text: string; category: keyof typeof CATEGORY_LABELS }> } };
  };
  place?: { path: string; line: number };
  entry?: { path: string; line: number };
}

/** The editor a command acts on: the one showing `uri` when the menu passed one, else the active one. */
function editorFor(arg: unknown): vscode.TextEditor | undefined {
  if (arg instanceof vscode.Uri) return vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === arg.toString()) ?? vscode.window.activeTextEditor;
  return vscode.window.activeTextEditor;
}

/** The coverage view's commands: reveal a code, export the table, and the rows' own commands. */
export function registerCoverageCommands<N>(service: EvidenceService, tree: CoverageView<N>, view: vscode.TreeView<N>, showEverything: () => void): vscode.Disposable {
  const reveal = async (arg?: unknown) => {
    // the palette passes nothing, the editor's context menu the file's URI: both mean the code at the cursor
    let code = typeof arg === 'string' ? arg : undefined;
    const editor = editorFor(arg);
    if (!code && editor) {
      const info = await service.analyze(editor.document);
      const found = codeAt(info.analysis, editor.selection.active.line, editor.selection.active.character);
      code = found?.ref?.codes[0] ?? (found?.valid ? found.code : undefined);
    }
    if (!code) {
      void vscode.window.showInformationMessage('KSB Evidence: put the cursor on a KSB code, such as K5, to reveal it in the coverage view.');
      return false;
    }
    await service.ensureIndexed();
    showEverything();
    const uri = editor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
    const node = uri ? await tree.ksbNode(uri, code) : undefined;
    if (!node) return false;
    await view.reveal(node, { select: true, focus: true, expand: true });
    return true;
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand('ksbEvidence.revealInCoverage', reveal),
    vscode.commands.registerCommand('ksbEvidence.exportMapping', () => exportMapping(service)),
    vscode.commands.registerCommand(TAG_WITH_COMMAND, (code: string, ask = true) => tagSectionWith(service, code, ask)),
    vscode.commands.registerCommand('ksbEvidence.copyCode', async (row?: Row) => {
      if (row?.code) await vscode.env.clipboard.writeText(row.code);
    }),
    vscode.commands.registerCommand('ksbEvidence.showKsbText', (row?: Row) => showKsbText(row)),
    vscode.commands.registerCommand('ksbEvidence.openRow', async (row?: Row) => {
      const at = row?.place ?? row?.entry;
      if (!at || !row?.folder) return;
      await vscode.window.showTextDocument(row.folder.workspace.uri(at.path), { selection: new vscode.Range(at.line - 1, 0, at.line - 1, 0) });
    }),
  );
}

/** The official text of a row's KSB, whole, in a dialog (a toast would cut it). */
async function showKsbText(row?: Row): Promise<void> {
  const ksb = row?.code ? row.folder?.project.standard.byCode.get(row.code) : undefined;
  if (!row?.code || !ksb) return;
  const choice = await vscode.window.showInformationMessage(`${row.code} · ${CATEGORY_LABELS[ksb.category]} · ${row.folder!.project.standard.id}`, { modal: true, detail: ksb.text }, 'Copy Text');
  if (choice === 'Copy Text') await vscode.env.clipboard.writeText(`${row.code}: ${ksb.text}`);
}

/** Tags the section at the cursor with a KSB, through *Add KSB tag…*'s undoable edit, after asking. */
async function tagSectionWith(service: EvidenceService, code: string, ask: boolean): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isEvidenceDocument(editor.document)) {
    void vscode.window.showInformationMessage(`KSB Evidence: ${code} is not yet evidenced. Put the cursor in the section that evidences it, then click ${code} again to tag that section.`);
    return false;
  }
  const info = await service.analyze(editor.document);
  const found = sectionAt(info.analysis, editor.selection.active.line);
  if (!found) return false;
  const name = found.section.heading ? `"${found.section.heading}"` : 'the text before the first heading';
  if (ask) {
    const choice = await vscode.window.showInformationMessage(`Tag ${name} in ${vscode.workspace.asRelativePath(editor.document.uri)} with ${code}?`, 'Tag Section');
    if (choice !== 'Tag Section') return false;
  }
  return (await vscode.commands.executeCommand<boolean>(ADD_TAG_COMMAND, editor.document.uri, found.section.line, [code])) === true;
}

/**
 * Opens the mapping table unsaved, named `ksb-mapping.md` beside the first folder's files (or the
 * next free name), marked so that, saved, it is never read as evidence.
 */
async function exportMapping(service: EvidenceService): Promise<vscode.TextDocument> {
  await service.ensureIndexed();
  const folders = await service.workspaceFolders();
  const content = mappingExport(folders.map((f) => ({ report: f.coverage(), standard: f.project.standard })));
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  let doc: vscode.TextDocument;
  if (root && root.scheme === 'file') {
    const names = new Set((await vscode.workspace.fs.readDirectory(root)).map(([name]) => name));
    const name = exportFileName((n) => names.has(n));
    doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root, name).with({ scheme: 'untitled' }));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(0, 0), content);
    await vscode.workspace.applyEdit(edit);
    void vscode.window.showInformationMessage(`KSB Evidence: the mapping table is open unsaved; Save puts it at ${name} in ${vscode.workspace.workspaceFolders![0].name}. It is marked <!-- ksb-ignore-file --> and never counts as evidence.`);
  } else {
    doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  }
  await vscode.window.showTextDocument(doc);
  return doc;
}
