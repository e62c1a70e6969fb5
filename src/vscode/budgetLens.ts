import * as vscode from 'vscode';
import type { SectionBudget } from '../core/budgets';
import { budgetsIn } from '../core/project';
import { EVIDENCE_SELECTOR, type DocumentInfo, type EvidenceService } from './evidenceService';
import { SHOW_WORD_COUNT_COMMAND } from './statusBar';

const number = (n: number) => n.toLocaleString('en-GB');

/** The budgets of an analysed document, with the folder's budgets and the standard's tolerance. */
export function budgetsOf(info: DocumentInfo): SectionBudget[] {
  return budgetsIn(info.folder.project, info.analysis.sections);
}

/** `312 / 350 words` above each heading with a word budget; a click lists every section's words. */
export function registerBudgetLens(service: EvidenceService): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: changed.event,
    async provideCodeLenses(document) {
      const info = await service.analyze(document);
      return budgetsOf(info).map((b) => {
        const over = b.words - b.budget;
        const state = b.status === 'within' ? `${number(b.budget - b.words)} to go` : b.status === 'over-budget' ? `${number(over)} over, within the tolerance` : `${number(over)} over budget`;
        const title = `${b.status === 'within' ? '$(check)' : '$(warning)'} ${number(b.words)} / ${number(b.budget)} words · ${state}`;
        return new vscode.CodeLens(new vscode.Range(b.line, 0, b.line, 0), { title, command: SHOW_WORD_COUNT_COMMAND, tooltip: 'Words of this section and the sections under it, against its budget' });
      });
    },
  };
  // the project's budgets or tolerance may change without the document changing
  return vscode.Disposable.from(changed, service.onDidChangeProject(() => changed.fire()), vscode.languages.registerCodeLensProvider(EVIDENCE_SELECTOR, provider));
}
