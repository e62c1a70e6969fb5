import * as vscode from 'vscode';
import { completionPlace, searchText, type CompletionPlace } from '../core/completionTrigger';
import { listAboutKsbs, sectionAt, tagContextAt } from '../core/query';
import { CATEGORY_LABELS, shortText } from '../core/standard';
import { sectionText } from './documentScope';
import { EVIDENCE_SELECTOR, type EvidenceService, type FolderIndex } from './evidenceService';

/**
 * Characters after which a tag may continue (Markdown turns off as-you-type suggestions, so these
 * ask for them), and the capital letters, for a code letter typed straight after a prose bracket.
 */
export const TRIGGER_CHARACTERS = ['[', '(', ',', ';', '/', '&', ':', ' ', '-', ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];

/**
 * Whether a line lies in the document's front matter. Only a `ksbs:` line or a list item of a file
 * that starts with `---` can be; only then is the document analysed to know (a capital letter
 * typed anywhere asks completion, and most answers are no).
 */
async function inFrontMatter(service: EvidenceService, document: vscode.TextDocument, line: number): Promise<boolean> {
  if (line === 0 || !/^\s*(?:ksbs?\s*:|-\s)/i.test(document.lineAt(line).text) || !/^---[ \t]*$/.test(document.lineAt(0).text)) return false;
  const { analysis } = await service.analyze(document);
  return analysis.frontMatter !== undefined && line < analysis.frontMatter.endLine;
}

/**
 * Whether a code typed here would start an item of a list about KSBs (tagging v2: `- **K7:** …`).
 * Only at the start of a list item or line is the document analysed to know.
 */
async function inKsbList(service: EvidenceService, document: vscode.TextDocument, line: number, linePrefix: string): Promise<boolean> {
  if (!/^\s*(?:>\s*)*(?:(?:[-*+]|\d{1,9}[.)])\s+)?[*_]{0,3}[A-Z]{1,3}\d*$/.test(linePrefix)) return false;
  const { analysis } = await service.analyze(document);
  return listAboutKsbs(analysis, (n) => document.lineAt(n).text, line);
}

/** The row at the top of a list offered at a bare bracket: Enter on it inserts nothing. */
function hintItem(range: vscode.Range): vscode.CompletionItem {
  const hint = new vscode.CompletionItem('Type a code or topic', vscode.CompletionItemKind.Text);
  hint.detail = 'Enter adds nothing';
  hint.insertText = '';
  hint.range = range;
  // sorted first, and gone as soon as anything is typed
  hint.sortText = '0';
  hint.filterText = '\u00b7';
  return hint;
}

function ksbItems(folder: FolderIndex, place: CompletionPlace, range: vscode.Range, counts: ReturnType<FolderIndex['counts']> | undefined, suggested: readonly string[]): vscode.CompletionItem[] {
  return folder.project.standard.ksbs.map((ksb, i) => {
    const c = counts?.get(ksb.code);
    const total = c ? c.report + c.portfolio + c.other : 0;
    const rank = suggested.indexOf(ksb.code);
    const item = new vscode.CompletionItem({ label: ksb.code, description: shortText(ksb.text) }, vscode.CompletionItemKind.Reference);
    item.range = range;
    item.insertText = ksb.code;
    item.detail = `${rank >= 0 ? 'Suggested for this section · ' : ''}${CATEGORY_LABELS[ksb.category]} · ${!counts ? 'coverage not indexed yet' : total === 0 ? 'not yet evidenced' : `evidenced ${total}× (report ${c!.report}, portfolio ${c!.portfolio})`}`;
    item.documentation = new vscode.MarkdownString(`**${ksb.code}** (${CATEGORY_LABELS[ksb.category]})\n\n${ksb.text}`);
    // Not yet evidenced first (this section's suggestions first among them, best first), then the
    // standard's order; codes already in this tag last.
    const group = place.written.includes(ksb.code) ? 4 : total === 0 ? (rank >= 0 ? 1 : 2) : 3;
    item.sortText = `${group}${String(rank >= 0 && group === 1 ? rank : i).padStart(4, '0')}`;
    // where a tag is plainly written, a word of the KSB's text finds it too (`[stakeholder`)
    item.filterText = place.plain ? searchText(ksb.code, ksb.text) : ksb.code;
    return item;
  });
}

/** The KSBs that best fit the text of the section holding a line. */
async function sectionSuggestions(service: EvidenceService, document: vscode.TextDocument, line: number): Promise<string[]> {
  const info = await service.analyze(document);
  const found = sectionAt(info.analysis, line);
  if (!found) return [];
  return info.folder.project.suggest(sectionText(document, found.section), 5);
}

/** KSB codes where a tag is being typed: gaps first, each with its official text. */
export function registerCompletion(service: EvidenceService): vscode.Disposable {
  const provider: vscode.CompletionItemProvider = {
    async provideCompletionItems(document, position) {
      const line = document.lineAt(position.line).text;
      const frontMatter = await inFrontMatter(service, document, position.line);
      const folder = await service.folderOf(document.uri);
      const ksbList = await inKsbList(service, document, position.line, line.slice(0, position.character));
      const contextAt = (prefix: string) => tagContextAt(prefix, { inFrontMatter: frontMatter, ksbList });
      const place = completionPlace(line.slice(0, position.character), line.slice(position.character), contextAt, folder.project.standard.prefixes);
      if (!place) return undefined;
      // Counts need the whole workspace: wait briefly for the index, never long (typing goes on).
      if (!service.isIndexed) await Promise.race([service.ensureIndexed(), new Promise((r) => setTimeout(r, 400))]);
      const counts = service.isIndexed ? folder.counts() : undefined;
      const range = new vscode.Range(position.line, place.start, position.line, place.end);
      const items = ksbItems(folder, place, range, counts, await sectionSuggestions(service, document, position.line));
      if (place.plain && place.typed === '') items.unshift(hintItem(range));
      return new vscode.CompletionList(items, !counts);
    },
  };
  return vscode.languages.registerCompletionItemProvider(EVIDENCE_SELECTOR, provider, ...TRIGGER_CHARACTERS);
}
