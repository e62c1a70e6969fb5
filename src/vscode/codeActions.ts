import * as vscode from 'vscode';
import type { DocumentAnalysis, Section } from '../core/analyze';
import { sectionAt, suggestCodes } from '../core/query';
import { shortText, type Standard } from '../core/standard';
import { removalRange } from '../core/tagEdits';
import { DiagnosticCode, DIAGNOSTIC_SOURCE } from './diagnostics';
import { sectionText } from './documentScope';
import { EVIDENCE_SELECTOR, type EvidenceService } from './evidenceService';
import { pickKsbs, type KsbPickItem } from './ksbPicker';

export const ADD_TAG_COMMAND = 'ksbEvidence.addTag';

/** The line after which text "under the heading" goes: the heading line, or a setext underline. */
function headingEndLine(document: vscode.TextDocument, section: Section): number {
  if (section.level === 0) return section.line;
  for (let l = section.line + 1; l <= Math.min(section.endLine, section.line + 20) && l < document.lineCount; l++) {
    const text = document.lineAt(l).text;
    if (/^ {0,3}(?:=+|-+)[ \t]*$/.test(text)) return l;
    if (/^\s*$/.test(text)) break;
  }
  return section.line;
}

/** One edit that tags a section in the style the setting chooses; undo reverts it whole. */
export function tagEdit(document: vscode.TextDocument, section: Section, codes: string[], style: 'heading' | 'labelLine'): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  const list = codes.join(', ');
  if (section.level === 0) {
    edit.insert(document.uri, new vscode.Position(section.line, 0), `KSBs: ${list}\n\n`);
  } else if (style === 'heading' && headingEndLine(document, section) === section.line) {
    const line = document.lineAt(section.line);
    // before an ATX heading's closing #s, if it has them
    const closing = /(\s+#+)?\s*$/.exec(line.text)!;
    edit.insert(document.uri, new vscode.Position(section.line, closing.index), ` [${list}]`);
  } else {
    const end = document.lineAt(headingEndLine(document, section)).range.end;
    edit.insert(document.uri, end, `${eol(document)}${eol(document)}KSBs: ${list}`);
  }
  return edit;
}

function eol(document: vscode.TextDocument): string {
  return document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
}

export function ignoreEdit(document: vscode.TextDocument, section: Section): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  if (section.level === 0) edit.insert(document.uri, new vscode.Position(section.line, 0), `<!-- ksb-ignore -->${eol(document)}${eol(document)}`);
  else edit.insert(document.uri, document.lineAt(headingEndLine(document, section)).range.end, `${eol(document)}${eol(document)}<!-- ksb-ignore -->`);
  return edit;
}

/**
 * Fixes for an unknown code: replace it with a code it may have meant, unless that code is in the
 * tag already; then (or when nothing else fits) remove it from the tag.
 */
function unknownCodeFixes(document: vscode.TextDocument, d: vscode.Diagnostic, analysis: DocumentAnalysis, standard: Standard): vscode.CodeAction[] {
  const written = document.getText(d.range);
  const [from] = written.split(/\s*[-–]\s*/);
  const unknown = standard.byCode.has(from) ? written.split(/\s*[-–]\s*/)[1] ?? written : from;
  const { line, character } = d.range.start;
  const tag = analysis.tags.find((t) => t.line === line && t.start <= character && character <= t.end);
  const inTag = new Set(tag?.codes ?? []);
  const actions: vscode.CodeAction[] = [];
  const offset = Math.max(0, written.indexOf(unknown));
  const start = d.range.start.translate(0, offset);
  const suggestions = suggestCodes(standard, unknown);
  suggestions
    .filter((code) => !inTag.has(code))
    .forEach((code, i) => {
      const fix = new vscode.CodeAction(`Replace ${unknown} with ${code}: ${shortText(standard.byCode.get(code)!.text, 50)}`, vscode.CodeActionKind.QuickFix);
      fix.diagnostics = [d];
      fix.isPreferred = i === 0 && !suggestions.slice(0, 1).some((c) => inTag.has(c));
      fix.edit = new vscode.WorkspaceEdit();
      fix.edit.replace(document.uri, new vscode.Range(start, start.translate(0, unknown.length)), code);
      actions.push(fix);
    });
  // the whole ref goes (a range `K5-K40` with it), with one separator beside it
  const ref = tag?.refs.find((r) => r.line === line && r.start <= character && character < r.end);
  if (tag && ref && tag.refs.length > 1) {
    const cut = removalRange(document.lineAt(line).text, ref.start, ref.end);
    const remove = new vscode.CodeAction(`Remove ${ref.text} from the tag`, vscode.CodeActionKind.QuickFix);
    remove.diagnostics = [d];
    remove.isPreferred = suggestions.slice(0, 1).some((c) => inTag.has(c));
    remove.edit = new vscode.WorkspaceEdit();
    remove.edit.delete(document.uri, new vscode.Range(line, cut.start, line, cut.end));
    actions.push(remove);
  }
  return actions;
}

