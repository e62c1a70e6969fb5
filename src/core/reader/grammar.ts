/**
 * The code-list grammar every tag form reads (tagging spec, "What counts as a tag"): codes,
 * ranges, separators and the KSB label. The reader reads code lists with readCodes(); the
 * editor's completion (query.ts) and the TextMate grammar (scripts/tm-grammar.mjs) are built
 * from the patterns below, so the three read one grammar.
 */
import { expandRange, isCodeOf, type Standard } from '../standard';
import { code, isAlnum, isDigit, NBSP, SP, TAB } from './chars';
import type { CodeMention, CodeRef, Tag, TagForm } from './types';

/** A code of any standard, as a pattern: letters, a number, optional `.number` parts. */
export const CODE_PATTERN = String.raw`[A-Z]+\d+(?:\.\d+)*`;
/** A code or a range of codes of one letter: `S1-S4`, `S1–S4`, `S1 - 4`. */
export const RANGE_PATTERN = String.raw`${CODE_PATTERN}(?:\s*[-–]\s*(?:[A-Z]+)?\d+(?:\.\d+)*)?`;
/** RANGE_PATTERN for the codes of a standard with these prefixes: both ends of a range of one prefix. */
export function rangePatternOf(prefixes: readonly string[]): string {
  const escaped = prefixes.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return `(?:${escaped.map((p) => String.raw`${p}\d+(?:\.\d+)*(?:\s*[-–]\s*(?:${p})?\d+(?:\.\d+)*)?`).join('|')})(?![A-Za-z0-9])`;
}
/** What joins the codes of a list: `,` `;` `/` `&` `and` `·`, white space. */
export const SEPARATOR_PATTERN = String.raw`(?:\s*(?:[,;/&·]|\band\b)\s*|\s+)`;
/** A bracketed aside after a code (`K2 (Version control)`, `K9 [data prep]`), in label and heading lists. */
export const ASIDE_PATTERN = String.raw`(?:\s*(?:\([^()\[\]\x60<]*\)|\[[^()\[\]\x60<]*\]))`;
/** The grade words a bracket group may hold, in any case (without inline flags). */
export const GRADE_PATTERN = `(?:${['pass', 'merit', 'distinction'].map((w) => [...w].map((ch) => `[${ch.toUpperCase()}${ch}]`).join('')).join('|')})(?![A-Za-z0-9]):?`;
/** The characters of a label's words (no white space, colon, emphasis, pipe, brackets, backtick). */
export const LABEL_WORD_PATTERN = String.raw`[^\s:*_|\[\]()<>\x60·]+`;
/** The KSB word a label, a bracket group's head or a comment names. */
export const KSB_WORD_PATTERN = 'ksbs?';
/** KSB_WORD_PATTERN in any case, for patterns that are otherwise case-sensitive. */
export const KSB_WORD_ANY_CASE = '[Kk][Ss][Bb][Ss]?';
/**
 * The word that makes a label a label: KSB or KSBs, or (beyond the spec's letter, as apprentices
 * write `**Duties:** D1 · **KSBs:** K14`) Duty or Duties.
 */
export const LABEL_KEYWORD_PATTERN = '(?:ksbs?|duty|duties)';
export const LABEL_KEYWORD_ANY_CASE = '(?:[Kk][Ss][Bb][Ss]?|[Dd][Uu][Tt](?:[Yy]|[Ii][Ee][Ss]))';

/** Separator characters of a code list: white space , ; / & · (emphasis marks around codes are skipped too). */
function isSeparator(c: number): boolean {
  return c === SP || c === TAB || c === 44 || c === 59 || c === 47 || c === 38 || c === 42 || c === 95 || c === NBSP || c === 0xb7;
}
/** The grade words a bracket group may hold (any case, optionally followed by `:`). */
const GRADE_WORD = /^(?:pass|merit|distinction)(?![\p{L}\p{N}]):?/iu;
/** Dashes that open a dash description or join a heading's code list to its text. */
const isDash = (c: number) => c === 45 || c === 0x2013 || c === 0x2014;

