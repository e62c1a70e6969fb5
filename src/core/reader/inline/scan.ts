/**
 * The inline reader: one line's prose, for tags, comments and bare codes, counting its words.
 * Plain prose runs in skim(); each construct it stops at has a function of its own.
 */
import { code, indexIn, isUpper, isWordChar, MIDDLE_DOT, SP, TAB } from '../chars';
import { codeLength } from '../grammar';
import { skim } from '../skim';
import type { ReaderState } from '../state';
import { bracketAt } from '../tags/bracket';
import { readComment } from '../tags/comment';
import { listItemAt } from '../tags/ksbList';
import { labelAt } from '../tags/label';
import { closeBracketAt, imageAt } from './links';
import { angleAt, codeSpanAt, escapeAt, LABEL_AT_START, PARAGRAPH, TABLE_ROW } from './spans';

export { LABEL_AT_START, PARAGRAPH, TABLE_ROW } from './spans';

/** A letter or digit at i: a bare code (`this shows K5`) is noted; the run of letters and digits is a word. */
function wordAt(st: ReaderState, s: string, i: number, to: number, line: number, c: number): number {
  if (!isWordChar(c)) return i + 1;
  const g = st.grammar;
  // a code in a table cell or in a line quoting the standard is no bare code
  if (isUpper(c) && g.prefixFirst.has(c) && (i === 0 || !isWordChar(code(s, i - 1))) && !(st.lineFlags & TABLE_ROW) && st.quoteLine !== line) {
    const n = codeLength(g, s, i, to);
    if (n > 0) {
      const written = s.slice(i, i + n);
      if (g.standard.byCode.has(written)) st.bareCodes.push({ code: written, line, start: i - st.base, end: i + n - st.base, section: st.sectionIndex });
    }
  }
  st.countWord();
  i++;
  while (i < to && isWordChar(s.charCodeAt(i))) i++;
  return i;
}

/** Where reading of a line starts: past a code span or comment an earlier line opened. -1: the whole line is inside one. */
function resume(st: ReaderState, s: string, i: number, to: number, line: number): number {
  if (st.spanEndLine >= 0) {
    // inside a code span that an earlier line of this paragraph opened
    if (st.spanEndLine > line) return -1;
    i = Math.max(i, st.spanEndCol);
    st.spanEndLine = -1;
  }
  if (st.commentOpen) {
    const close = indexIn(s, '-->', i, to);
    readComment(st, s, i, close < 0 ? to : close, line);
    if (close < 0) return -1;
    st.commentOpen = false;
    i = close + 3;
  }
  return i;
}

/** Scans the prose of line `line` from column `fromCol` to `toCol` for tags, comments and bare codes; returns its words (0 for table rows). */
export function scanInline(st: ReaderState, line: number, fromCol: number, toCol: number, flags: number): number {
  const base = (st.base = st.starts[line]);
  const s = st.text;
  const to = base + toCol;
  st.skimWords = 0;
  st.skimCounted = 0;
  let i = resume(st, s, base + fromCol, to, line);
  if (i < 0) return 0;
  st.lineFlags = flags;
  st.labelFrom = st.itemFrom = -1;
  st.labelWords = 0;
  if (flags & (LABEL_AT_START | TABLE_ROW)) {
    let k = i;
    while (k < to && (s.charCodeAt(k) === SP || s.charCodeAt(k) === TAB)) k++;
    if (flags & TABLE_ROW && code(s, k) === 124) k++;
    st.labelFrom = k;
    if (flags & PARAGRAPH) st.itemFrom = k;
  }
  while (i < to) {
    i = skim(st, s, i, to);
    if (i >= to) break;
    const c = s.charCodeAt(i);
    switch (c) {
      case 96:
        i = codeSpanAt(st, s, i, to, line, flags);
        if (i < 0) return st.skimWords;
        continue;
      case 58: {
        const from = st.labelFrom;
        let e = labelAt(st, s, i, to, line);
        if (e < 0 && from >= 0 && from === st.itemFrom) e = listItemAt(st, s, from, i, to, line);
        st.itemFrom = -1;
        i = e >= 0 ? e : i + 1;
        continue;
      }
      case MIDDLE_DOT:
        // a label may follow a middle dot (`**Duties:** D1 · **KSBs:** K14`)
        st.labelFrom = i + 1;
        st.labelWords = st.skimWords;
        i++;
        continue;
      case 92:
        i = escapeAt(st, s, i, to, line);
        continue;
      case 60:
        i = angleAt(st, s, i, to, line, flags);
        if (i < 0) return st.skimWords;
        continue;
      case 33:
        i = imageAt(st, s, i, to);
        continue;
      case 91:
      case 40:
        i = bracketAt(st, s, i, to, line, c);
        continue;
      case 93:
        i = closeBracketAt(st, s, i, to);
        continue;
      case 124:
        if (flags & TABLE_ROW) {
          // a new cell, which may start with a label (tried at its first colon)
          st.skimCounted = 0;
          st.labelFrom = i + 1;
          st.labelWords = st.skimWords;
        }
        i++;
        continue;
      default:
        i = wordAt(st, s, i, to, line, c);
    }
  }
  return flags & TABLE_ROW ? 0 : st.skimWords;
}
