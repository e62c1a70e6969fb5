/** Thematic break (`---`, `***`, `___`): ends a paragraph, holds no prose. */
import { code } from '../chars';

/** Whether a thematic break starts at i (after its indentation). It may always interrupt a paragraph. */
export function thematicBreak(s: string, i: number): boolean {
  const c = code(s, i);
  if (c !== 42 && c !== 45 && c !== 95) return false;
  let n = 0;
  for (let k = i; k < s.length; k++) {
    const d = s.charCodeAt(k);
    if (d === c) n++;
    else if (d !== 32 && d !== 9) return false;
  }
  return n >= 3;
}
