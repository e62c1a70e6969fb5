/** Paragraph text: prose, read for tags and bare codes and counted. A link reference definition is not prose. */
import { LABEL_AT_START, PARAGRAPH, scanInline } from '../inline/scan';
import { Block, type ReaderState } from '../state';

/** A whole-line link reference definition (`[id]: https://… "title"`): not rendered, not prose. */
const LINK_REFERENCE_DEFINITION = /^ {0,3}\[(?:[^\]\\]|\\.)+\]:[ \t]*(?:<[^>]*>|\S+)(?:[ \t]+(?:"[^"]*"|'[^']*'|\([^)]*\)))?[ \t]*$/;

/** Whether a link reference definition starts at p (only where no paragraph is open). */
export function linkReferenceDefinition(st: ReaderState, s: string, p: number, q: number): boolean {
  return st.block === Block.None && s.charCodeAt(q) === 91 && LINK_REFERENCE_DEFINITION.test(s.slice(p));
}

/** Paragraph text from column q of line ln (to column `length`): opens a paragraph or continues it. */
export function paragraphText(st: ReaderState, ln: number, q: number, length: number): void {
  if (st.block !== Block.Paragraph) {
    st.block = Block.Paragraph;
    st.paraLine = ln;
    st.paraWords = 0;
    st.paraTags = st.tags.length;
    st.paraUnknown = st.unknown.length;
    st.paraBare = st.bareCodes.length;
    st.paraLines = 0;
  }
  st.paraLastWords = scanInline(st, ln, q, length, LABEL_AT_START | PARAGRAPH);
  st.paraWords += st.paraLastWords;
  st.paraLines++;
}
