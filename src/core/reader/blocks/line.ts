/**
 * One line of the body, by CommonMark's steps: which open containers it continues, the fence or
 * HTML block it is inside, lazy continuation, new containers, then the leaf block that starts
 * there (each construct's module answers whether it starts).
 */
import { isBlank } from '../chars';
import { Block, type ReaderState } from '../state';
import { atxStart, readAtxHeading } from './atxHeading';
import { continueContainers, openContainers } from './containers';
import { fenceLine, fenceStart, openFence } from './fence';
import { htmlLine, htmlStart, openHtml } from './html';
import { interrupts } from './interrupts';
import { linkReferenceDefinition, paragraphText } from './paragraph';
import { readSetextHeading, setextStart } from './setextHeading';
import { openTable, tableRow, tableStart } from './table';
import { thematicBreak } from './thematicBreak';

/** One line of the body. */
export function readLine(st: ReaderState, ln: number): void {
  // Most lines are blank or paragraph text starting with a letter, outside any container, fence,
  // HTML block or table: no block can start there, so the steps are skipped.
  if (st.stack.length === 0 && st.block !== Block.Fence && st.block !== Block.Html) {
    const start = st.starts[ln];
    const end = st.ends[ln];
    if (start === end) {
      st.closeParagraph();
      return;
    }
    const c = st.text.charCodeAt(start);
    if (st.block !== Block.Table && (c >= 128 || ((c | 32) >= 97 && (c | 32) <= 122))) {
      paragraphText(st, ln, 0, end - start);
      return;
    }
  }
  readBlockLine(st, ln, st.lineAt(ln));
}

/** A line that may continue or open containers or start a block. */
function readBlockLine(st: ReaderState, ln: number, s: string): void {
  const matched = continueContainers(st, s);
  // inside a fence or HTML block whose containers all continue: code / HTML, never prose
  if ((st.block === Block.Fence || st.block === Block.Html) && matched >= st.blockDepth) {
    if (st.block === Block.Fence) fenceLine(st, s);
    else htmlLine(st, s, ln);
    return;
  }
  if (matched < st.stack.length) {
    // not every container continues: a lazy paragraph line, or they close (the paragraph is not
    // the innermost open block here, so even an empty or `2.` list item starts a list)
    const lazy = st.block === Block.Paragraph && !isBlank(s, st.pos) && !interrupts(s, st.pos, st.col, false);
    if (!lazy) {
      if (st.block === Block.Fence || st.block === Block.Html) {
        st.block = Block.None;
        st.commentOpen = false;
      }
      st.closeParagraph();
      st.stack.length = matched;
    }
  }
  if (st.block === Block.Fence || st.block === Block.Html) st.block = Block.None; // their container closed above
  openContainers(st, s, matched);
  readLeaf(st, ln, s, matched === st.stack.length);
}

/** The leaf block at st.pos. `allContainers`: the line continued every open container. */
function readLeaf(st: ReaderState, ln: number, s: string, allContainers: boolean): void {
  const p = st.pos;
  if (isBlank(s, p)) {
    st.closeParagraph();
    return;
  }
  const indent = st.advance(s, p, st.col);
  const q = st.wsPos;
  if (indent >= 4) {
    if (st.block !== Block.Paragraph) {
      st.closeParagraph(); // indented code (a table ends here too)
      return;
    }
  } else if (leafBlockStarts(st, ln, s, q, allContainers)) return;
  if (tableStart(st, s, q, indent)) openTable(st);
  else if (st.block === Block.Table) tableRow(st, s, q, ln);
  else if (!linkReferenceDefinition(st, s, p, q)) paragraphText(st, ln, q, s.length);
}

/** A fence, ATX heading, setext underline, thematic break or HTML block at q: read it and say true. */
function leafBlockStarts(st: ReaderState, ln: number, s: string, q: number, allContainers: boolean): boolean {
  const fence = fenceStart(s, q);
  if (fence > 0) {
    openFence(st, s, q, fence);
    return true;
  }
  const level = atxStart(s, q);
  if (level > 0) {
    readAtxHeading(st, s, q, ln, level);
    return true;
  }
  const setext = setextStart(st, s, q, allContainers);
  if (setext > 0) {
    readSetextHeading(st, ln, setext);
    return true;
  }
  if (thematicBreak(s, q)) {
    st.closeParagraph();
    return true;
  }
  const html = htmlStart(s, q, st.block === Block.Paragraph);
  if (html !== undefined) {
    openHtml(st, s, q, ln, html);
    return true;
  }
  return false;
}
