import * as vscode from 'vscode';
import { CONFIG_FILE } from '../core/config';
import { shortMessage, type FileProblem } from '../core/problems';
import type { Project } from '../core/project';
import type { VscodeWorkspace } from './vscodeWorkspace';

export const CONFIG_DIAGNOSTIC_SOURCE = 'ksb-evidence';
export const CONFIG_DIAGNOSTIC_CODE = 'config';
const OPEN_FILE = 'Open File';
/**
 * A notification with a button is shown expanded, its message wrapped in full; past this length
 * (a long glob list) it is cut at a clause, and the rest is in the Problems panel.
 */
const TOAST_LENGTH = 240;

/**
 * Shows a folder's config and standard problems: in the Problems panel on those files, at the
 * line, and the first error once in a notification with an Open File button. Each load replaces
 * the folder's entries, so a fixed file's go.
 */
export class ConfigProblems implements vscode.Disposable {
  private readonly problems = vscode.languages.createDiagnosticCollection('ksb-evidence-config');
  /** By root: the files its last load reported on (cleared on the next), and the last toast. */
  private readonly shown = new Map<string, { uris: vscode.Uri[]; toast?: string }>();

  /** A folder went away: its entries go with it. */
  forget(workspace: VscodeWorkspace): void {
    for (const uri of this.shown.get(workspace.root.toString())?.uris ?? []) this.problems.delete(uri);
    this.shown.delete(workspace.root.toString());
  }

  dispose(): void {
    this.problems.dispose();
  }

  show(workspace: VscodeWorkspace, project: Project): void {
    const key = workspace.root.toString();
    const last = this.shown.get(key);
    for (const uri of last?.uris ?? []) this.problems.delete(uri);
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const p of project.problems) {
      const list = byFile.get(p.file) ?? [];
      list.push(configDiagnostic(p));
      byFile.set(p.file, list);
    }
    const uris = [...byFile.keys()].map((file) => workspace.uri(file));
    uris.forEach((uri, i) => this.problems.set(uri, [...byFile.values()][i]));
    const first = toastWorthy(project);
    const toast = first && `KSB Evidence: ${first.file} line ${first.line}: ${shortMessage(first.message, TOAST_LENGTH)}`;
    this.shown.set(key, { uris, toast });
    // the same problem again (a save that did not fix it) is not told twice
    if (first && toast && toast !== last?.toast) void this.notify(toast, workspace.uri(first.file), first.line);
  }

  private async notify(message: string, uri: vscode.Uri, line: number): Promise<void> {
    // a warning with a button is shown expanded (never cut off) and is not sticky: it leaves by
    // itself after a while, as VS Code gives no way to take a notification back once the file is fixed
    if ((await vscode.window.showWarningMessage(message, OPEN_FILE)) === OPEN_FILE) await vscode.window.showTextDocument(uri, { selection: new vscode.Range(line - 1, 0, line - 1, 0) });
  }
}

/** The first error, else a standard refused in an untrusted workspace: what a notification tells. */
function toastWorthy(project: Project): FileProblem | undefined {
  const error = project.problems.find((p) => p.severity === 'error');
  if (error) return error;
  const fellBack = project.standard.origin.startsWith('bundled:') && /\.ya?ml$/i.test(project.config.standard);
  return fellBack ? project.problems.find((p) => p.file === (project.config.file ?? CONFIG_FILE)) : undefined;
}

/** A config or standard problem as a diagnostic: on the named key when the problem has a fix. */
function configDiagnostic(p: FileProblem): vscode.Diagnostic {
  const start = Math.max(0, p.column - 1);
  const range = new vscode.Range(p.line - 1, start, p.line - 1, p.replacement ? start + p.replacement.length : Number.MAX_SAFE_INTEGER);
  const d = new vscode.Diagnostic(range, p.message, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
  d.source = CONFIG_DIAGNOSTIC_SOURCE;
  d.code = CONFIG_DIAGNOSTIC_CODE;
  return d;
}
