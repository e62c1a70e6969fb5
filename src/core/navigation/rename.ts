/**
 * Renaming a code across a folder's tags (F2): one edit per tag code written exactly as the old
 * code. A range that includes it (`S1-S4` for S3) cannot be renamed by replacing text, so it is
 * left and counted, and the caller says so.
 */
import type { Standard } from '../standard';
import { occurrencesOf, type AnalysedFile } from './occurrences';

export interface TextEdit {
  path: string;
  line: number;
  start: number;
  end: number;
  newText: string;
}

export type RenamePlan = { ok: true; edits: TextEdit[]; rangesLeft: number } | { ok: false; message: string };

/** Whether `code` names something of the standard: a KSB or a duty. */
export function isStandardCode(standard: Standard, code: string): boolean {
  return standard.byCode.has(code) || (standard.duties ?? []).some((d) => d.code === code);
}

export function planRename(standard: Standard, files: Iterable<AnalysedFile>, from: string, to: string): RenamePlan {
  const target = to.trim();
  if (!isStandardCode(standard, target))
    return { ok: false, message: `${target || 'An empty name'} is not a code of ${standard.id} ${standard.title}: a tag can only name the standard's KSBs and duties.` };
  if (target === from) return { ok: false, message: `The code is already ${from}.` };
  const occurrences = occurrencesOf(files, from);
  const edits = occurrences.filter((o) => o.text === from).map(({ path, line, start, end }) => ({ path, line, start, end, newText: target }));
  return { ok: true, edits, rangesLeft: occurrences.length - edits.length };
}