/** Quick fixes for the diagnostics: tag or ignore a section, correct an unknown code, turn a bare code into a tag. */
export function registerCodeActions(service: EvidenceService): vscode.Disposable {
  const provider: vscode.CodeActionProvider = {
    async provideCodeActions(document, _range, context) {
      const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
      if (ours.length === 0) return undefined;
      const info = await service.analyze(document);
      const { standard } = info.folder.project;
      const actions: vscode.CodeAction[] = [];
      for (const d of ours) {
        if (d.code === DiagnosticCode.UntaggedSection) {
          const found = sectionAt(info.analysis, d.range.start.line);
          if (!found) continue;
          const add = new vscode.CodeAction('Add KSB tag…', vscode.CodeActionKind.QuickFix);
          add.diagnostics = [d];
          add.isPreferred = true;
          add.command = { command: ADD_TAG_COMMAND, title: 'Add KSB tag…', arguments: [document.uri, found.section.line] };
          const ignore = new vscode.CodeAction('Ignore this section (<!-- ksb-ignore -->)', vscode.CodeActionKind.QuickFix);
          ignore.diagnostics = [d];
          ignore.edit = ignoreEdit(document, found.section);
          actions.push(add, ignore);
        } else if (d.code === DiagnosticCode.UnknownCode) {
          actions.push(...unknownCodeFixes(document, d, info.analysis, standard));
        } else if (d.code === DiagnosticCode.BareCode) {
          const code = document.getText(d.range);
          const fix = new vscode.CodeAction(`Turn ${code} into a tag: [${code}]`, vscode.CodeActionKind.QuickFix);
          fix.diagnostics = [d];
          fix.edit = new vscode.WorkspaceEdit();
          fix.edit.replace(document.uri, d.range, `[${code}]`);
          actions.push(fix);
        }
      }
      return actions;
    },
  };
  return vscode.languages.registerCodeActionsProvider(EVIDENCE_SELECTOR, provider, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] });
}

/** The *Add KSB tag…* command: a quick pick of KSBs, best matches for the section first. */
export function registerAddTagCommand(service: EvidenceService): vscode.Disposable {
  return vscode.commands.registerCommand(ADD_TAG_COMMAND, async (uri?: vscode.Uri, line?: number, picked?: string[]) => {
    const editor = vscode.window.activeTextEditor;
    const document = uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
    if (!document) return false;
    const info = await service.analyze(document);
    const found = sectionAt(info.analysis, line ?? editor?.selection.active.line ?? 0);
    if (!found) return false;
    const { section } = found;
    const { standard } = info.folder.project;
    let codes = picked;
    if (!codes) {
      const best = info.folder.project.suggest(sectionText(document, section), 5);
      const items: KsbPickItem[] = [];
      // gaps are marked, so an apprentice can see which choice closes one
      const evidenced = service.isIndexed ? new Set(info.folder.coverage().ksbs.filter((k) => k.covered).map((k) => k.code)) : undefined;
      const toItem = (code: string): vscode.QuickPickItem & { code: string } => ({
        label: code,
        description: `${shortText(standard.byCode.get(code)!.text, 80)}${evidenced && !evidenced.has(code) ? ' · not yet evidenced' : ''}`,
        code,
      });
      if (best.length) {
        items.push({ label: 'Suggested for this section', kind: vscode.QuickPickItemKind.Separator });
        for (const code of best) items.push({ ...toItem(code), label: `$(sparkle) ${code}` });
        items.push({ label: 'All KSBs', kind: vscode.QuickPickItemKind.Separator });
      }
      const bestCodes = new Set(best);
      for (const k of standard.ksbs) if (!bestCodes.has(k.code)) items.push(toItem(k.code));
      codes = await pickKsbs(items, {
        title: `Tag "${section.heading || 'text before the first heading'}" with KSBs`,
        placeholder: 'Tick KSBs, or press Enter for the highlighted one',
      });
    }
    if (!codes || codes.length === 0) return false;
    const order = (c: string) => standard.order.get(c) ?? 1e9;
    codes = [...new Set(codes)].sort((a, b) => order(a) - order(b));
    const style = vscode.workspace.getConfiguration('ksbEvidence', document.uri).get<'heading' | 'labelLine'>('tagStyle', 'heading');
    return vscode.workspace.applyEdit(tagEdit(document, section, codes, style));
  });
}
