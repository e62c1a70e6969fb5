/** ATX heading (`#` to `######`): a section starts; its text is read for tags and counted as heading words. */
import { code, SP, TAB } from '../chars';
import { LABEL_AT_START, scanInline } from '../inline/scan';
import { cleanHeading, detach } from '../sections';
import type { ReaderState } from '../state';
import { readHeadingList } from '../tags/headingList';

/** The level of an ATX heading opening at q (after indentation), or 0. A heading may always interrupt a paragraph. */
export function atxStart(s: string, q: number): number {
  let k = q;
  while (code(s, k) === 35) k++;
  const level = k - q;
  return level >= 1 && level <= 6 && (k === s.length || code(s, k) === SP || code(s, k) === TAB) ? level : 0;
}

/** Reads the ATX heading of `level` opening at q of line ln. */
export function readAtxHeading(st: ReaderState, s: string, q: number, ln: number, level: number): void {
  st.closeParagraph();
  const k = q + level;
  let end = s.length;
  while (end > k && (code(s, end - 1) === SP || code(s, end - 1) === TAB)) end--;
  let h = end;
  while (h > k && code(s, h - 1) === 35) h--;
  if (h === k || code(s, h - 1) === SP || code(s, h - 1) === TAB) end = h; // closing #s
  const tagsBefore = st.tags.length;
  const section = st.startHeading(level, '', ln);
  const words = scanInline(st, ln, k, end, LABEL_AT_START);
  st.commentOpen = false;
  const listWords = readHeadingList(st, s, k, end, ln, tagsBefore);
  section.heading = detach(cleanHeading(st.withoutTags(s, k, end, ln, tagsBefore)));
  section.headingWords = words - listWords;
}
