import * as vscode from 'vscode';

export const RUN_CLI_COMMAND = 'ksbEvidence.runCli';

/**
 * Runs the `ksb-evidence` command line that ships in the extension on a workspace folder, in a
 * terminal. It runs on the editor's own runtime (ELECTRON_RUN_AS_NODE), so an apprentice needs no
 * Node.js of their own.
 */
export function registerRunCli(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.commands.registerCommand(RUN_CLI_COMMAND, async () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const active = vscode.window.activeTextEditor && vscode.workspace.getWorkspaceFolder(vscode.window.activeTextEditor.document.uri);
    const folder = active ?? (folders.length > 1 ? await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder to report on' }) : folders[0]);
    if (!folder) {
      void vscode.window.showInformationMessage('Open the folder of your report and portfolio first: the command line reports on a folder.');
      return;
    }
    if (folder.uri.scheme !== 'file') {
      void vscode.window.showInformationMessage('The command line reads folders on disk; this folder is not on a local disk.');
      return;
    }
    const cli = vscode.Uri.joinPath(context.extensionUri, 'dist', 'cli.js').fsPath;
    const terminal = vscode.window.createTerminal({
      name: 'ksb-evidence',
      shellPath: process.execPath,
      shellArgs: [cli, folder.uri.fsPath],
      env: { ELECTRON_RUN_AS_NODE: '1', FORCE_COLOR: '1' },
      cwd: folder.uri,
      isTransient: true,
    });
    terminal.show();
  });
}
