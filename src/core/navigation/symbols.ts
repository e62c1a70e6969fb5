/**
 * Workspace symbols (Ctrl+T): a code lists its evidence places; words find the KSBs and duties
 * whose official text holds every one of them.
 */
import type { Standard } from '../standard';
import { occurrencesOf, type AnalysedFile, type CodeOccurrence } from './occurrences';

export type SymbolMatch = { kind: 'evidence'; code: string; place: CodeOccurrence } | { kind: 'standard'; code: string; text: string };

const CODE_QUERY = /^[A-Za-z]+\d+(?:\.\d+)*$/;

export function symbolsFor(standard: Standard, files: Iterable<AnalysedFile>, query: string): SymbolMatch[] {
  const q = query.trim();
  if (!q) return [];
  const entries = [...standard.ksbs, ...(standard.duties ?? [])];
  if (CODE_QUERY.test(q)) {
    const code = entries.find((e) => e.code.toUpperCase() === q.toUpperCase())?.code;
    if (code) {
      const places = occurrencesOf(files, code).map((place): SymbolMatch => ({ kind: 'evidence', code, place }));
      return [{ kind: 'standard', code, text: entries.find((e) => e.code === code)!.text }, ...places];
    }
  }
  const words = q.toLowerCase().split(/\s+/);
  return entries
    .filter((e) => {
      const text = e.text.toLowerCase();
      return words.every((w) => text.includes(w));
    })
    .map((e): SymbolMatch => ({ kind: 'standard', code: e.code, text: e.text }));
}