/** How readCodes reads: STRICT inside brackets (grade words, a dash description); ASIDES after codes. */
export const STRICT = 1, ASIDES = 2;

/** A short label (at most four words, optionally bold or italic) ending in `:`; group 1 its words. */
export const LABEL_PATTERN = String.raw`[ \t]*(?:[*_]{1,3}[ \t]*)?((?:${LABEL_WORD_PATTERN}[ \t]+){0,3}${LABEL_WORD_PATTERN})[ \t]*(?:[*_]{1,3})?[ \t]*:[ \t]*(?:[*_]{1,3}(?![*_]))?`;
/** Block-quote and list-item markers, a table's pipe and a heading's `#`s before a label at the start of a line. */
export const LINE_START_PATTERN = String.raw`^\s*(?:(?:[-*+]|\d{1,9}[.)])\s+|>\s*|\|\s*|#{1,6}[ \t]+)*`;
/** One of a label's words is KSB or KSBs (or Duty, Duties). */
export const LABEL_WORD = new RegExp(String.raw`(?:^|\s)${LABEL_KEYWORD_PATTERN}(?:\s|$)`, 'i');
/** From a label's start: a colon within 80 characters on the line, and "ksb" or "dut" before it (a quick test before the label). */
const KSB_BEFORE_COLON = String.raw`(?=[^:\r\n]{0,80}:)[^:\r\n]*?(?:ksb|dut)`;
/** A KSB list item's head from its start: the code (group 1), a bracketed name, the colon. */
export const LIST_ITEM_PATTERN = String.raw`[*_]{0,3}([A-Z]+\d+(?:\.\d+)*)[*_]{0,3}[ \t]*(?:[([][^()[\]]*[)\]][ \t]*)?[*_]{0,3}:`;
/** A comment's label: `<!-- KSB: … -->`, `<!-- ksbs … -->`. */
export const COMMENT_LABEL = new RegExp(String.raw`^\s*${KSB_WORD_PATTERN}\b[ \t]*:?`, 'i');
/** The optional leading label inside brackets: `[KSBs: K5]`. */
const BRACKET_LABEL = new RegExp(`^${KSB_WORD_PATTERN}:?`, 'i');

/** What the reader needs of a standard to read codes: built once per standard. */
export interface Grammar {
  readonly standard: Standard;
  /** Prefixes of every code a tag may name (KSBs' and duties'), longest first. */
  readonly prefixes: readonly string[];
  /** First character codes of the prefixes. */
  readonly prefixFirst: ReadonlySet<number>;
  /** Sticky patterns, each set to a position before use: the label, its quick test, a KSB list item's head. */
  readonly label: RegExp;
  readonly ksbBeforeColon: RegExp;
  readonly listItem: RegExp;
}

export function grammarOf(standard: Standard): Grammar {
  const prefixes = standard.codePrefixes;
  return {
    standard,
    prefixes,
    prefixFirst: new Set(prefixes.map((p) => p.charCodeAt(0))),
    label: new RegExp(LABEL_PATTERN, 'y'),
    ksbBeforeColon: new RegExp(KSB_BEFORE_COLON, 'iy'),
    listItem: new RegExp(LIST_ITEM_PATTERN, 'y'),
  };
}

/** Length of a code-shaped token at i (a prefix of the standard, digits, `.digits`), or 0. */
export function codeLength(g: Grammar, s: string, i: number, end: number): number {
  if (!g.prefixFirst.has(code(s, i))) return 0;
  for (const p of g.prefixes) {
    if (!s.startsWith(p, i)) continue;
    let j = i + p.length;
    if (j >= end || !isDigit(code(s, j))) continue;
    while (j < end && isDigit(s.charCodeAt(j))) j++;
    while (j + 1 < end && s.charCodeAt(j) === 46 && isDigit(s.charCodeAt(j + 1))) {
      j += 2;
      while (j < end && isDigit(s.charCodeAt(j))) j++;
    }
    if (j < end && isAlnum(s.charCodeAt(j))) return 0;
    return j - i;
  }
  return 0;
}

