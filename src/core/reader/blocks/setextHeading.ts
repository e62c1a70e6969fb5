/** Setext heading: a `===` or `---` underline turns the open paragraph into a heading. */
import { code, isBlank } from '../chars';
import { setextHeadingText } from '../sections';
import { Block, type ReaderState } from '../state';
import { readHeadingList } from '../tags/headingList';

/** The level of a setext underline at q (after indentation), or 0: only under an open paragraph whose containers all continue. */
export function setextStart(st: ReaderState, s: string, q: number, allContainers: boolean): number {
  const c = code(s, q);
  if (st.block !== Block.Paragraph || (c !== 61 && c !== 45) || !allContainers) return 0;
  let k = q;
  while (code(s, k) === c) k++;
  return isBlank(s, k) ? (c === 61 ? 1 : 2) : 0;
}

/** The open paragraph, ended by a setext underline at line ln, becomes a heading. */
export function readSetextHeading(st: ReaderState, ln: number, level: number): void {
  const prev = st.section;
  prev.endLine = Math.max(prev.line, st.paraLine - 1);
  st.headings++;
  // a code list ending (or starting) its last line
  const last = st.lineAt(ln - 1);
  const listWords = readHeadingList(st, last, 0, last.length, ln - 1, st.paraTags);
  // the heading text: the paragraph's lines without their tags (built only now, when needed)
  const lines: string[] = [];
  for (let l = st.paraLine; l < ln; l++) {
    const raw = st.lineAt(l);
    lines.push(st.withoutTags(raw, 0, raw.length, l, st.paraTags));
  }
  const s = st.newSection(setextHeadingText(lines), level, st.paraLine);
  s.headingWords = st.paraWords - listWords;
  const index = st.sectionIndex;
  for (let t = st.paraTags; t < st.tags.length; t++) st.tags[t].section = index;
  for (let t = st.paraUnknown; t < st.unknown.length; t++) st.unknown[t].section = index;
  for (let t = st.paraBare; t < st.bareCodes.length; t++) st.bareCodes[t].section = index;
  st.block = Block.None;
  st.paraLine = -1;
}
