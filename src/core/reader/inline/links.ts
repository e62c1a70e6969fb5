/** Links and images in prose: their destinations and reference labels are not prose, and nothing in an image is read. */
import { code, indexIn } from '../chars';
import type { ReaderState } from '../state';

/** Index of the `close` matching the `open` at i (nesting balanced, escapes skipped), or -1. */
function balancedEnd(s: string, i: number, end: number, open: number, close: number): number {
  let depth = 0;
  for (let j = i; j < end; j++) {
    const c = s.charCodeAt(j);
    if (c === 92) j++;
    else if (c === open) depth++;
    else if (c === close && --depth === 0) return j;
  }
  return -1;
}

/** End (exclusive) of a link destination `(...)` starting at i, or -1. */
export function destinationEnd(s: string, i: number, end: number): number {
  const close = balancedEnd(s, i, end, 40, 41);
  return close < 0 ? -1 : close + 1;
}

/** An image at i: not prose, nothing in it is read. */
export function imageAt(st: ReaderState, s: string, i: number, to: number): number {
  if (code(s, i + 1) === 91) {
    const close = balancedEnd(s, i + 1, to, 91, 93);
    if (close > 0 && close < to && code(s, close + 1) === 40) {
      const e = destinationEnd(s, close + 1, to);
      if (e > 0) {
        st.skimCounted = 0;
        return e;
      }
    }
  }
  return i + 1;
}

/** `]` at i: a link's destination or reference label is not prose. */
export function closeBracketAt(st: ReaderState, s: string, i: number, to: number): number {
  if (code(s, i + 1) === 40) {
    const e = destinationEnd(s, i + 1, to);
    if (e > 0) {
      st.skimCounted = 0;
      return e;
    }
  } else if (code(s, i + 1) === 91) {
    const close = indexIn(s, ']', i + 2, to);
    if (close > 0) {
      st.skimCounted = 0;
      return close + 1;
    }
  }
  return i + 1;
}
