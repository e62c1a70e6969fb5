/**
 * Whether a block that can interrupt a paragraph starts at p (so the line is no lazy continuation
 * and ends a paragraph): asked of each construct's own start test.
 */
import { code, SP, TAB } from '../chars';
import { atxStart } from './atxHeading';
import { listItemInterrupts, listMarker } from './containers';
import { fenceStart } from './fence';
import { htmlStart } from './html';
import { thematicBreak } from './thematicBreak';

/** `tip`: the paragraph is the innermost open block (an empty or `2.` list item cannot interrupt it then). */
export function interrupts(s: string, p: number, col: number, tip: boolean): boolean {
  let c0 = col;
  let q = p;
  while (q < s.length && (s.charCodeAt(q) === SP || s.charCodeAt(q) === TAB)) {
    c0 += s.charCodeAt(q) === TAB ? 4 - (c0 % 4) : 1;
    q++;
  }
  if (c0 - col >= 4) return false;
  const c = code(s, q);
  if (c === 62) return true; // block quote
  if (atxStart(s, q) > 0 || fenceStart(s, q) > 0 || thematicBreak(s, q)) return true;
  const m = listMarker(s, q);
  if (m > 0 && listItemInterrupts(s, q, m, tip)) return true;
  return htmlStart(s, q, true) !== undefined;
}
