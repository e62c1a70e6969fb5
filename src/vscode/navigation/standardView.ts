import * as vscode from 'vscode';
import { standardDocument } from '../../core/navigation/standardDocument';
import type { Standard } from '../../core/standard';
import type { EvidenceService } from '../evidenceService';

export const STANDARD_SCHEME = 'ksb-standard';
export const OPEN_STANDARD_COMMAND = 'ksbEvidence.openStandard';

/** The virtual document of a folder's standard: `ksb-standard:/ST1398.md?<folder uri>`. */
export function standardUri(standard: Standard, folder: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: STANDARD_SCHEME, path: `/${standard.id}.md`, query: folder.toString() });
}

/** Where each code's entry stands in the folder's standard document (the document is laid out once a locator). */
export function standardLocator(standard: Standard, folder: vscode.Uri): (code: string) => vscode.Location | undefined {
  const { lineOf } = standardDocument(standard);
  const uri = standardUri(standard, folder);
  return (code) => {
    const line = lineOf.get(code);
    return line === undefined ? undefined : new vscode.Location(uri, new vscode.Position(line, 0));
  };
}

/**
 * A read-only Markdown document per folder's standard (every KSB and duty with its full text),
 * and *Open the Standard*, which shows it at the code under the cursor when there is one.
 */
export function registerStandardView(service: EvidenceService): vscode.Disposable {
  const provider: vscode.TextDocumentContentProvider = {
    async provideTextDocumentContent(uri) {
      const folder = await service.folderOf(vscode.Uri.parse(uri.query));
      return standardDocument(folder.project.standard).text;
    },
  };
  return vscode.Disposable.from(
    vscode.workspace.registerTextDocumentContentProvider(STANDARD_SCHEME, provider),
    vscode.commands.registerCommand(OPEN_STANDARD_COMMAND, async (code?: unknown) => {
      const editor = vscode.window.activeTextEditor;
      const folderUri = editor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
      if (!folderUri) return;
      const folder = await service.folderOf(folderUri);
      const { standard } = folder.project;
      const uri = standardUri(standard, folder.workspace.root);
      const doc = await vscode.workspace.openTextDocument(uri);
      const line = typeof code === 'string' ? standardDocument(standard).lineOf.get(code) : undefined;
      const at = new vscode.Position(line ?? 0, 0);
      await vscode.window.showTextDocument(doc, { preview: true, selection: new vscode.Range(at, at) });
    }),
  );
}
