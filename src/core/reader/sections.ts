/** Sections after reading: heading text, excluded headings, tagged and untagged. */
import { headingBudget } from '../budgets';
import { wordsIn } from './skim';
import type { Section, Tag } from './types';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Block-quote and list-item markers at the start of a line. */
const CONTAINER_PREFIX = /^\s*(?:>\s*)*(?:(?:[-*+]|\d{1,9}[.)])\s+)?(?:>\s*)*/;

/** After an optional section number (6, 6.2, A., A.1) the heading starts with an excluded word. */
export function excludedHeadingPattern(excluded: readonly string[]): RegExp {
  return excluded.length
    ? new RegExp(
        `^(?:(?:\\d+(?:\\.\\d+)*|[A-Za-z](?:\\.\\d+)*)[.):]?\\s+)?(?:${excluded.map((w) => escapeRegExp(w.trim()).replace(/\s+/g, '\\s+')).join('|')})(?![\\p{L}\\p{N}])`,
        'iu',
      )
    : /(?!)/;
}

/** Whether a heading as written starts with an excluded word (the pattern of excludedHeadingPattern), markup aside. */
export function isExcludedHeading(excludedRe: RegExp, heading: string): boolean {
  return excludedRe.test(plainHeading(heading));
}

/** A heading's text as rendered, for the excluded-heading test: `**References**` and `[Appendix](#a)` are References and Appendix. */
function plainHeading(heading: string): string {
  if (!/[*_`[]/.test(heading)) return heading;
  return heading.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_`]+/g, '').trim();
}

/** A heading's text from its line without tags: comments dropped, white space collapsed. */
export function cleanHeading(out: string): string {
  if (out.includes('<!--')) out = out.replace(/<!--.*?-->/g, '');
  if (out.includes('  ') || out.includes('\t')) out = out.replace(/\s+/g, ' ');
  return out.trim();
}

/** A setext heading's text from its lines without tags (block-quote and list markers dropped). */
export function setextHeadingText(lines: readonly string[]): string {
  let text = '';
  for (const line of lines) text += ' ' + cleanHeading(line).replace(CONTAINER_PREFIX, '');
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * A copy of a string that does not keep the document alive: a slice of a line is a view into the
 * whole file's text, and a heading kept in an index would hold every file's text in memory.
 */
export function detach(s: string): string {
  // a slice of a concatenation is a slice of a fresh flat copy (short strings are copies already)
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** Sections: tagged, excluded, untagged. Returns the document's prose words. */
export function finishSections(sections: Section[], tags: readonly Pick<Tag, 'section'>[], fileTagged: boolean, ignoreFile: boolean, excluded: { test(heading: string): boolean }, minWords: number): number {
  for (let k = 0; k < tags.length; k++) sections[tags[k].section].tagged = true;
  let excludedLevel = Infinity;
  let words = 0;
  for (let k = 0; k < sections.length; k++) {
    const s = sections[k];
    if (s.level > 0 && s.level <= excludedLevel) excludedLevel = Infinity;
    if (excludedLevel === Infinity && s.level > 0 && excluded.test(s.heading)) excludedLevel = s.level;
    s.excluded = excludedLevel !== Infinity;
    if (fileTagged) s.tagged = true;
    if (ignoreFile) s.ignored = true;
    s.untagged = !s.tagged && !s.excluded && !s.ignored && s.words >= minWords;
    // a budget marker, `(350 words)`, plans the section: it is not part of the writing
    const budget = s.level > 0 ? headingBudget(s.heading) : undefined;
    if (budget) s.headingWords = Math.max(0, s.headingWords - wordsIn(s.heading.slice(budget.start, budget.end)));
    if (!s.excluded) words += s.words + s.headingWords;
  }
  return words;
}
