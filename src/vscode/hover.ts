import * as vscode from 'vscode';
import { codeAt } from '../core/query';
import { CATEGORY_LABELS, codePrefix, type Standard } from '../core/standard';
import { countsInWords } from '../core/wording';
import { EVIDENCE_SELECTOR, type EvidenceService } from './evidenceService';

/** `K1–K31, S1–S34, B1–B5`: the valid codes of a standard, by letter. */
export function validRanges(standard: Standard): string {
  const byPrefix = new Map<string, string[]>();
  for (const k of standard.ksbs) {
    const p = codePrefix(k.code);
    byPrefix.set(p, [...(byPrefix.get(p) ?? []), k.code]);
  }
  return [...byPrefix.values()].map((codes) => (codes.length === 1 ? codes[0] : `${codes[0]}–${codes[codes.length - 1]}`)).join(', ');
}

/** diagnostics.ts's source and unknown-code code (it imports this file, so they are not imported back). */
const OUR_SOURCE = 'ksb-evidence';
const UNKNOWN_CODE = 'unknown-code';

/** The official text of the code under the mouse, and where else it is evidenced. */
export function registerHover(service: EvidenceService): vscode.Disposable {
  return vscode.languages.registerHoverProvider(EVIDENCE_SELECTOR, {
    async provideHover(document, position) {
      const info = await service.analyze(document);
      const found = codeAt(info.analysis, position.line, position.character);
      if (!found) return undefined;
      const { standard } = info.folder.project;
      const range = new vscode.Range(position.line, found.start, position.line, found.end);
      const md = new vscode.MarkdownString(undefined, true);
      md.supportHtml = false;
      const codes = found.ref ? found.ref.codes : [found.code];
      // the unknown-code diagnostic's own hover says it already: say it once
      const said = vscode.languages.getDiagnostics(document.uri).some((d) => d.source === OUR_SOURCE && d.code === UNKNOWN_CODE && d.range.contains(position));
      if (!found.valid && codes.length === 0) {
        if (said) return undefined;
        md.appendMarkdown(`$(error) **${found.code}** is not a KSB of ${standard.id} ${standard.title}.\n\n`);
        md.appendMarkdown(`Valid codes: ${validRanges(standard)}.`);
        return new vscode.Hover(md, range);
      }
      // Wait up to a second for the index; a large workspace keeps indexing and the hover says so.
      if (!service.isIndexed) await Promise.race([service.ensureIndexed(), new Promise((r) => setTimeout(r, 1000))]);
      const partial = !service.isIndexed;
      for (const code of codes.slice(0, 6)) {
        // a KSB, or (tagging v2) a duty: its own text
        const ksb = standard.byCode.get(code);
        md.appendMarkdown(`**${code}** · ${ksb ? CATEGORY_LABELS[ksb.category] : 'Duty'} · ${standard.id}\n\n`);
        md.appendMarkdown(escapeMarkdown(ksb?.text ?? standard.dutyByCode.get(code)?.text ?? ''));
        md.appendMarkdown('\n\n');
        const places = info.folder.placesOf(code);
        if (places.length === 0) md.appendMarkdown('$(circle-large-outline) Not yet evidenced anywhere.\n\n');
        else {
          const count = (kind: string) => places.filter((p) => p.kind === kind).length;
          const where = countsInWords({ report: count('report'), portfolio: count('portfolio'), other: count('other') });
          md.appendMarkdown(`Evidenced in ${places.length} place${places.length === 1 ? '' : 's'} (${where}):\n\n`);
          for (const p of places.slice(0, 8)) {
            const uri = info.folder.workspace.uri(p.path).with({ fragment: `L${p.line}` });
            md.appendMarkdown(`- [${escape(p.path)}:${p.line}](${uri.toString()})${p.section ? ` ${escape(p.section)}` : ''}\n`);
          }
          if (places.length > 8) md.appendMarkdown(`- … and ${places.length - 8} more (see the KSB Coverage view)\n`);
          md.appendMarkdown('\n');
        }
        if (found.tag === undefined) md.appendMarkdown('_A bare code in prose is not a tag: write `[' + code + ']` to claim this section as evidence._\n\n');
      }
      if (codes.length > 6) md.appendMarkdown(`… and ${codes.length - 6} more KSBs in this range.`);
      if (partial) md.appendMarkdown('\n\n$(sync~spin) Still indexing the workspace: counts so far.');
      if (found.ref && !found.valid && !said) md.appendMarkdown(`\n\n$(warning) Part of this range is not in ${standard.id}: valid codes are ${validRanges(standard)}.`);
      return new vscode.Hover(md, range);
    },
  });
}

/** Text shown as-is inside Markdown (appendText would turn its spaces into &nbsp;). */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]|<>]/g, '\\$&');
}
const escape = escapeMarkdown;
