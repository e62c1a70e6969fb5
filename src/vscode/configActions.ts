import * as vscode from 'vscode';
import { bundledStandard } from '../core/bundled';
import { CONFIG_FILE } from '../core/config';
import { configTemplate } from '../core/configTemplate';
import { CONFIG_DIAGNOSTIC_CODE, CONFIG_DIAGNOSTIC_SOURCE } from './configProblems';

export const OPEN_CONFIG_COMMAND = 'ksbEvidence.openConfig';
const CONFIG_SELECTOR: vscode.DocumentSelector = { pattern: `**/${CONFIG_FILE}` };
/** The suggestion in an unknown setting's message (src/core/config.ts). */
const DID_YOU_MEAN = /did you mean `(\w+)`\?/;

/** "Rename to `wordLimit`" on a mistyped setting: an edit of the key alone, which Undo takes back. */
export function registerConfigQuickFix(): vscode.Disposable {
  const provider: vscode.CodeActionProvider = {
    provideCodeActions(document, _range, context) {
      const actions: vscode.CodeAction[] = [];
      for (const d of context.diagnostics) {
        const near = d.source === CONFIG_DIAGNOSTIC_SOURCE && d.code === CONFIG_DIAGNOSTIC_CODE ? DID_YOU_MEAN.exec(d.message)?.[1] : undefined;
        if (!near) continue;
        const action = new vscode.CodeAction(`Rename to \`${near}\``, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(document.uri, d.range, near);
        action.diagnostics = [d];
        action.isPreferred = true;
        actions.push(action);
      }
      return actions;
    },
  };
  return vscode.languages.registerCodeActionsProvider(CONFIG_SELECTOR, provider, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] });
}

/**
 * KSB Evidence: Open Project Settings. Opens the folder's `.ksb-evidence.yaml`, first creating it
 * with every setting commented at its default when there is none (the user asked for the file).
 */
export function registerOpenConfig(): vscode.Disposable {
  return vscode.commands.registerCommand(OPEN_CONFIG_COMMAND, async (folderArg?: vscode.WorkspaceFolder | vscode.Uri) => {
    const folder = folderArg instanceof vscode.Uri ? vscode.workspace.getWorkspaceFolder(folderArg) : (folderArg ?? (await pickFolder()));
    if (!folder) return;
    const uri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE);
    // created through the workbench (an edit Undo can take back), so an editor still holding a
    // deleted config shows the new text
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(uri, { ignoreIfExists: true, contents: new TextEncoder().encode(configTemplate(bundledStandard()!)) });
    await vscode.workspace.applyEdit(edit);
    await vscode.window.showTextDocument(uri);
  });
}

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showInformationMessage('KSB Evidence: open a folder first; its project settings live in a .ksb-evidence.yaml file at its root.');
    return undefined;
  }
  if (folders.length === 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Open the project settings of which folder?' });
}
