/**
 * Tag form 6 (v2), the KSB list item: a paragraph line or list item that starts with one code
 * (bold or not, optionally with a bracketed name) and `:` — `K8: Understood how…`,
 * `- **K7:** Design patterns…` — when the list is about KSBs. A quotation of the standard's own
 * text for the code, or an empty item, is no claim: no tag, and no bare-code hint on the line.
 */
import { isBlank } from '../chars';
import { codeLength, readCodes } from '../grammar';
import type { ReaderState } from '../state';
import { textOfCode } from '../../standard';
import { dropBareCodes } from './label';

/** A line that is such an item, whatever its containers (for finding the run's introducing line). */
const ITEM_LINE = /^\s*(?:>\s*)*(?:(?:[-*+]|\d{1,9}[.)])\s+)?(?:>\s*)*[*_]{0,3}[A-Z]+\d+(?:\.\d+)*[*_]{0,3}[ \t]*(?:[([][^()[\]]*[)\]][ \t]*)?[*_]{0,3}:/;
/** Text that says a list is about KSBs: the word KSB(s), or Knowledge, Skill(s) and Behaviour(s) in that order. */
const ABOUT_KSBS = /(?<![\p{L}\p{N}])ksbs?(?![\p{L}\p{N}])|knowledge\s*(?:,|\band\b)\s*skills?\s*(?:,\s*(?:and\s+)?|\s+and\s+)behaviou?rs?(?![\p{L}\p{N}])/iu;

/**
 * Whether a KSB list item on `line` would be in a list about KSBs: the section's heading, or the
 * run's introducing line (the nearest non-blank line above that is no item), says so.
 */
export function listIsAboutKsbs(heading: string, lineAt: (n: number) => string, line: number): boolean {
  if (ABOUT_KSBS.test(heading)) return true;
  for (let l = line - 1; l >= 0; l--) {
    const t = lineAt(l);
    if (isBlank(t, 0) || ITEM_LINE.test(t)) continue;
    return ABOUT_KSBS.test(t);
  }
  return false;
}

const words = (t: string) => t.toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter(Boolean);

/** The text after the colon begins with the standard's own text for the code (its first five words, case and punctuation aside). */
function quotesStandard(st: ReaderState, code: string, rest: string): boolean {
  const text = textOfCode(st.grammar.standard, code);
  if (text === undefined) return false;
  const own = words(text).slice(0, 5);
  const written = words(rest);
  return own.length > 0 && own.every((w, k) => written[k] === w);
}

/**
 * At the first colon of a paragraph line whose item would start at `from`: a KSB list item's tag.
 * Returns where reading goes on (after the colon), or -1 when this is no item.
 */
export function listItemAt(st: ReaderState, s: string, from: number, colon: number, to: number, line: number): number {
  const item = st.grammar.listItem;
  item.lastIndex = from;
  const m = item.exec(s);
  if (!m || item.lastIndex !== colon + 1) return -1;
  const codeStart = from + m[0].indexOf(m[1]);
  const codeEnd = codeStart + m[1].length;
  if (codeLength(st.grammar, s, codeStart, to) !== m[1].length || !listIsAboutKsbs(st.section.heading, (n) => st.lineAt(n), line)) return -1;
  let after = colon + 1;
  while (after < to && (s.charCodeAt(after) === 42 || s.charCodeAt(after) === 95)) after++;
  const rest = s.slice(after, to);
  if (isBlank(rest, 0) || quotesStandard(st, m[1], rest)) {
    st.quoteLine = line;
    dropBareCodes(st, line, from - st.base);
    return -1;
  }
  readCodes(st.grammar, st.refs, s, codeStart, codeEnd, line, st.base, 0);
  st.addTag('list', line, from, codeEnd);
  dropBareCodes(st, line, from - st.base);
  // the item's code and name are not prose
  st.skimWords = st.labelWords;
  st.skimCounted = 0;
  return after;
}