/** The far end of a range after its dash at m (`S4` or `4` of `S1-S4`, `S1-4`) and where it ends, or undefined. */
function rangeEnd(g: Grammar, s: string, m: number, end: number, from: string): { to: string; end: number } | undefined {
  while (m < end && (s.charCodeAt(m) === SP || s.charCodeAt(m) === TAB)) m++;
  const n2 = codeLength(g, s, m, end);
  const fromPrefix = from.replace(/[\d.]+$/, '');
  if (n2 > 0 && s.startsWith(fromPrefix, m) && isDigit(code(s, m + fromPrefix.length))) return { to: s.slice(m, m + n2), end: m + n2 };
  if (isDigit(code(s, m))) {
    let e = m;
    while (e < end && (isDigit(s.charCodeAt(e)) || (s.charCodeAt(e) === 46 && isDigit(code(s, e + 1))))) e++;
    if (e >= end || !isAlnum(code(s, e))) return { to: fromPrefix + s.slice(m, e), end: e };
  }
  return undefined;
}

/** Whether `and` stands as a word at i. */
function andAt(s: string, i: number, end: number): boolean {
  return s.startsWith('and', i) && (i + 3 >= end || !isAlnum(code(s, i + 3))) && (i === 0 || !isAlnum(code(s, i - 1)));
}

/** Where a bracketed aside right after a code at i ends (`K2 (Version control)`), or -1: none there, or one that is itself a tag. */
function asideEnd(g: Grammar, s: string, i: number, end: number): number {
  let k = i;
  while (k < end && (s.charCodeAt(k) === SP || s.charCodeAt(k) === TAB)) k++;
  const open = code(s, k);
  if (open !== 40 && open !== 91) return -1;
  const close = s.indexOf(open === 40 ? ')' : ']', k + 1);
  if (close < 0 || close >= end) return -1;
  // an aside holds no bracket of its own (`K5 [ see [S17]`: the bracket group is a tag), code span or HTML
  for (let j = k + 1; j < close; j++) {
    const c = s.charCodeAt(j);
    if (c === 40 || c === 91 || c === 41 || c === 93 || c === 96 || c === 60) return -1;
  }
  // a bracket group of codes after a code is a tag of its own, not an aside
  if (readCodes(g, [], s, k + 1, close, 0, 0, STRICT) >= 0) return -1;
  return close + 1;
}

/** Whether a dash description starts at i (a dash with white space on both sides). */
function dashDescriptionAt(s: string, i: number, end: number): boolean {
  const before = code(s, i - 1), after = code(s, i + 1);
  return isDash(code(s, i)) && (before === SP || before === TAB || before === NBSP) && i + 1 < end && (after === SP || after === TAB || after === NBSP);
}

/**
 * Reads a code list from i into `refs` (emptied first; columns are offsets minus `base`).
 * STRICT (inside brackets): every token must be a code, a range, a separator, a leading KSB
 * label or a grade word, and after the codes a dash description may run to the end; any other
 * word and it is not a tag (-1). Otherwise codes run up to the first other word. ASIDES: a
 * bracketed aside after a code is skipped, and the list's end is after it. Returns the end of
 * the last code (or aside) read, or -1 when none was read.
 */
export function readCodes(g: Grammar, refs: CodeRef[], s: string, i: number, end: number, line: number, base: number, mode: number): number {
  refs.length = 0;
  const strict = (mode & STRICT) !== 0;
  let lastEnd = -1;
  let first = true;
  while (i < end) {
    const c = code(s, i);
    if (isSeparator(c)) {
      i++;
      continue;
    }
    const n = codeLength(g, s, i, end);
    if (n > 0) {
      first = false;
      const j = readCode(g, refs, s, i, n, end, line, base);
      lastEnd = i = j;
      if (mode & ASIDES) {
        const e = asideEnd(g, s, j, end);
        if (e > 0) lastEnd = i = e;
      }
      continue;
    }
    if (c === 97 && andAt(s, i, end)) {
      i += 3;
      continue;
    }
    if (strict) {
      const k = strictWord(s, i, end, first, refs.length > 0);
      if (k === end) break; // a dash description: the rest is its text
      if (k < 0) return -1;
      if (k > i) first = false;
      i = k;
      continue;
    }
    break;
  }
  return refs.length > 0 ? lastEnd : -1;
}

