import * as vscode from 'vscode';
import { planRename } from '../../core/navigation/rename';
import { codeAt } from '../../core/query';
import { EVIDENCE_SELECTOR, type EvidenceService } from '../evidenceService';

/**
 * Rename (F2) on a code in a tag: the code in every tag of the folder, closed files too, as one
 * workspace edit that undo reverts. A new name that is not a code of the standard is refused.
 */
export function registerRename(service: EvidenceService): vscode.Disposable {
  return vscode.languages.registerRenameProvider(EVIDENCE_SELECTOR, {
    async prepareRename(document, position) {
      const info = await service.analyze(document);
      const found = codeAt(info.analysis, position.line, position.character);
      if (!found?.tag || !found.ref || found.ref.codes.length !== 1 || found.ref.text !== found.ref.codes[0])
        throw new Error('Put the cursor on a single KSB code in a tag to rename it.');
      return { range: new vscode.Range(found.line, found.start, found.line, found.end), placeholder: found.code };
    },
    async provideRenameEdits(document, position, newName) {
      const info = await service.analyze(document);
      const found = codeAt(info.analysis, position.line, position.character);
      if (!found?.tag) return undefined;
      await service.ensureIndexed();
      const { folder } = info;
      const plan = planRename(folder.project.standard, folder.documents.values(), found.code, newName);
      const edit = new vscode.WorkspaceEdit();
      if (!plan.ok) {
        // An empty edit, not a rejection: VS Code would hand a rejected rename on to the next
        // provider, and Markdown's own would rename the heading the code stands in.
        void vscode.window.showErrorMessage(plan.message);
        return edit;
      }
      for (const e of plan.edits) edit.replace(folder.workspace.uri(e.path), new vscode.Range(e.line, e.start, e.line, e.end), e.newText);
      if (plan.rangesLeft > 0)
        void vscode.window.showInformationMessage(`${plan.rangesLeft} range${plan.rangesLeft === 1 ? '' : 's'} including ${found.code} (such as S1-S4) left as written.`);
      return edit;
    },
  });
}
