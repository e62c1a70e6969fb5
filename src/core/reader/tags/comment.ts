/** Tag form 3, the comment: `<!-- KSB: K5, S3 -->`; and the ignore markers `<!-- ksb-ignore(-file) -->`. */
import { COMMENT_LABEL, readCodes } from '../grammar';
import type { ReaderState } from '../state';

/** The text of one comment (or one line of a multi-line comment) in s[from, to): a tag or an ignore marker. */
export function readComment(st: ReaderState, s: string, from: number, to: number, line: number): void {
  const body = s.slice(from, to).trim().toLowerCase();
  if (body === 'ksb-ignore') {
    st.section.ignored = true;
    return;
  }
  if (body === 'ksb-ignore-file') {
    st.ignoreFile = true;
    return;
  }
  const m = COMMENT_LABEL.exec(s.slice(from, to));
  if (!m) return;
  const end = readCodes(st.grammar, st.refs, s, from + m[0].length, to, line, st.base, 0);
  if (end >= 0) st.addTag('comment', line, from, end);
}

/** Reads the comments of a line s (its own string) from `from`, inside an HTML block: nothing else there is read. */
export function readHtmlLine(st: ReaderState, s: string, from: number, line: number): void {
  st.base = 0;
  let i = from;
  while (i < s.length) {
    if (st.commentOpen) {
      const close = s.indexOf('-->', i);
      readComment(st, s, i, close < 0 ? s.length : close, line);
      if (close < 0) return;
      st.commentOpen = false;
      i = close + 3;
    }
    const open = s.indexOf('<!--', i);
    if (open < 0) return;
    st.commentOpen = true;
    i = open + 4;
  }
}
