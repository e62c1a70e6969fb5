import * as vscode from 'vscode';
import { reportLimit } from '../core/coverage';
import { reportTemplate } from '../core/reportTemplate';
import type { EvidenceService } from './evidenceService';

export const CREATE_REPORT_COMMAND = 'ksbEvidence.createReport';

/**
 * *KSB Evidence: Create Report*: report/report.md in the first folder, from a starter that claims
 * nothing (examples only in comments), shaped by the folder's standard and word limit. An existing
 * file is opened, never overwritten.
 */
export function registerCreateReport(service: EvidenceService): vscode.Disposable {
  return vscode.commands.registerCommand(CREATE_REPORT_COMMAND, async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) {
      void vscode.window.showInformationMessage('KSB Evidence: open a folder first; the report is created in it as report/report.md.');
      return undefined;
    }
    const uri = vscode.Uri.joinPath(folder.uri, 'report', 'report.md');
    const where = vscode.workspace.asRelativePath(uri, vscode.workspace.workspaceFolders!.length > 1);
    if (await exists(uri)) {
      void vscode.window.showInformationMessage(`KSB Evidence: ${where} already exists; it is opened as it is.`);
    } else {
      const { project } = await service.folderOf(folder.uri);
      const text = reportTemplate(project.standard, reportLimit(project.standard, project.config));
      const edit = new vscode.WorkspaceEdit();
      edit.createFile(uri, { ignoreIfExists: true, contents: new TextEncoder().encode(text) });
      if (!(await vscode.workspace.applyEdit(edit))) {
        void vscode.window.showErrorMessage(`KSB Evidence: could not create ${where}.`);
        return undefined;
      }
      // short: a toast is cut at about sixty characters
      void vscode.window.showInformationMessage(`KSB Evidence: created ${where} (claims no KSBs yet).`);
    }
    await vscode.window.showTextDocument(uri);
    return uri;
  });
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
