/** Tag form 2, the label line: `KSBs: K5, S3`, `**KSBs:** K1, S1`, at the start of a line, list item or table cell. */
import { code, SP, TAB } from '../chars';
import { ASIDES, LABEL_WORD, readCodes } from '../grammar';
import type { ReaderState } from '../state';

/** A label line at i: returns the end of its codes (tag recorded) or -1. */
function tryLabel(st: ReaderState, s: string, i: number, end: number, line: number): number {
  // most lines are prose: a colon within 80 characters with "ksb" before it, before the full pattern
  const { ksbBeforeColon, label } = st.grammar;
  ksbBeforeColon.lastIndex = i;
  if (!ksbBeforeColon.test(s)) return -1;
  label.lastIndex = i;
  const m = label.exec(s);
  if (!m || label.lastIndex > end || !LABEL_WORD.test(m[1])) return -1;
  const codesEnd = readCodes(st.grammar, st.refs, s, label.lastIndex, end, line, st.base, ASIDES);
  if (codesEnd < 0) return -1;
  let start = i;
  while (code(s, start) === SP || code(s, start) === TAB) start++;
  st.addTag('label', line, start, codesEnd);
  return codesEnd;
}

/**
 * At a colon: when the line (or cell) starts with a label (st.labelFrom), forget what was read of
 * it and return where reading goes on, after its codes; else -1. Tried at the first colon only.
 */
export function labelAt(st: ReaderState, s: string, colon: number, to: number, line: number): number {
  const from = st.labelFrom;
  st.labelFrom = -1;
  if (from < 0 || colon - from > 80) return -1;
  const e = tryLabel(st, s, from, to, line);
  if (e < 0) return -1;
  // the label's words are not prose, and a code among them is not a bare code
  st.skimWords = st.labelWords;
  st.skimCounted = 0;
  dropBareCodes(st, line, from - st.base);
  return e;
}

/** Forgets the bare codes noted on `line` from column `from` on (they were part of a tag). */
export function dropBareCodes(st: ReaderState, line: number, from: number, to = Infinity): void {
  const bare = st.bareCodes;
  for (let k = bare.length - 1; k >= 0 && bare[k].line === line; k--) if (bare[k].start >= from && bare[k].start < to) bare.splice(k, 1);
}
