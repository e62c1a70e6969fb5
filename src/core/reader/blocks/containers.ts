/** The container blocks: block quotes (`>`) and list items (`-`, `*`, `+`, `1.`, `1)`), on the state's stack. */
import { code, isBlank, isDigit, SP, TAB } from '../chars';
import { Block, type ReaderState } from '../state';
import { thematicBreak } from './thematicBreak';

/** Width of a list marker at i followed by white space or the end, or 0. */
export function listMarker(s: string, i: number): number {
  const c = code(s, i);
  let k = i;
  if (c === 45 || c === 43 || c === 42) k = i + 1;
  else if (isDigit(c)) {
    while (isDigit(code(s, k)) && k - i < 9) k++;
    const d = code(s, k);
    if (d !== 46 && d !== 41) return 0;
    k++;
  } else return 0;
  const after = code(s, k);
  return k === s.length || after === SP || after === TAB ? k - i : 0;
}

/**
 * Whether a list item starting at q (marker width m) may interrupt a paragraph. `tip`: the
 * paragraph is the innermost open block, where an empty item or an ordered one not starting at 1
 * cannot.
 */
export function listItemInterrupts(s: string, q: number, m: number, tip: boolean): boolean {
  return !tip || (!isBlank(s, q + m) && (!isDigit(code(s, q)) || /^0*1[.)]/.test(s.slice(q, q + m))));
}

/** After a `>` at q: past it and one optional space (st.pos, st.col). */
function pastQuoteMarker(st: ReaderState, s: string, q: number, col: number): void {
  st.pos = q + 1;
  st.col = col + 1;
  const c = code(s, st.pos);
  if (c === SP || c === TAB) {
    st.advance(s, st.pos, st.col, 1);
    st.pos = st.wsPos;
    st.col = st.wsCol;
  }
}

/** Step 1 of a line: how many open containers it continues (st.pos/st.col left after their markers). */
export function continueContainers(st: ReaderState, s: string): number {
  st.pos = 0;
  st.col = 0;
  let matched = 0;
  for (; matched < st.stack.length; matched++) {
    const frame = st.stack[matched];
    if (frame.quote) {
      const n = st.advance(s, st.pos, st.col);
      if (n <= 3 && code(s, st.wsPos) === 62) pastQuoteMarker(st, s, st.wsPos, st.wsCol);
      else break;
    } else {
      if (isBlank(s, st.pos)) {
        if (frame.bare) frame.indent = Infinity; // closed: nothing can continue it
        continue;
      }
      const n = st.advance(s, st.pos, st.col);
      if (n < frame.indent) break;
      frame.bare = false;
      st.advance(s, st.pos, st.col, frame.indent);
      st.pos = st.wsPos;
      st.col = st.wsCol;
    }
  }
  return matched;
}

/** Opens a list item whose marker (width `marker`) is at q, at column wsCol of the line. False: none opens. */
function openListItem(st: ReaderState, s: string, q: number, marker: number): boolean {
  const afterMarker = q + marker;
  const emptyItem = isBlank(s, afterMarker);
  // an empty item or an ordered list not starting at 1 cannot interrupt a paragraph
  if (st.block === Block.Paragraph && !listItemInterrupts(s, q, marker, true)) return false;
  st.closeParagraph();
  const markerCol = st.wsCol + marker; // markers are ASCII: columns = chars
  const col = st.col;
  let contentIndent: number;
  if (emptyItem) contentIndent = markerCol + 1 - col;
  else {
    const spaces = st.advance(s, afterMarker, markerCol);
    contentIndent = spaces >= 5 ? markerCol + 1 - col : markerCol + spaces - col;
  }
  st.stack.push({ quote: false, indent: contentIndent, bare: emptyItem });
  if (emptyItem) {
    st.pos = s.length;
    return false;
  }
  st.advance(s, afterMarker, markerCol, contentIndent - (markerCol - col));
  st.pos = st.wsPos;
  st.col = st.wsCol;
  return true;
}

/** Step 4 of a line: new block quotes and list items from st.pos. `matched`: the containers it continued. */
export function openContainers(st: ReaderState, s: string, matched: number): void {
  for (;;) {
    const n = st.advance(s, st.pos, st.col);
    if (n >= 4) return;
    const q = st.wsPos;
    if (code(s, q) === 62) {
      if (st.block === Block.Paragraph && matched < st.stack.length) return; // lazy line
      st.closeParagraph();
      st.stack.push({ quote: true, indent: 0 });
      pastQuoteMarker(st, s, q, st.wsCol);
      continue;
    }
    const marker = listMarker(s, q);
    if (marker === 0 || thematicBreak(s, q)) return;
    if (!openListItem(st, s, q, marker)) return;
  }
}
