/**
 * Text edits inside a tag that the quick fixes make, worked out on the line's text alone.
 */

const SEPARATOR_AFTER = /^(?:\s*[,;/&·]\s*|\s+and\s+)/;
const SEPARATOR_BEFORE = /(?:\s*[,;/&·]\s*|\s+and\s+)$/;

/**
 * The columns to delete to take the code at `start`..`end` out of its tag's list, with one of the
 * separators beside it: `[K5, K40, S3]` loses `K40, `; `[K5, K40]` loses `, K40`.
 */
export function removalRange(lineText: string, start: number, end: number): { start: number; end: number } {
  const after = SEPARATOR_AFTER.exec(lineText.slice(end));
  const before = SEPARATOR_BEFORE.exec(lineText.slice(0, start));
  // a separator after it, unless the code ends the list (then the one before it goes)
  if (after && (!before || /^[^\])]*[A-Z]/.test(lineText.slice(end + after[0].length)))) return { start, end: end + after[0].length };
  if (before) return { start: start - before[0].length, end };
  return { start, end };
}
