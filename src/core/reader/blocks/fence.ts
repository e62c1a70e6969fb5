/** Fenced code: from a ``` or ~~~ line to its closing fence; nothing inside is read. */
import { code, isBlank } from '../chars';
import { Block, type ReaderState } from '../state';

/** Length of the fence opening at q (after indentation), or 0. A fence may always interrupt a paragraph. */
export function fenceStart(s: string, q: number): number {
  const c = code(s, q);
  if (c !== 96 && c !== 126) return 0;
  let k = q;
  while (code(s, k) === c) k++;
  return k - q >= 3 && (c === 126 || s.indexOf('`', k) < 0) ? k - q : 0;
}

/** Opens the fence starting at q. */
export function openFence(st: ReaderState, s: string, q: number, length: number): void {
  st.closeParagraph();
  st.block = Block.Fence;
  st.blockDepth = st.stack.length;
  st.fenceChar = code(s, q);
  st.fenceLength = length;
}

/** A line inside the fence (its containers continued, at st.pos): it may close it. */
export function fenceLine(st: ReaderState, s: string): void {
  const n = st.advance(s, st.pos, st.col);
  const q = st.wsPos;
  if (n <= 3 && code(s, q) === st.fenceChar) {
    let k = q;
    while (code(s, k) === st.fenceChar) k++;
    if (k - q >= st.fenceLength && isBlank(s, k)) st.block = Block.None;
  }
}
