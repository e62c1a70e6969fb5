/** GFM table: a delimiter row under a one-line paragraph with pipes. Its cells are read for tags, not counted as prose. */
import { scanInline, TABLE_ROW } from '../inline/scan';
import { Block, type ReaderState } from '../state';

const TABLE_DELIMITER = /^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;

/** Whether the line at q (indent columns in) is a delimiter row that makes the open one-line paragraph a table's header. */
export function tableStart(st: ReaderState, s: string, q: number, indent: number): boolean {
  if (st.block !== Block.Paragraph || st.paraLines !== 1 || indent >= 4) return false;
  const c = s.charCodeAt(q);
  return (c === 124 || c === 58 || c === 45) && st.lineAt(st.paraLine).includes('|') && TABLE_DELIMITER.test(s.slice(q));
}

/** The header line was counted as paragraph prose: it is a table's, so its words come off. */
export function openTable(st: ReaderState): void {
  st.paraWords -= st.paraLastWords;
  st.section.words += st.paraWords;
  st.block = Block.Table;
}

/** A row of the open table, from column q of line ln. */
export function tableRow(st: ReaderState, s: string, q: number, ln: number): void {
  scanInline(st, ln, q, s.length, TABLE_ROW);
}
