/** Tag form 1, the bracket group: `[K5]`, `[K5, S3]`, `(K5; S3 & B1)`, `[KSBs: K5, S3]`, `(S1-S4)`. */
import { code, indexIn } from '../chars';
import { readCodes, STRICT } from '../grammar';
import { destinationEnd } from '../inline/links';
import type { ReaderState } from '../state';

/** Index of the bracket closing the one at i on this line, or -1 (another bracket, a backtick or a comment first). */
function closeOf(s: string, i: number, end: number, close: number): number {
  for (let j = i + 1; j < end; j++) {
    const c = s.charCodeAt(j);
    if (c === close) return j;
    if (c === 91 || c === 40 || c === 93 || c === 41 || c === 96 || c === 10) return -1;
    if (c === 60 && s.startsWith('<!--', j)) return -1; // a comment opens inside: no group closes here
  }
  return -1;
}

/** `[` or `(` at i: a footnote reference, or a bracket tag (which may be a link's text). Returns where reading goes on. */
export function bracketAt(st: ReaderState, s: string, i: number, to: number, line: number, c: number): number {
  if (c === 91 && code(s, i + 1) === 94) {
    // footnote reference [^1]: a marker, not a word
    const close = indexIn(s, ']', i, to);
    if (close > 0) {
      st.skimCounted = 0;
      return close + 1;
    }
  }
  const close = closeOf(s, i, to, c === 91 ? 93 : 41);
  if (close > 0 && st.grammar.prefixFirst.size > 0) {
    const e = readCodes(st.grammar, st.refs, s, i + 1, close, line, st.base, STRICT);
    if (e >= 0) {
      st.skimCounted = 0;
      st.addTag('bracket', line, i, close + 1);
      // `[K5](#k5)`: the tag is link text; its destination is not read
      if (c === 91 && code(s, close + 1) === 40) {
        const d = destinationEnd(s, close + 1, to);
        if (d > 0) return d;
      }
      return close + 1;
    }
  }
  return i + 1;
}
