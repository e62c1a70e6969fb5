/**
 * When completion offers KSB codes. A bracket in prose is usually prose, `(see below)`, so there
 * the list waits for a code letter; where a tag is plainly being written (the end of a heading,
 * after a `KSBs:` label, after a separator inside a tag, a `<!-- KSB:` comment, front-matter
 * `ksbs:`) it comes at once, and a word typed there searches the KSBs' texts (`[stakeholder`).
 */
import type { TagContext } from './query';

export interface CompletionPlace {
  /** Start and end (UTF-16 columns) of what the chosen code replaces. */
  start: number;
  end: number;
  /** What is typed there so far: part of a code, a topic word, or nothing. */
  typed: string;
  /** A tag is plainly being written: the list comes at once and matches the KSBs' texts too. */
  plain: boolean;
  /** Codes already written in this tag. */
  written: string[];
}

/** Where a tag is being typed (query.ts's tagContextAt with the document's front-matter state). */
export type TagContextAt = (linePrefix: string) => TagContext | undefined;

/** An ATX heading's text up to here, and nothing after the cursor but a closing bracket or `#`s. */
const HEADING_SO_FAR = /^ {0,3}#{1,6}[ \t]+\S/;
const REST_OF_HEADING = /^[\])]?[ \t]*(?:#+[ \t]*)?$/;
const LABEL_IN_BRACKET = /^[[(]\s*ksbs?\s*:?/i;
/** After the cursor, the rest of a tag: codes and separators up to the closing bracket (`K9]`, `, S3)`). */
const REST_OF_TAG = /^(?:\s*(?:[,;/&·]|\band\b)?\s*[A-Z]+\d+(?:\.\d+)*)+\s*[\])]/;

/** Whether the tag the context describes is plainly a tag, not a bracket in prose. */
function isPlainTag(linePrefix: string, lineSuffix: string, context: TagContext): boolean {
  if (context.form !== 'bracket') return true;
  if (context.written.length > 0) return true;
  const before = linePrefix.slice(0, context.start);
  const open = Math.max(before.lastIndexOf('['), before.lastIndexOf('('));
  if (open < 0) return false;
  if (LABEL_IN_BRACKET.test(before.slice(open)) || REST_OF_TAG.test(lineSuffix)) return true;
  // `## Results (` opens a word budget as often as a tag: only `[` ends a heading as a tag
  return before[open] === '[' && HEADING_SO_FAR.test(before.slice(0, open)) && REST_OF_HEADING.test(lineSuffix);
}

/** `K`, `K2`, `S1.`: the start of a code of one of the standard's letters. */
function looksLikeCode(typed: string, codeLetters: readonly string[]): boolean {
  const m = /^([A-Z]+)\d*(?:\.\d*)*$/.exec(typed);
  return m !== null && codeLetters.some((letters) => letters.startsWith(m[1]));
}

/**
 * What completion should offer at the end of `linePrefix` (the line before the cursor;
 * `lineSuffix` is the rest): undefined for nothing, such as a bare bracket in prose.
 */
export function completionPlace(linePrefix: string, lineSuffix: string, contextAt: TagContextAt, codeLetters: readonly string[]): CompletionPlace | undefined {
  const context = contextAt(linePrefix);
  if (context) {
    const plain = isPlainTag(linePrefix, lineSuffix, context);
    if (!plain && !looksLikeCode(context.typed, codeLetters)) return undefined;
    return { start: context.start, end: context.end, typed: context.typed, plain, written: context.written };
  }
  // a topic word where a tag is plainly being written: `## Data [stake`, `KSBs: K5, monitor`
  const word = /[A-Za-z][A-Za-z-]*$/.exec(linePrefix);
  if (!word) return undefined;
  const before = linePrefix.slice(0, word.index);
  const at = contextAt(before);
  if (!at || at.typed !== '' || !isPlainTag(before, lineSuffix, at)) return undefined;
  return { start: word.index, end: linePrefix.length, typed: word[0], plain: true, written: at.written };
}

/** Words too common to search a KSB's text by. */
const STOP = new Set('a an and are as at be by for from how in into is it its of on or such that the their them these this to with within'.split(' '));

/**
 * The words a KSB is found by: its code first (typing a code still finds it first), then its
 * text's words, each once, lower case, common words left out (VS Code matches only the first
 * 128 characters of it).
 */
export function searchText(code: string, text: string): string {
  const words = text.toLowerCase().match(/[a-z0-9][a-z0-9-]*/g) ?? [];
  return [code, ...new Set(words.filter((w) => !STOP.has(w)))].join(' ');
}
