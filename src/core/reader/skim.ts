/**
 * The prose skimmer: most of a document is plain prose, and this small loop over the whole text
 * by offset is where a CLI run spends its time. It counts words and stops where the inline reader
 * must look (charClassesFor in chars.ts says where).
 */
import { CH_PREFIX, CH_STOP, code, isAlnum, isDigit, wideClass } from './chars';
import type { ReaderState } from './state';

/**
 * Counts the words of plain prose from i into the state and returns where it stopped: at `to` or
 * at a character the inline reader must look at. A word is a run without white space holding a
 * letter or digit; it is counted at its first letter or digit.
 */
export function skim(st: ReaderState, s: string, i: number, to: number): number {
  const classes = st.classes.charClass;
  const codeNeedsDigit = st.classes.codeNeedsDigit;
  let words = 0;
  let counted = st.skimCounted;
  for (; i < to; i++) {
    const c = s.charCodeAt(i);
    const k = c < 128 ? classes[c] : wideClass(c);
    if (k >= CH_STOP) {
      // a capital that may begin a code (K5) stops here unless it is inside a word
      if (k === CH_PREFIX && ((codeNeedsDigit && !isDigit(code(s, i + 1))) || (i > 0 && isAlnum(code(s, i - 1))))) {
        words += 1 - counted;
        counted = 1;
        continue;
      }
      break;
    }
    words += k & ~counted & 1;
    counted = (counted | k) & ~(k >> 1) & 1;
  }
  st.skimWords += words;
  st.skimCounted = counted;
  return i;
}

/** The words of a plain string by skim's rule (a run without white space holding a letter or digit). */
export function wordsIn(text: string): number {
  return text.split(/\s+/).filter((run) => /[\p{L}\p{N}]/u.test(run)).length;
}
