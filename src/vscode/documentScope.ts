import * as vscode from 'vscode';

/** Languages whose documents are evidence: Markdown (also notebook Markdown cells), Quarto and R Markdown. */
export const EVIDENCE_SELECTOR: vscode.DocumentSelector = [{ language: 'markdown' }, { language: 'quarto' }, { language: 'rmd' }];

/** A notebook cell's notebook (the file it is saved in), else the uri itself. */
function fileOf(uri: vscode.Uri): vscode.Uri {
  if (uri.scheme !== 'vscode-notebook-cell') return uri;
  const notebook = vscode.workspace.notebookDocuments.find((nb) => nb.uri.path === uri.path && nb.uri.authority === uri.authority);
  return notebook?.uri ?? uri.with({ scheme: 'file', fragment: '' });
}

/**
 * The folder whose project a document's evidence belongs to: its workspace folder, or for a
 * `file:` outside every folder, the file's own folder. Undefined for documents of no workspace
 * file system (the Output panel, a git: side of a diff, untitled, settings): they are never
 * evidence and never a reason to read a config.
 */
export function evidenceRootOf(uri: vscode.Uri): { root: vscode.Uri; name: string } | undefined {
  const file = fileOf(uri);
  const owner = vscode.workspace.getWorkspaceFolder(file);
  if (owner) return { root: owner.uri, name: owner.name };
  if (file.scheme !== 'file') return undefined;
  const root = vscode.Uri.joinPath(file, '..');
  return { root, name: root.path.split('/').pop() ?? '' };
}

/** Whether a document is evidence: Markdown or Quarto, in a workspace folder's file system. */
export function isEvidenceDocument(document: vscode.TextDocument): boolean {
  return vscode.languages.match(EVIDENCE_SELECTOR, document) > 0 && evidenceRootOf(document.uri) !== undefined;
}

/** A section's text as the editor has it, heading included: what its KSB suggestions are ranked on. */
export function sectionText(document: vscode.TextDocument, section: { line: number; endLine: number }): string {
  return document.getText(new vscode.Range(section.line, 0, section.endLine, Number.MAX_SAFE_INTEGER));
}
