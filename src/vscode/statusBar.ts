import * as vscode from 'vscode';
import { budgetsIn } from '../core/project';
import { isEvidenceDocument, type EvidenceService } from './evidenceService';

export const SHOW_WORD_COUNT_COMMAND = 'ksbEvidence.showWordCount';
const number = (n: number) => n.toLocaleString('en-GB');

/** `Report 4,812 / 5,000 words` for the folder of the active editor; click for the count per section. */
export function registerStatusBar(service: EvidenceService): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('ksbEvidence.wordCount', vscode.StatusBarAlignment.Right, 100);
  item.name = 'KSB Evidence: report word count';
  item.command = SHOW_WORD_COUNT_COMMAND;

  const update = async () => {
    const editor = vscode.window.activeTextEditor;
    if (editor && isEvidenceDocument(editor.document)) {
      await service.analyze(editor.document);
      void service.ensureIndexed();
    }
    const uri = editor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!uri || !service.isIndexed) return void item.hide();
    const status = (await service.folderOf(uri)).reportStatus();
    if (!status) return void item.hide();
    item.text = `$(book) Report ${number(status.words)} / ${number(status.limit)} words`;
    item.tooltip = `${status.status === 'within' ? 'Within the limit' : status.status === 'over-limit' ? 'Over the limit, within the tolerance' : 'Over the limit and its tolerance'}: at most ${number(status.maximum)} words with ${status.tolerancePercent}% tolerance. Click for the count per section.`;
    item.backgroundColor = status.status === 'within' ? undefined : new vscode.ThemeColor(status.status === 'over-limit' ? 'statusBarItem.warningBackground' : 'statusBarItem.errorBackground');
    item.show();
  };

  const showPerSection = async () => {
    const uri = vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!uri) return;
    await service.ensureIndexed();
    const folder = await service.folderOf(uri);
    const items: (vscode.QuickPickItem & { path?: string; line?: number })[] = [];
    const reports = [...folder.documents.values()].filter((d) => d.kind === 'report').sort((a, b) => a.path.localeCompare(b.path));
    for (const d of reports) {
      items.push({ label: `${d.path}: ${number(d.analysis.words)} words`, kind: vscode.QuickPickItemKind.Separator });
      const budgets = new Map(budgetsIn(folder.project, d.analysis.sections).map((b) => [b.section, b]));
      d.analysis.sections.forEach((s, index) => {
        const words = s.words + s.headingWords;
        if (s.level === 0 && words === 0) return;
        const budget = budgets.get(index);
        // a budget counts the section with its subsections, as its heading's lens does
        const planned = budget ? ` · ${number(budget.words)} / ${number(budget.budget)} with subsections${budget.status === 'within' ? '' : budget.status === 'over-budget' ? ', over budget' : ', over budget and tolerance'}` : '';
        items.push({
          label: `${budget && budget.status !== 'within' ? '$(warning) ' : ''}${'  '.repeat(Math.max(0, s.level - 1))}${s.heading || '(before the first heading)'}`,
          description: s.excluded ? 'not counted (excluded heading)' : `${number(words)} words${planned}`,
          path: d.path,
          line: s.line,
        });
      });
    }
    const status = folder.reportStatus();
    const pick = await vscode.window.showQuickPick(items, { title: status ? `Report: ${number(status.words)} of ${number(status.limit)} words (at most ${number(status.maximum)})` : 'Report words', placeHolder: 'Go to a section' });
    if (pick?.path !== undefined) await vscode.window.showTextDocument(folder.workspace.uri(pick.path), { selection: new vscode.Range(pick.line!, 0, pick.line!, 0) });
  };

  void update();
  return vscode.Disposable.from(
    item,
    vscode.commands.registerCommand(SHOW_WORD_COUNT_COMMAND, showPerSection),
    vscode.window.onDidChangeActiveTextEditor(() => void update()),
    service.onDidChange(() => void update()),
    service.onDidChangeProject(() => void update()),
  );
}
