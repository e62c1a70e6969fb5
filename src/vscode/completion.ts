import * as vscode from 'vscode';
import { listAboutKsbs, tagContextAt } from '../core/query';
import { CATEGORY_LABELS, shortText } from '../core/standard';
import { EVIDENCE_SELECTOR, type EvidenceService } from './evidenceService';

/** Characters after which a tag may continue. Markdown turns off as-you-type suggestions, so these trigger them. */
export const TRIGGER_CHARACTERS = ['[', '(', ',', ';', '/', '&', ':', ' ', '-'];

/** KSB codes where a tag is being typed: gaps first, each with its official text. */
export function registerCompletion(service: EvidenceService): vscode.Disposable {
  const provider: vscode.CompletionItemProvider = {
    async provideCompletionItems(document, position) {
      const linePrefix = document.lineAt(position.line).text.slice(0, position.character);
      const info = await service.analyze(document);
      const inFrontMatter = info.analysis.frontMatter !== undefined && position.line > 0 && position.line < info.analysis.frontMatter.endLine;
      const ksbList = /^\s*(?:>\s*)*(?:(?:[-*+]|\d{1,9}[.)])\s+)?[*_]{0,3}[A-Z]*\d*$/.test(linePrefix) && listAboutKsbs(info.analysis, (n) => document.lineAt(n).text, position.line);
      const context = tagContextAt(linePrefix, { inFrontMatter, ksbList });
      if (!context) return undefined;
      // Counts need the whole workspace: wait briefly for the index, never long (typing goes on).
      if (!service.isIndexed) await Promise.race([service.ensureIndexed(), new Promise((r) => setTimeout(r, 400))]);
      const counts = service.isIndexed ? info.folder.counts() : undefined;
      const range = new vscode.Range(position.line, context.start, position.line, context.end);
      const { standard } = info.folder.project;
      const items = standard.ksbs.map((ksb, i) => {
        const c = counts?.get(ksb.code);
        const total = c ? c.report + c.portfolio + c.other : 0;
        const item = new vscode.CompletionItem({ label: ksb.code, description: shortText(ksb.text) }, vscode.CompletionItemKind.Reference);
        item.range = range;
        item.detail = `${CATEGORY_LABELS[ksb.category]} · ${!counts ? 'coverage not indexed yet' : total === 0 ? 'not yet evidenced' : `evidenced ${total}× (report ${c!.report}, portfolio ${c!.portfolio})`}`;
        item.documentation = new vscode.MarkdownString(`**${ksb.code}** (${CATEGORY_LABELS[ksb.category]})\n\n${ksb.text}`);
        // Not yet evidenced first, then the standard's order; codes already in this tag last.
        const group = context.written.includes(ksb.code) ? 3 : total === 0 ? 1 : 2;
        item.sortText = `${group}${String(i).padStart(4, '0')}`;
        item.filterText = ksb.code;
        return item;
      });
      return new vscode.CompletionList(items, !counts);
    },
  };
  return vscode.languages.registerCompletionItemProvider(EVIDENCE_SELECTOR, provider, ...TRIGGER_CHARACTERS);
}
