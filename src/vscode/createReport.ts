import * as vscode from 'vscode';

const TEMPLATE = `---
title: Project report
evidence: report
---

# 1 Introduction [K2, S2]

Describe the business problem, the scope agreed at the gateway and what the project set out to do.

## 1.1 Objectives

KSBs: K7, S12

<!-- KSB: K24 -->

Tag every section with the KSBs it evidences: a bracket group such as [K5, S3] at the end of a
heading, a "KSBs:" line like the one above, or a comment like the one just above this paragraph.

# References
`;

/** *Create report.md* from the coverage view's welcome: a starting point that shows each tag form. */
export function registerCreateReport(): vscode.Disposable {
  return vscode.commands.registerCommand('ksbEvidence.createReport', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) {
      void vscode.window.showInformationMessage('KSB Evidence: open a folder first, then create the report in it.');
      return undefined;
    }
    const uri = vscode.Uri.joinPath(folder.uri, 'report', 'report.md');
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      const edit = new vscode.WorkspaceEdit();
      edit.createFile(uri, { ignoreIfExists: true, contents: new TextEncoder().encode(TEMPLATE) });
      await vscode.workspace.applyEdit(edit);
    }
    await vscode.window.showTextDocument(uri);
    return uri;
  });
}
