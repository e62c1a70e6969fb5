/** Code spans, escapes, comments, autolinks and inline HTML in prose; some run over the lines of a paragraph. */
import { code, indexIn, isAlnum, isBlank } from '../chars';
import { readComment } from '../tags/comment';
import { labelAt } from '../tags/label';
import type { ReaderState } from '../state';

/** Flags of the line scanInline reads. */
export const LABEL_AT_START = 1, TABLE_ROW = 2, PARAGRAPH = 4;

/** An HTML open tag (CommonMark 6.6), which may run over lines of a paragraph. */
const HTML_OPEN_TAG = /^<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?>/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
const INLINE_TAG = /^<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+|\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?)>$/;

/**
 * Walks the later lines of this paragraph (past the block-quote markers they carry), calling
 * `found(text, line, offset)` until it returns true (then true) or the paragraph ends (false).
 */
function laterParagraphLines(st: ReaderState, line: number, found: (t: string, l: number, offset: number) => boolean, maxLines = Infinity): boolean {
  let quotes = 0;
  for (const f of st.stack) if (f.quote) quotes++;
  for (let l = line + 1; l < st.lineCount && l - line <= maxLines; l++) {
    const raw = st.lineAt(l);
    let t = raw;
    for (let k = 0; k < quotes; k++) t = t.replace(/^ {0,3}> ?/, '');
    // a blank line, a block that interrupts a paragraph, or a setext underline ends it
    if (isBlank(t, 0) || st.interrupts(t, 0, 0, true) || SETEXT_UNDERLINE.test(t)) return false;
    if (found(t, l, raw.length - t.length)) return true;
  }
  return false;
}

/** Whether a run of exactly n backticks closes a span on a later line of this paragraph (where: spanEndLine/Col). */
function spanCloses(st: ReaderState, line: number, n: number): boolean {
  return laterParagraphLines(st, line, (t, l, offset) => {
    for (let j = t.indexOf('`'); j >= 0; j = t.indexOf('`', j)) {
      let m = 1;
      while (code(t, j + m) === 96) m++;
      if (m === n) {
        st.spanEndLine = l;
        st.spanEndCol = st.starts[l] + offset + j + n;
        return true;
      }
      j += m;
    }
    return false;
  });
}

/** Whether an HTML open tag starting at s[i] (`<a title="…`) ends on a later line of this paragraph. */
function htmlTagCloses(st: ReaderState, s: string, i: number, to: number, line: number): boolean {
  let joined = s.slice(i, to);
  return laterParagraphLines(
    st,
    line,
    (t, l, offset) => {
      const start = joined.length + 1;
      joined += '\n' + t;
      const m = HTML_OPEN_TAG.exec(joined);
      if (!m) return false;
      if (m[0].length < start) return true; // cannot happen: it would have matched a line earlier
      st.spanEndLine = l;
      st.spanEndCol = st.starts[l] + offset + m[0].length - start;
      return true;
    },
    20,
  );
}

/** A code span at i: a run of n backticks closed by a run of exactly n. Returns where reading goes on, or -1 when the rest of the line is code. */
export function codeSpanAt(st: ReaderState, s: string, i: number, to: number, line: number, flags: number): number {
  let n = 1;
  while (code(s, i + n) === 96) n++;
  let j = i + n;
  while ((j = indexIn(s, '`', j, to)) >= 0) {
    let m = 1;
    while (code(s, j + m) === 96) m++;
    if (m === n) {
      st.skimCounted = 0;
      return j + n;
    }
    j += m;
  }
  // the span closes on a later line of this paragraph: the rest of this line is code
  if (flags & PARAGRAPH && spanCloses(st, line, n)) return -1;
  return i + n;
}

/** A backslash escape (or the escaped colon of a label). */
export function escapeAt(st: ReaderState, s: string, i: number, to: number, line: number): number {
  if (st.labelFrom >= 0 && code(s, i + 1) === 58) {
    const e = labelAt(st, s, i + 1, to, line);
    if (e >= 0) return e;
  }
  if (i + 1 < to && isAlnum(code(s, i + 1))) st.countWord();
  return i + 2;
}

/** A comment, autolink or inline HTML tag at i; -1 when the rest of the line is a comment or tag running on. */
export function angleAt(st: ReaderState, s: string, i: number, to: number, line: number, flags: number): number {
  if (s.startsWith('<!--', i)) {
    st.skimCounted = 0;
    const close = indexIn(s, '-->', i + 4, to);
    readComment(st, s, i + 4, close < 0 ? to : close, line);
    if (close < 0) {
      st.commentOpen = true;
      return -1;
    }
    return close + 3;
  }
  const gt = indexIn(s, '>', i + 1, to);
  if (gt > 0 && INLINE_TAG.test(s.slice(i, gt + 1))) {
    const autolink = code(s, i + 1) !== 47 && /^<[^\s<>]+[:@]/.test(s.slice(i, gt + 1));
    st.skimCounted = 0;
    if (autolink) st.skimWords++;
    return gt + 1;
  }
  // the tag ends on a later line of this paragraph: the rest of this line is HTML
  if (flags & PARAGRAPH && /^<[A-Za-z][A-Za-z0-9-]*\s/.test(s.slice(i, Math.min(to, i + 34)) + ' ') && htmlTagCloses(st, s, i, to, line)) return -1;
  return i + 1;
}