/** One code (or range) at i of length n into refs; returns where it ends. */
function readCode(g: Grammar, refs: CodeRef[], s: string, i: number, n: number, end: number, line: number, base: number): number {
  const from = s.slice(i, i + n);
  let j = i + n;
  let to: string | undefined;
  let k = j;
  while (k < end && (s.charCodeAt(k) === SP || s.charCodeAt(k) === TAB)) k++;
  const dash = code(s, k);
  if (k < end && (dash === 45 || dash === 0x2013)) {
    const range = rangeEnd(g, s, k + 1, end, from);
    if (range) ({ to, end: j } = range);
  }
  refs.push(codeRef(g.standard, s.slice(i, j), from, to, line, i - base, j - base));
  return j;
}

/**
 * Inside brackets, a word that is not a code at i: where the group reads on after it (a leading
 * KSB label, a grade word), `end` for a dash description after the codes, or -1: not a tag.
 */
function strictWord(s: string, i: number, end: number, first: boolean, afterCodes: boolean): number {
  const c = code(s, i);
  if (first && (c === 75 || c === 107)) {
    const m = BRACKET_LABEL.exec(s.slice(i, Math.min(end, i + 5)));
    if (m && (i + m[0].length >= end || !isAlnum(code(s, i + m[0].length)))) return i + m[0].length;
  }
  if (c === 80 || c === 112 || c === 77 || c === 109 || c === 68 || c === 100) {
    const m = GRADE_WORD.exec(s.slice(i, Math.min(end, i + 12)));
    if (m) return i + m[0].length;
  }
  if (afterCodes && dashDescriptionAt(s, i, end)) return end;
  return -1;
}

/** One code or range as written: the codes of the standard it names, or not valid. */
export function codeRef(standard: Standard, text: string, from: string, to: string | undefined, line: number, start: number, end: number): CodeRef {
  const ref: CodeRef = { text, codes: [], valid: true, line, start, end };
  if (to === undefined) {
    if (isCodeOf(standard, from)) ref.codes.push(from);
    else ref.valid = false;
  } else {
    ref.valid = isCodeOf(standard, from) && isCodeOf(standard, to);
    ref.codes = expandRange(standard, from, to);
  }
  return ref;
}

/** A tag of these refs; the written codes the standard lacks go to `unknown`. */
export function tagOf(standard: Standard, form: TagForm, line: number, start: number, end: number, refs: CodeRef[], section: number, unknown: CodeMention[]): Tag {
  const codes: string[] = [];
  for (const r of refs) {
    for (const c of r.codes) if (!codes.includes(c)) codes.push(c);
    if (!r.valid) for (const c of unknownCodesOf(standard, r.text)) unknown.push({ code: c, line: r.line, start: r.start, end: r.end, section });
  }
  return { form, line, start, end, codes, refs, section };
}

/** The written code(s) of a code or range (its text) that the standard lacks: both ends of a range are checked. */
export function unknownCodesOf(standard: Standard, written: string): string[] {
  const parts = written.split(/\s*[-–]\s*/);
  const prefix = parts[0].replace(/[\d.]+$/, '');
  const unknown: string[] = [];
  for (let p = 0; p < parts.length; p++) {
    const c = p > 0 && isDigit(parts[p].charCodeAt(0)) ? prefix + parts[p] : parts[p];
    if (!isCodeOf(standard, c)) unknown.push(c);
  }
  return unknown;
}
