/**
 * The evidence reader: one pass over one Markdown document that finds sections, tags, unknown
 * codes, bare codes and prose words exactly as shared/spec/tagging.md says.
 *
 * It is a line scanner with just enough of CommonMark's block structure (block quotes, list
 * items, fenced and indented code, HTML blocks, ATX and setext headings, GFM tables, front
 * matter) to know what is prose. The editor calls it per keystroke, so it avoids building a tree,
 * works on character codes and allocates little beyond its results.
 *
 * Shaped for V8 (the CLI reads thousands of files, so each is read while the reader is still
 * being compiled): plain prose is counted by skim(), a small loop over the whole text by offset;
 * each construct and each block step is a small function of its own, so every one is optimised
 * early and once; no read falls outside a string. bench/compare-readers.mjs checks a rewrite
 * against the reader at any git revision.
 *
 * The command line reads with a twin of this reader over UTF-8 bytes (src/core/wasm/reader.c,
 * through fastReader.ts): a change to what is read here is made there too; every reader test
 * reads its document with both and compares them.
 */
import type { Classifier } from './config';
import type { CoverageSink, EvidenceJsonWriter } from './coverage';
import { expandRange, type Standard } from './standard';

export type TagForm = 'bracket' | 'label' | 'comment' | 'frontmatter';

/** One code or range as written in a tag. Lines are 0-based; columns are UTF-16 offsets in the line. */
export interface CodeRef {
  text: string;
  /** Codes of the standard it names (a range expands). Empty for an unknown code. */
  codes: string[];
  valid: boolean;
  line: number;
  start: number;
  end: number;
}

export interface Tag {
  form: TagForm;
  line: number;
  start: number;
  end: number;
  /** Valid codes named, each once, in the order written. */
  codes: string[];
  refs: CodeRef[];
  section: number;
}

export interface CodeMention {
  code: string;
  line: number;
  start: number;
  end: number;
  section: number;
}

export interface Section {
  /** Heading text without `#` marks, closing `#`s or tags; `""` for the text before the first heading. */
  heading: string;
  /** 1–6; 0 for the text before the first heading. */
  level: number;
  /** Heading line (first line of a setext heading), or the first line of the preamble. */
  line: number;
  /** Last line of the section, inclusive. */
  endLine: number;
  /** Prose words of the section's own text, not counting the heading. */
  words: number;
  headingWords: number;
  tagged: boolean;
  /** Excluded heading (References, Appendix, ...) or under one: no words, no untagged warning. */
  excluded: boolean;
  /** Holds `<!-- ksb-ignore -->` (or the file holds `<!-- ksb-ignore-file -->`). */
  ignored: boolean;
  /** Needs a tag: not tagged, at least minWords words, not excluded, not ignored. */
  untagged: boolean;
}

export interface DocumentAnalysis {
  sections: Section[];
  tags: Tag[];
  unknown: CodeMention[];
  /** Valid codes written in prose outside any tag (`this shows K5`). */
  bareCodes: CodeMention[];
  /** Prose words of the document: headings and text of sections that are not excluded. */
  words: number;
  /** Number of headings. */
  headings: number;
  frontMatter?: { endLine: number; evidence?: 'report' | 'portfolio' };
  ignoreFile: boolean;
  lineCount: number;
}

/** The part of an analysis the coverage reads (a DocumentAnalysis is one). */
export interface CoverageAnalysis {
  sections: readonly Pick<Section, 'heading' | 'line' | 'words' | 'untagged'>[];
  tags: readonly Pick<Tag, 'form' | 'line' | 'codes' | 'section'>[];
  unknown: readonly Pick<CodeMention, 'line' | 'code'>[];
  words: number;
  headings: number;
  frontMatter?: DocumentAnalysis['frontMatter'];
}

export interface AnalyzerOptions {
  /** A section needs a tag from this many words of its own prose (spec default 40). */
  minWords?: number;
  /** Heading words that exclude a section and everything under it. */
  excludedHeadings?: readonly string[];
}

export const DEFAULT_MIN_WORDS = 40;
export const DEFAULT_EXCLUDED_HEADINGS: readonly string[] = [
  'Abstract',
  'Contents',
  'Table of contents',
  'Glossary',
  'Acknowledgements',
  'Acknowledgments',
  'References',
  'Bibliography',
  'Appendix',
  'Appendices',
];

export interface Analyzer {
  readonly standard: Standard;
  analyze(text: string): DocumentAnalysis;
  /** The same analysis from a file's bytes, where a reader of bytes has it; undefined: decode and analyze(). */
  analyzeBytes?(bytes: Uint8Array): DocumentAnalysis | undefined;
  /**
   * What the coverage reads of a file's bytes, handed straight to `sink` as one file (the CLI: no
   * analysis built), of the kind `classifier` gives it. False when the reader leaves the file,
   * and nothing was handed: decode and analyze() it.
   */
  coverageInto?(bytes: Uint8Array, path: string, classifier: Pick<Classifier, 'kind'>, sink: CoverageSink): boolean;
  /** Writes the JSON report's evidence as bytes, where a reader of bytes can (the CLI's): see CoverageAccumulator.view(). */
  evidenceJson?: EvidenceJsonWriter['evidenceJson'];
}

/** How a project makes its analyzer: createAnalyzer, or the CLI's reader of bytes (fastReader.ts). */
export type AnalyzerFactory = (standard: Standard, options: AnalyzerOptions) => Analyzer;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** After an optional section number (6, 6.2, A., A.1) the heading starts with an excluded word. */
export function excludedHeadingPattern(excluded: readonly string[]): RegExp {
  return excluded.length
    ? new RegExp(
        `^(?:(?:\\d+(?:\\.\\d+)*|[A-Za-z](?:\\.\\d+)*)[.):]?\\s+)?(?:${excluded.map((w) => escapeRegExp(w.trim()).replace(/\s+/g, '\\s+')).join('|')})(?![\\p{L}\\p{N}])`,
        'iu',
      )
    : /(?!)/;
}

/** Builds the look-ups once (per standard and settings) so each analysis only scans. */
export function createAnalyzer(standard: Standard, options: AnalyzerOptions = {}): Analyzer {
  const minWords = options.minWords ?? DEFAULT_MIN_WORDS;
  const excludedRe = excludedHeadingPattern(options.excludedHeadings ?? DEFAULT_EXCLUDED_HEADINGS);
  const excluded = { test: (heading: string) => isExcludedHeading(excludedRe, heading) };
  const prefixes = standard.prefixes;
  const prefixFirst = new Set(prefixes.map((p) => p.charCodeAt(0)));
  const classes: ReaderClasses = {
    charClass: charClassesFor(prefixFirst),
    // one-letter prefixes (K, S, B) begin a code only before a digit: skim() need not stop at "Kubernetes"
    codeNeedsDigit: prefixes.every((p) => p.length === 1),
  };
  return {
    standard,
    analyze: (text) => analyzeText(text, standard, prefixes, prefixFirst, minWords, excluded, classes),
  };
}

// ---------------------------------------------------------------------------------------------
// Character classes

const SP = 32, TAB = 9, NBSP = 0xa0;

/**
 * The character code at i, or -1 outside the string. Reading past the end with charCodeAt gives
 * NaN, and V8 then throws away the optimised reader and compiles it again (each time ~100 ms of
 * a CLI run on a small machine): every read that may fall outside goes through here.
 */
function code(s: string, i: number): number {
  return i >= 0 && i < s.length ? s.charCodeAt(i) : -1;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}
/** Letters and digits for word counting and code boundaries; non-ASCII letters count. */
function isAlnum(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
  if (c === NBSP || c === 0xfeff) return false;
  if (c >= 0x2000 && c <= 0x206f) return false; // general punctuation: dashes, quotes, spaces
  if (c >= 0x3000 && c <= 0x303f) return false;
  if (c >= 0xa1 && c <= 0xbf) return false; // Latin-1 punctuation and symbols
  return c !== 0xd7 && c !== 0xf7;
}
/** 1 for ASCII letters and digits: the word scanner's fast path. */
const ASCII_ALNUM = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII_ALNUM[c] = 1;
for (let c = 65; c <= 90; c++) ASCII_ALNUM[c] = ASCII_ALNUM[c + 32] = 1;

/** Index of `needle` in s[from, to), or -1: a search that does not run on into later lines. */
function indexIn(s: string, needle: string, from: number, to: number): number {
  const k = s.indexOf(needle, from);
  return k >= 0 && k + needle.length <= to ? k : -1;
}

// ---------------------------------------------------------------------------------------------
// The prose skimmer: most of a document is plain prose, and this small loop is where a CLI run
// spends its time. It is a top-level function of its own so V8 optimises it after a few lines
// (a closure inside the 900-line reader waited for the whole reader to be compiled), and it reads
// the whole document's string by offsets (a line's slice costs an indirection per character).

// Classes are bit sets so the loop counts words without branches: bit 0 a letter or digit, bit 1
// white space, 4 and up a character where skim() stops (5: a capital that may begin a code).
const CH_OTHER = 0, CH_ALNUM = 1, CH_SPACE = 2, CH_STOP = 4, CH_PREFIX = 5;

/** Character classes of ASCII for one standard: its code prefixes' first letters may start a bare code. */
function charClassesFor(prefixFirst: ReadonlySet<number>): Uint8Array {
  const t = new Uint8Array(128);
  for (let c = 0; c < 128; c++) t[c] = ASCII_ALNUM[c] === 1 ? CH_ALNUM : CH_OTHER;
  t[SP] = t[TAB] = CH_SPACE;
  // what the full inline reader handles: code spans, escapes, HTML and comments, images, links
  // and bracket tags, table cells, the colon of a label
  for (const ch of '`\\<![(]|:') t[ch.charCodeAt(0)] = CH_STOP;
  for (const c of prefixFirst) if (c < 128 && t[c] === CH_ALNUM) t[c] = CH_PREFIX;
  return t;
}

function wideClass(c: number): number {
  return c === NBSP ? CH_SPACE : isAlnum(c) ? CH_ALNUM : CH_OTHER;
}

/** Words counted by skim() and scanInline() for the current line, and whether the current token already counted (0 or 1). */
let skimWords = 0;
let skimCounted = 0;

/** A letter or digit outside skim(): its token is a word, counted once. */
function countWord(): void {
  if (skimCounted === 0) {
    skimWords++;
    skimCounted = 1;
  }
}

/**
 * Counts the words of plain prose from i and returns where it stopped: at `to` or at a character
 * the inline reader must look at. A word is a run without white space holding a letter or digit;
 * it is counted at its first letter or digit.
 */
function skim(s: string, i: number, to: number, classes: Uint8Array, codeNeedsDigit: boolean): number {
  let words = 0;
  let counted = skimCounted;
  for (; i < to; i++) {
    const c = s.charCodeAt(i);
    const k = c < 128 ? classes[c] : wideClass(c);
    if (k >= CH_STOP) {
      // a capital that may begin a code (K5) stops here unless it is inside a word
      if (k === CH_PREFIX && ((codeNeedsDigit && !isDigit(code(s, i + 1))) || (i > 0 && isAlnum(code(s, i - 1))))) {
        words += 1 - counted;
        counted = 1;
        continue;
      }
      break;
    }
    words += k & ~counted & 1;
    counted = (counted | k) & ~(k >> 1) & 1;
  }
  skimWords += words;
  skimCounted = counted;
  return i;
}

function isBlank(line: string, from: number): boolean {
  for (let i = from; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== SP && c !== TAB) return false;
  }
  return true;
}

// HTML block starts (CommonMark 4.6), tested on the line after its indentation.
const HTML_1 = /^<(?:script|pre|style|textarea)(?:[\s>]|$)/i;
const HTML_1_END = /<\/(?:script|pre|style|textarea)>/i;
const HTML_6 =
  /^<\/?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:[\s>]|\/>|$)/i;
const HTML_7 =
  /^(?:<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?>|<\/[A-Za-z][A-Za-z0-9-]*\s*>)\s*$/;
/** An HTML open tag (CommonMark 6.6), which may run over lines of a paragraph. */
const HTML_OPEN_TAG = /^<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?>/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
const TABLE_DELIMITER = /^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;
/** A whole-line link reference definition (`[id]: https://… "title"`): not rendered, not prose. */
const LINK_REFERENCE_DEFINITION = /^ {0,3}\[(?:[^\]\\]|\\.)+\]:[ \t]*(?:<[^>]*>|\S+)(?:[ \t]+(?:"[^"]*"|'[^']*'|\([^)]*\)))?[ \t]*$/;
const FRONT_MATTER_KEY = /^(ksbs?|evidence)[ \t]*:[ \t]*(.*)$/i;
/** A short label (at most four words, optionally bold or italic) ending in `:`. */
const LABEL = /[ \t]*(?:[*_]{1,3}[ \t]*)?((?:[^\s:*_|[\]()<>`]+[ \t]+){0,3}[^\s:*_|[\]()<>`]+)[ \t]*(?:[*_]{1,3})?[ \t]*:[ \t]*(?:[*_]{1,3}(?![*_]))?/y;
const LABEL_WORD = /(?:^|\s)ksbs?(?:\s|$)/i;
/** From a label's start: a colon within 80 characters on the line, and "ksb" before it. */
const KSB_BEFORE_COLON = /(?=[^:\r\n]{0,80}:)[^:\r\n]*?ksb/iy;
/** Block-quote and list-item markers at the start of a line. */
const CONTAINER_PREFIX = /^\s*(?:>\s*)*(?:(?:[-*+]|\d{1,9}[.)])\s+)?(?:>\s*)*/;
const COMMENT_LABEL = /^\s*ksbs?\b[ \t]*:?/i;

const enum Block {
  None,
  Paragraph,
  Table,
  Fence,
  Html,
}

interface ReaderClasses {
  charClass: Uint8Array;
  codeNeedsDigit: boolean;
}

interface ContainerFrame {
  /** 0 for a block quote; otherwise the content indent of a list item. */
  indent: number;
  quote: boolean;
  /** A list item that began with a blank line and has no content yet: a blank line ends it. */
  bare?: boolean;
}

function analyzeText(
  text: string,
  standard: Standard,
  prefixes: readonly string[],
  prefixFirst: ReadonlySet<number>,
  minWords: number,
  excluded: { test(heading: string): boolean },
  { charClass, codeNeedsDigit }: ReaderClasses,
): DocumentAnalysis {
  const sections: Section[] = [];
  const tags: Tag[] = [];
  const unknown: CodeMention[] = [];
  const bareCodes: CodeMention[] = [];
  let ignoreFile = false;
  let sectionIndex = 0;
  // Prose is read in the whole text by offsets; `base` is the offset of the line being read, so
  // recorded columns are offset - base. scanInline sets it; readers of a line's own string (HTML
  // lines, front matter) use 0.
  let base = 0;

  const newSection = (heading: string, level: number, line: number): Section => {
    const s: Section = { heading, level, line, endLine: line, words: 0, headingWords: 0, tagged: false, excluded: false, ignored: false, untagged: false };
    sections.push(s);
    sectionIndex = sections.length - 1;
    return s;
  };

  // ---- codes -----------------------------------------------------------------------------------

  /** Length of a code-shaped token at i (a prefix of the standard, digits, `.digits`), or 0. */
  const codeLength = (s: string, i: number, end: number): number => {
    const c = code(s, i);
    if (!prefixFirst.has(c)) return 0;
    for (const p of prefixes) {
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
  };

  /**
   * The far end of a range after its dash at m (`S4` or `4` of `S1-S4`, `S1-4`) and where it
   * ends, or undefined. (Its own function: ranges are rare, and code V8 first compiled without
   * them would be thrown away and compiled again when one turned up.)
   */
  const rangeEnd = (s: string, m: number, end: number, from: string): { to: string; end: number } | undefined => {
    while (m < end && (s.charCodeAt(m) === SP || s.charCodeAt(m) === TAB)) m++;
    const n2 = codeLength(s, m, end);
    const fromPrefix = from.replace(/[\d.]+$/, '');
    if (n2 > 0 && s.startsWith(fromPrefix, m) && isDigit(code(s, m + fromPrefix.length))) return { to: s.slice(m, m + n2), end: m + n2 };
    if (isDigit(code(s, m))) {
      let e = m;
      while (e < end && (isDigit(s.charCodeAt(e)) || (s.charCodeAt(e) === 46 && isDigit(code(s, e + 1))))) e++;
      if (e >= end || !isAlnum(code(s, e))) return { to: fromPrefix + s.slice(m, e), end: e };
    }
    return undefined;
  };

  const refs: CodeRef[] = [];
  /**
   * Reads codes from i. Strict (inside brackets): every token must be a code, a range, a
   * separator or a leading KSB label, or it is not a tag (-1). Otherwise codes run up to the first
   * other word. Returns the end of the last code read, or -1 when none was read.
   */
  const readCodes = (s: string, i: number, end: number, line: number, strict: boolean): number => {
    refs.length = 0;
    let lastEnd = -1;
    let first = true;
    while (i < end) {
      const c = code(s, i);
      // separators: white space , ; / & and emphasis marks around codes
      if (c === SP || c === TAB || c === 44 || c === 59 || c === 47 || c === 38 || c === 42 || c === 95 || c === NBSP) {
        i++;
        continue;
      }
      const n = codeLength(s, i, end);
      if (n > 0) {
        first = false;
        const from = s.slice(i, i + n);
        let j = i + n;
        let to: string | undefined;
        // a range: S1-S4, S1–S4, S1 - S4, S1-4 (same letter)
        let k = j;
        while (k < end && (s.charCodeAt(k) === SP || s.charCodeAt(k) === TAB)) k++;
        const dash = code(s, k);
        if (k < end && (dash === 45 || dash === 0x2013)) {
          const range = rangeEnd(s, k + 1, end, from);
          if (range) ({ to, end: j } = range);
        }
        refs.push(codeRef(standard, s.slice(i, j), from, to, line, i - base, j - base));
        lastEnd = j;
        i = j;
        continue;
      }
      // `and` as a separator
      if (c === 97 && s.startsWith('and', i) && (i + 3 >= end || !isAlnum(code(s, i + 3))) && (i === 0 || !isAlnum(code(s, i - 1)))) {
        i += 3;
        continue;
      }
      // a leading KSB / KSBs / KSB: label inside brackets
      if (strict && first && (c === 75 || c === 107)) {
        const m = /^ksbs?:?/i.exec(s.slice(i, Math.min(end, i + 5)));
        if (m && (i + m[0].length >= end || !isAlnum(code(s, i + m[0].length)))) {
          first = false;
          i += m[0].length;
          continue;
        }
      }
      if (strict) return -1;
      break;
    }
    return refs.length > 0 ? lastEnd : -1;
  };

  const addTag = (form: TagForm, line: number, start: number, end: number): void => {
    tags.push(tagOf(standard, form, line, start - base, end - base, refs.slice(), sectionIndex, unknown));
  };

  // ---- comments ----------------------------------------------------------------------------------

  /** The text of one comment (or one line of a multi-line comment): a tag or an ignore marker. */
  const readComment = (s: string, from: number, to: number, line: number): void => {
    const body = s.slice(from, to).trim().toLowerCase();
    if (body === 'ksb-ignore') {
      sections[sectionIndex].ignored = true;
      return;
    }
    if (body === 'ksb-ignore-file') {
      ignoreFile = true;
      return;
    }
    const m = COMMENT_LABEL.exec(s.slice(from, to));
    if (!m) return;
    const end = readCodes(s, from + m[0].length, to, line, false);
    if (end >= 0) addTag('comment', line, from, end);
  };

  let commentOpen = false;
  /** Reads the comments of an HTML line (inside an HTML block); nothing else there is read. */
  const readHtmlLine = (s: string, from: number, line: number): void => {
    base = 0;
    let i = from;
    while (i < s.length) {
      if (commentOpen) {
        const close = s.indexOf('-->', i);
        readComment(s, i, close < 0 ? s.length : close, line);
        if (close < 0) return;
        commentOpen = false;
        i = close + 3;
      }
      const open = s.indexOf('<!--', i);
      if (open < 0) return;
      commentOpen = true;
      i = open + 4;
    }
  };

  // ---- inline prose --------------------------------------------------------------------------------

  const LABEL_AT_START = 1, TABLE_ROW = 2, PARAGRAPH = 4;
  // a code span or HTML tag running over lines: where it ends (line -1: none open)
  let spanEndLine = -1, spanEndCol = 0;
  /**
   * Walks the later lines of this paragraph (past the block-quote markers they carry), calling
   * `found(text, line, offset)` until it returns true (then true) or the paragraph ends (false).
   */
  const laterParagraphLines = (line: number, found: (t: string, l: number, offset: number) => boolean, maxLines = Infinity): boolean => {
    let quotes = 0;
    for (const f of stack) if (f.quote) quotes++;
    for (let l = line + 1; l < lineCount && l - line <= maxLines; l++) {
      const raw = lineAt(l);
      let t = raw;
      for (let k = 0; k < quotes; k++) t = t.replace(/^ {0,3}> ?/, '');
      // a blank line, a block that interrupts a paragraph, or a setext underline ends it
      if (isBlank(t, 0) || startsBlock(t, 0, 0) || SETEXT_UNDERLINE.test(t)) return false;
      if (found(t, l, raw.length - t.length)) return true;
    }
    return false;
  };
  /** Whether a run of exactly n backticks closes a span on a later line of this paragraph. */
  const spanCloses = (line: number, n: number): boolean =>
    laterParagraphLines(line, (t, l, offset) => {
      for (let j = t.indexOf('`'); j >= 0; j = t.indexOf('`', j)) {
        let m = 1;
        while (code(t, j + m) === 96) m++;
        if (m === n) {
          spanEndLine = l;
          spanEndCol = starts[l] + offset + j + n;
          return true;
        }
        j += m;
      }
      return false;
    });
  /** Whether an HTML open tag starting at s[i] (`<a title="…`) ends on a later line of this paragraph. */
  const htmlTagCloses = (s: string, i: number, to: number, line: number): boolean => {
    let joined = s.slice(i, to);
    return laterParagraphLines(
      line,
      (t, l, offset) => {
        const start = joined.length + 1;
        joined += '\n' + t;
        const m = HTML_OPEN_TAG.exec(joined);
        if (!m) return false;
        if (m[0].length < start) return true; // cannot happen: it would have matched a line earlier
        spanEndLine = l;
        spanEndCol = starts[l] + offset + m[0].length - start;
        return true;
      },
      20,
    );
  };

  /** A label line at i: returns the end of its codes (tag recorded) or -1. */
  const tryLabel = (s: string, i: number, end: number, line: number): number => {
    // most lines are prose: a colon within 80 characters with "ksb" before it, before the full pattern
    KSB_BEFORE_COLON.lastIndex = i;
    if (!KSB_BEFORE_COLON.test(s)) return -1;
    LABEL.lastIndex = i;
    const m = LABEL.exec(s);
    if (!m || LABEL.lastIndex > end || !LABEL_WORD.test(m[1])) return -1;
    const codesEnd = readCodes(s, LABEL.lastIndex, end, line, false);
    if (codesEnd < 0) return -1;
    let start = i;
    while (code(s, start) === SP || code(s, start) === TAB) start++;
    addTag('label', line, start, codesEnd);
    return codesEnd;
  };

  /** Index of the bracket closing the one at i on this line, or -1. */
  const closeOf = (s: string, i: number, end: number, close: number): number => {
    for (let j = i + 1; j < end; j++) {
      const c = s.charCodeAt(j);
      if (c === close) return j;
      if (c === 91 || c === 40 || c === 93 || c === 41 || c === 96 || c === 10) return -1;
    }
    return -1;
  };

  /** Index of the `close` matching the `open` at i (nesting balanced, escapes skipped), or -1. */
  const balancedEnd = (s: string, i: number, end: number, open: number, close: number): number => {
    let depth = 0;
    for (let j = i; j < end; j++) {
      const c = s.charCodeAt(j);
      if (c === 92) j++;
      else if (c === open) depth++;
      else if (c === close && --depth === 0) return j;
    }
    return -1;
  };
  /** Index of the `]` closing the `[` at i, or -1. */
  const bracketEnd = (s: string, i: number, end: number): number => balancedEnd(s, i, end, 91, 93);
  /** End (exclusive) of a link destination `(...)` starting at i, or -1. */
  const destinationEnd = (s: string, i: number, end: number): number => {
    const close = balancedEnd(s, i, end, 40, 41);
    return close < 0 ? -1 : close + 1;
  };

  // Where a label (`**KSBs:** K5`) would start on the line or table cell being read, or -1. It is
  // tried only at the first colon (most lines have none within 80 characters).
  let labelFrom = -1;
  /** At a colon: when the line starts with a label, forget what was read of it and go on after its codes. */
  const labelAt = (s: string, colon: number, to: number, line: number): number => {
    const from = labelFrom;
    labelFrom = -1;
    if (from < 0 || colon - from > 80) return -1;
    const e = tryLabel(s, from, to, line);
    if (e < 0) return -1;
    // the label's words are not prose, and a code among them is not a bare code
    skimWords = 0;
    skimCounted = 0;
    while (bareCodes.length > 0 && bareCodes[bareCodes.length - 1].line === line && bareCodes[bareCodes.length - 1].start >= from - base) bareCodes.pop();
    return e;
  };

  /** A code span at i: a run of n backticks closed by a run of exactly n. Returns where reading goes on, or -1 when the rest of the line is code. */
  const codeSpanAt = (s: string, i: number, to: number, line: number, flags: number): number => {
    let n = 1;
    while (code(s, i + n) === 96) n++;
    let j = i + n;
    while ((j = indexIn(s, '`', j, to)) >= 0) {
      let m = 1;
      while (code(s, j + m) === 96) m++;
      if (m === n) {
        skimCounted = 0;
        return j + n;
      }
      j += m;
    }
    // the span closes on a later line of this paragraph: the rest of this line is code
    if (flags & PARAGRAPH && spanCloses(line, n)) return -1;
    return i + n;
  };

  /** A backslash escape (or the escaped colon of a label). */
  const escapeAt = (s: string, i: number, to: number, line: number): number => {
    if (labelFrom >= 0 && code(s, i + 1) === 58) {
      const e = labelAt(s, i + 1, to, line);
      if (e >= 0) return e;
    }
    if (i + 1 < to && isAlnum(code(s, i + 1))) countWord();
    return i + 2;
  };

  /** A comment, autolink or inline HTML tag at i; -1 when the rest of the line is a comment or tag running on. */
  const angleAt = (s: string, i: number, to: number, line: number, flags: number): number => {
    if (s.startsWith('<!--', i)) {
      skimCounted = 0;
      const close = indexIn(s, '-->', i + 4, to);
      readComment(s, i + 4, close < 0 ? to : close, line);
      if (close < 0) {
        commentOpen = true;
        return -1;
      }
      return close + 3;
    }
    const gt = indexIn(s, '>', i + 1, to);
    if (gt > 0 && /^<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+|\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?)>$/.test(s.slice(i, gt + 1))) {
      const autolink = code(s, i + 1) !== 47 && /^<[^\s<>]+[:@]/.test(s.slice(i, gt + 1));
      skimCounted = 0;
      if (autolink) skimWords++;
      return gt + 1;
    }
    // the tag ends on a later line of this paragraph: the rest of this line is HTML
    if (flags & PARAGRAPH && /^<[A-Za-z][A-Za-z0-9-]*\s/.test(s.slice(i, Math.min(to, i + 34)) + ' ') && htmlTagCloses(s, i, to, line)) return -1;
    return i + 1;
  };

  /** An image at i: not prose, nothing in it is read. */
  const imageAt = (s: string, i: number, to: number): number => {
    if (code(s, i + 1) === 91) {
      const close = bracketEnd(s, i + 1, to);
      if (close > 0 && close < to && code(s, close + 1) === 40) {
        const e = destinationEnd(s, close + 1, to);
        if (e > 0) {
          skimCounted = 0;
          return e;
        }
      }
    }
    return i + 1;
  };

  /** `[` or `(` at i: a footnote reference, or a bracket tag (which may be a link's text). */
  const bracketAt = (s: string, i: number, to: number, line: number, c: number): number => {
    if (c === 91 && code(s, i + 1) === 94) {
      // footnote reference [^1]: a marker, not a word
      const close = indexIn(s, ']', i, to);
      if (close > 0) {
        skimCounted = 0;
        return close + 1;
      }
    }
    const close = closeOf(s, i, to, c === 91 ? 93 : 41);
    if (close > 0 && prefixFirst.size > 0) {
      const e = readCodes(s, i + 1, close, line, true);
      if (e >= 0) {
        skimCounted = 0;
        addTag('bracket', line, i, close + 1);
        // `[K5](#k5)`: the tag is link text; its destination is not read
        if (c === 91 && code(s, close + 1) === 40) {
          const d = destinationEnd(s, close + 1, to);
          if (d > 0) return d;
        }
        return close + 1;
      }
    }
    return i + 1;
  };

  /** `]` at i: a link's destination or reference label is not prose. */
  const closeBracketAt = (s: string, i: number, to: number): number => {
    if (code(s, i + 1) === 40) {
      const e = destinationEnd(s, i + 1, to);
      if (e > 0) {
        skimCounted = 0;
        return e;
      }
    } else if (code(s, i + 1) === 91) {
      const close = indexIn(s, ']', i + 2, to);
      if (close > 0) {
        skimCounted = 0;
        return close + 1;
      }
    }
    return i + 1;
  };

  /** A capital that may begin a code: a bare code (`this shows K5`) is noted; the run of letters and digits is a word. */
  const wordAt = (s: string, i: number, to: number, line: number, c: number): number => {
    if (!(c < 128 ? ASCII_ALNUM[c] === 1 : isAlnum(c))) return i + 1;
    if (isUpper(c) && prefixFirst.has(c) && (i === 0 || !isAlnum(code(s, i - 1)))) {
      const n = codeLength(s, i, to);
      if (n > 0) {
        const written = s.slice(i, i + n);
        if (standard.byCode.has(written)) bareCodes.push({ code: written, line, start: i - base, end: i + n - base, section: sectionIndex });
      }
    }
    countWord();
    i++;
    while (i < to) {
      const d = s.charCodeAt(i);
      if (d < 128 ? ASCII_ALNUM[d] === 1 : isAlnum(d)) i++;
      else break;
    }
    return i;
  };

  /** Scans the prose of line `line` from column `fromCol` to `toCol` for tags, comments and bare codes; returns its words (0 for table rows). */
  const scanInline = (line: number, fromCol: number, toCol: number, flags: number): number => {
    base = starts[line];
    const s = text;
    const to = base + toCol;
    const from = base + fromCol;
    skimWords = 0;
    skimCounted = 0;
    let i = from;
    if (spanEndLine >= 0) {
      // inside a code span that an earlier line of this paragraph opened
      if (spanEndLine > line) return 0;
      i = Math.max(i, spanEndCol);
      spanEndLine = -1;
    }
    if (commentOpen) {
      const close = indexIn(s, '-->', i, to);
      readComment(s, i, close < 0 ? to : close, line);
      if (close < 0) return 0;
      commentOpen = false;
      i = close + 3;
    }
    labelFrom = -1;
    if (flags & (LABEL_AT_START | TABLE_ROW)) {
      let k = i;
      while (k < to && (s.charCodeAt(k) === SP || s.charCodeAt(k) === TAB)) k++;
      if (flags & TABLE_ROW && code(s, k) === 124) k++;
      labelFrom = k;
    }
    while (i < to) {
      // plain prose runs in skim(); what it stops at is read here
      i = skim(s, i, to, charClass, codeNeedsDigit);
      if (i >= to) break;
      const c = s.charCodeAt(i);
      // each construct has a function of its own: V8 optimises this small loop early, and a rare
      // construct does not make it compile the loop again
      switch (c) {
        case 96:
          i = codeSpanAt(s, i, to, line, flags);
          if (i < 0) return skimWords;
          continue;
        case 58: {
          const e = labelAt(s, i, to, line);
          i = e >= 0 ? e : i + 1;
          continue;
        }
        case 92:
          i = escapeAt(s, i, to, line);
          continue;
        case 60:
          i = angleAt(s, i, to, line, flags);
          if (i < 0) return skimWords;
          continue;
        case 33:
          i = imageAt(s, i, to);
          continue;
        case 91:
        case 40:
          i = bracketAt(s, i, to, line, c);
          continue;
        case 93:
          i = closeBracketAt(s, i, to);
          continue;
        case 124:
          if (flags & TABLE_ROW) {
            // a new cell, which may start with a label (tried at its first colon)
            skimCounted = 0;
            labelFrom = i + 1;
          }
          i++;
          continue;
        default:
          i = wordAt(s, i, to, line, c);
      }
    }
    return flags & TABLE_ROW ? 0 : skimWords;
  };

  // ---- front matter --------------------------------------------------------------------------------

  // Lines by offset: where each starts, and where it ends before its line break (`\n`, or `\r\n`).
  // A line's text is sliced only for lines that need the block steps; most do not.
  const starts: number[] = [];
  const ends: number[] = [];
  for (let pos = code(text, 0) === 0xfeff ? 1 : 0; ; ) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    starts.push(pos);
    ends.push(end > pos && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    if (nl < 0) break;
    pos = nl + 1;
  }
  const lineCount = starts.length;
  const lineAt = (n: number): string => text.slice(starts[n], ends[n]);
  let firstBodyLine = 0;
  let frontMatter: DocumentAnalysis['frontMatter'];

  newSection('', 0, 0);

  // (the reader is split into closures that V8 compiles one by one: one big function took it
  // ~200 ms of compiling on each of a CLI run's first few hundred files)
  /** Front matter: from a `---` first line to the next `---` or `...` line. */
  const readFrontMatter = (): void => {
    let closed = -1;
    for (let n = 1; n < lineCount; n++) {
      if (/^(?:---|\.\.\.)[ \t]*$/.test(lineAt(n))) {
        closed = n;
        break;
      }
    }
    if (closed > 0) {
      frontMatter = { endLine: closed };
      // the lines of the `ksbs` value: a list (`- K5`), a flow list or plain string running over
      // indented lines (`[K5,\n  S3]`), or a block scalar (`>` then indented lines)
      let inKsbs = false;
      for (let line = 1; line < closed; line++) {
        // quotes and brackets of YAML syntax become spaces, keeping columns
        const l = lineAt(line).replace(/["'[\]]/g, ' ');
        const m = FRONT_MATTER_KEY.exec(l);
        if (m) {
          inKsbs = false;
          const key = m[1].toLowerCase();
          if (key === 'evidence') {
            const v = m[2].trim().toLowerCase();
            if (v === 'report' || v === 'portfolio') frontMatter.evidence = v;
          } else {
            inKsbs = true;
            if (!/^(?:[>|][+-]?\d*)?[ \t]*(?:#.*)?$/.test(m[2]) && readCodes(l, l.length - m[2].length, l.length, line, false) >= 0) addTag('frontmatter', 0, 0, 3);
          }
        } else if (inKsbs && /^\s*-\s/.test(l)) {
          if (readCodes(l, l.indexOf('-') + 1, l.length, line, false) >= 0) addTag('frontmatter', 0, 0, 3);
        } else if (inKsbs && /^\s/.test(l)) {
          if (readCodes(l, 0, l.length, line, false) >= 0) addTag('frontmatter', 0, 0, 3);
        } else if (!/^\s/.test(l)) inKsbs = false;
      }
      firstBodyLine = closed + 1;
      sections[0].line = Math.min(firstBodyLine, lineCount - 1);
    }
  };
  if (/^---[ \t]*$/.test(lineAt(0))) readFrontMatter();
  // Front-matter tags tag the whole file: merge them into one tag occurrence.
  if (tags.length > 1) {
    const merged = tags.splice(0);
    const codes: string[] = [];
    for (const t of merged) for (const c of t.codes) if (!codes.includes(c)) codes.push(c);
    tags.push({ form: 'frontmatter', line: 0, start: 0, end: 3, codes, refs: merged.flatMap((t) => t.refs), section: 0 });
  }
  const fileTagged = tags.some((t) => t.form === 'frontmatter');

  // ---- blocks ----------------------------------------------------------------------------------------

  const stack: ContainerFrame[] = [];
  let block = Block.None;
  let blockDepth = 0; // containers open when the fence / HTML block began
  let fenceChar = 0, fenceLength = 0;
  let htmlEnd: RegExp | string | null = null; // null: ends at a blank line
  let paraLine = -1, paraWords = 0, paraLastWords = 0, paraTags = 0, paraUnknown = 0, paraBare = 0, paraLines = 0;
  let headings = 0;

  const closeParagraph = () => {
    spanEndLine = -1;
    if (block === Block.Paragraph) sections[sectionIndex].words += paraWords;
    if (block === Block.Paragraph || block === Block.Table) {
      block = Block.None;
      commentOpen = false;
    }
    paraLine = -1;
  };

  const startHeading = (level: number, heading: string, line: number) => {
    sections[sectionIndex].endLine = Math.max(sections[sectionIndex].line, line - 1);
    headings++;
    newSection(heading, level, line);
  };

  /** Heading text for display: the content without tags. */
  const headingText = (s: string, from: number, to: number, line: number, tagsFrom: number): string => detach(cleanHeading(withoutTags(s, from, to, line, tagsFrom)));
  /** The line's text in [from, to) without the tags on it (from tag index tagsFrom). */
  const withoutTags = (s: string, from: number, to: number, line: number, tagsFrom: number): string => {
    let out = '';
    let i = from;
    for (let t = tagsFrom; t < tags.length; t++) {
      const tag = tags[t];
      if (tag.line !== line || tag.form === 'frontmatter') continue;
      out += s.slice(i, tag.start);
      i = tag.end;
    }
    return out + s.slice(i, to);
  };

  // scratch results of indentation measurement
  let wsPos = 0, wsCol = 0;
  /** Moves past at most `n` columns of spaces and tabs (tab stops of 4); returns the columns moved. */
  const advance = (s: string, p: number, col: number, n = Infinity): number => {
    const target = col + n;
    let c0 = col;
    while (p < s.length && c0 < target) {
      const c = s.charCodeAt(p);
      if (c === SP) c0++;
      else if (c === TAB) c0 += 4 - (c0 % 4);
      else break;
      p++;
    }
    wsPos = p;
    wsCol = c0;
    return c0 - col;
  };
  /** The indentation at p, in columns (wsPos and wsCol are left after it). */
  const measure = (s: string, p: number, col: number): number => advance(s, p, col);

  /** One line of the body: which open containers it continues, new containers, then its leaf block. */
  const readLine = (ln: number): void => {
    // Most lines are blank or paragraph text starting with a letter, outside any container, fence,
    // HTML block or table: no block can start there, so the steps below are skipped.
    if (stack.length === 0 && block !== Block.Fence && block !== Block.Html) {
      const start = starts[ln];
      const end = ends[ln];
      if (start === end) {
        closeParagraph();
        return;
      }
      const c = text.charCodeAt(start);
      if (block !== Block.Table && (c >= 128 || ((c | 32) >= 97 && (c | 32) <= 122))) {
        paragraphText(ln, 0, end - start);
        return;
      }
    }
    readBlockLine(ln, lineAt(ln));
  };

  /** A line that may continue or open containers or start a block: the CommonMark steps. */
  const readBlockLine = (ln: number, line: string): void => {
    let p = 0, col = 0;

    // 1. Which open containers does this line continue?
    let matched = 0;
    for (; matched < stack.length; matched++) {
      const frame = stack[matched];
      if (frame.quote) {
        const n = measure(line, p, col);
        if (n <= 3 && code(line, wsPos) === 62) {
          p = wsPos + 1;
          col = wsCol + 1;
          if (code(line, p) === SP || code(line, p) === TAB) advance(line, p, col, 1), (p = wsPos), (col = wsCol);
        } else break;
      } else {
        if (isBlank(line, p)) {
          if (frame.bare) frame.indent = Infinity; // closed: nothing can continue it
          continue;
        }
        const n = measure(line, p, col);
        if (n >= frame.indent) {
          frame.bare = false;
          advance(line, p, col, frame.indent);
          p = wsPos;
          col = wsCol;
        } else break;
      }
    }

    // 2. Inside a fence or HTML block whose containers all continue: code / HTML, never prose.
    if ((block === Block.Fence || block === Block.Html) && matched >= blockDepth) {
      if (block === Block.Fence) {
        const n = measure(line, p, col);
        const c = code(line, wsPos);
        if (n <= 3 && c === fenceChar) {
          let k = wsPos;
          while (code(line, k) === fenceChar) k++;
          if (k - wsPos >= fenceLength && isBlank(line, k)) block = Block.None;
        }
        return;
      }
      if (htmlEnd === null && isBlank(line, p)) {
        block = Block.None;
        return;
      }
      readHtmlLine(line, p, ln);
      if (htmlEnd !== null && (typeof htmlEnd === 'string' ? line.includes(htmlEnd, p) : htmlEnd.test(line))) {
        block = Block.None;
        commentOpen = false;
      }
      return;
    }

    const restBlank = isBlank(line, p);
    // 3. A line that does not continue every container: lazy paragraph continuation, or close.
    if (matched < stack.length) {
      // (the paragraph is not the innermost open block here, so even an empty or `2.` list item starts a list)
      const lazy = block === Block.Paragraph && !restBlank && !startsBlock(line, p, col, false);
      if (!lazy) {
        if (block === Block.Fence || block === Block.Html) {
          block = Block.None;
          commentOpen = false;
        }
        closeParagraph();
        stack.length = matched;
      }
    }
    if (block === Block.Fence || block === Block.Html) {
      // their container closed above
      block = Block.None;
    }

    // 4. New containers: block quotes and list items.
    for (;;) {
      const n = measure(line, p, col);
      if (n >= 4) break;
      const q = wsPos;
      const c = code(line, q);
      if (c === 62) {
        if (block === Block.Paragraph && matched < stack.length) break; // lazy line
        closeParagraph();
        stack.push({ quote: true, indent: 0 });
        p = q + 1;
        col = wsCol + 1;
        if (code(line, p) === SP || code(line, p) === TAB) advance(line, p, col, 1), (p = wsPos), (col = wsCol);
        continue;
      }
      const marker = listMarker(line, q);
      if (marker === 0) break;
      if (isThematicBreak(line, q)) break;
      const afterMarker = q + marker;
      const emptyItem = isBlank(line, afterMarker);
      if (block === Block.Paragraph) {
        // An empty item or an ordered list not starting at 1 cannot interrupt a paragraph.
        if (emptyItem || (isDigit(c) && !/^0*1[.)]/.test(line.slice(q, afterMarker)))) break;
      }
      closeParagraph();
      const markerCol = wsCol + marker; // markers are ASCII: columns = chars
      let contentIndent: number;
      if (emptyItem) contentIndent = markerCol + 1 - col;
      else {
        const spaces = measure(line, afterMarker, markerCol);
        contentIndent = spaces >= 5 ? markerCol + 1 - col : markerCol + spaces - col;
      }
      stack.push({ quote: false, indent: contentIndent, bare: emptyItem });
      if (emptyItem) {
        p = line.length;
        break;
      }
      advance(line, afterMarker, markerCol, contentIndent - (markerCol - col));
      p = wsPos;
      col = wsCol;
    }

    // 5. The leaf block.
    if (isBlank(line, p)) {
      closeParagraph();
      return;
    }
    const indent = measure(line, p, col);
    const q = wsPos;
    if (indent >= 4 && block !== Block.Paragraph) {
      closeParagraph(); // indented code (a table ends here too)
      return;
    }
    const c = code(line, q);
    if (indent < 4) {
      // fenced code
      if (c === 96 || c === 126) {
        let k = q;
        while (code(line, k) === c) k++;
        if (k - q >= 3 && (c === 126 || line.indexOf('`', k) < 0)) {
          closeParagraph();
          block = Block.Fence;
          blockDepth = stack.length;
          fenceChar = c;
          fenceLength = k - q;
          return;
        }
      }
      // ATX heading
      if (c === 35) {
        let k = q;
        while (code(line, k) === 35) k++;
        const level = k - q;
        if (level <= 6 && (k === line.length || code(line, k) === SP || code(line, k) === TAB)) {
          closeParagraph();
          let end = line.length;
          while (end > k && (code(line, end - 1) === SP || code(line, end - 1) === TAB)) end--;
          let h = end;
          while (h > k && code(line, h - 1) === 35) h--;
          if (h === k || code(line, h - 1) === SP || code(line, h - 1) === TAB) end = h; // closing #s
          const tagsBefore = tags.length;
          startHeading(level, '', ln);
          const words = scanInline(ln, k, end, LABEL_AT_START);
          commentOpen = false;
          const section = sections[sectionIndex];
          section.heading = headingText(line, k, end, ln, tagsBefore);
          section.headingWords = words;
          return;
        }
      }
      // setext underline turns the open paragraph into a heading
      if (block === Block.Paragraph && (c === 61 || c === 45) && matched === stack.length) {
        let k = q;
        while (code(line, k) === c) k++;
        if (isBlank(line, k)) {
          setextHeading(ln, c === 61 ? 1 : 2);
          return;
        }
      }
      if ((c === 42 || c === 45 || c === 95) && isThematicBreak(line, q)) {
        closeParagraph();
        return;
      }
      if (c === 60 && htmlBlockStarts(line, q, ln)) return;
    }

    readParagraphLine(ln, line, p, q, c, indent);
  };

  /** The open paragraph, ended by a setext underline at line ln, becomes a heading. */
  const setextHeading = (ln: number, level: number): void => {
    const prev = sections[sectionIndex];
    prev.endLine = Math.max(prev.line, paraLine - 1);
    headings++;
    // the heading text: the paragraph's lines without their tags (built only now, when needed)
    const lines: string[] = [];
    for (let l = paraLine; l < ln; l++) {
      const raw = lineAt(l);
      lines.push(withoutTags(raw, 0, raw.length, l, paraTags));
    }
    const s = newSection(setextHeadingText(lines), level, paraLine);
    s.headingWords = paraWords;
    for (let t = paraTags; t < tags.length; t++) tags[t].section = sectionIndex;
    for (let t = paraUnknown; t < unknown.length; t++) unknown[t].section = sectionIndex;
    for (let t = paraBare; t < bareCodes.length; t++) bareCodes[t].section = sectionIndex;
    block = Block.None;
    paraLine = -1;
  };

  /** Whether an HTML block starts at q (CommonMark 4.6); if so its first line is read. */
  const htmlBlockStarts = (line: string, q: number, ln: number): boolean => {
    const rest = line.slice(q);
    let end: RegExp | string | null | undefined;
    if (HTML_1.test(rest)) end = HTML_1_END;
    else if (rest.startsWith('<!--')) end = '-->';
    else if (rest.startsWith('<?')) end = '?>';
    else if (rest.startsWith('<![CDATA[')) end = ']]>';
    else if (/^<![A-Za-z]/.test(rest)) end = '>';
    else if (HTML_6.test(rest)) end = null;
    else if (block !== Block.Paragraph && HTML_7.test(rest)) end = null;
    if (end === undefined) return false;
    closeParagraph();
    block = Block.Html;
    blockDepth = stack.length;
    htmlEnd = end;
    commentOpen = false;
    readHtmlLine(line, q, ln);
    // the end condition may hold on the first line (after the opening)
    const endFrom = typeof end === 'string' ? q + (end === '-->' ? 4 : 2) : q;
    if (end !== null && (typeof end === 'string' ? line.includes(end, endFrom) : end.test(line))) {
      block = Block.None;
      commentOpen = false;
    }
    return true;
  };

  /** A line of text (at q, indent columns in) that is no other block: a table row or delimiter, or paragraph text. */
  const readParagraphLine = (ln: number, line: string, p: number, q: number, c: number, indent: number): void => {
    // GFM table: a delimiter row under a one-line paragraph with pipes
    if (block === Block.Paragraph && paraLines === 1 && indent < 4 && (c === 124 || c === 58 || c === 45) && lineAt(paraLine).includes('|') && TABLE_DELIMITER.test(line.slice(q))) {
      paraWords -= paraLastWords;
      sections[sectionIndex].words += paraWords;
      block = Block.Table;
      return;
    }
    if (block === Block.Table) {
      scanInline(ln, q, line.length, TABLE_ROW);
      return;
    }
    if (block === Block.None && c === 91 && LINK_REFERENCE_DEFINITION.test(line.slice(p))) return;

    paragraphText(ln, q, line.length);
  };

  /** Paragraph text from column q of line ln (length columns long). */
  const paragraphText = (ln: number, q: number, length: number): void => {
    if (block !== Block.Paragraph) {
      block = Block.Paragraph;
      paraLine = ln;
      paraWords = 0;
      paraTags = tags.length;
      paraUnknown = unknown.length;
      paraBare = bareCodes.length;
      paraLines = 0;
    }
    paraLastWords = scanInline(ln, q, length, LABEL_AT_START | PARAGRAPH);
    paraWords += paraLastWords;
    paraLines++;
  };
  for (let ln = firstBodyLine; ln < lineCount; ln++) readLine(ln);
  closeParagraph();
  const last = sections[sectionIndex];
  last.endLine = Math.max(last.line, lineCount - 1);

  // the text before the first heading starts at its first non-blank line
  const pre = sections[0];
  while (pre.line < pre.endLine && isBlank(lineAt(pre.line), 0)) pre.line++;

  const words = finishSections(sections, tags, fileTagged, ignoreFile, excluded, minWords);
  return { sections, tags, unknown, bareCodes, words, headings, ...(frontMatter ? { frontMatter } : {}), ignoreFile, lineCount };
}

/** One code or range as written: the codes of the standard it names, or not valid. */
export function codeRef(standard: Standard, text: string, from: string, to: string | undefined, line: number, start: number, end: number): CodeRef {
  const ref: CodeRef = { text, codes: [], valid: true, line, start, end };
  if (to === undefined) {
    if (standard.byCode.has(from)) ref.codes.push(from);
    else ref.valid = false;
  } else {
    ref.valid = standard.byCode.has(from) && standard.byCode.has(to);
    ref.codes = expandRange(standard, from, to);
  }
  return ref;
}

/** A tag of these refs; the written codes the standard lacks go to `unknown`. */
export function tagOf(standard: Standard, form: TagForm, line: number, start: number, end: number, refs: CodeRef[], section: number, unknown: CodeMention[]): Tag {
  const codes: string[] = [];
  for (const r of refs) {
    for (const code of r.codes) if (!codes.includes(code)) codes.push(code);
    if (!r.valid) for (const code of unknownCodesOf(standard, r.text)) unknown.push({ code, line: r.line, start: r.start, end: r.end, section });
  }
  return { form, line, start, end, codes, refs, section };
}

/** The written code(s) of a code or range (its text) that the standard lacks: both ends of a range are checked. */
export function unknownCodesOf(standard: Standard, written: string): string[] {
  const parts = written.split(/\s*[-–]\s*/);
  const prefix = parts[0].replace(/[\d.]+$/, '');
  const unknown: string[] = [];
  for (let p = 0; p < parts.length; p++) {
    const code = p > 0 && isDigit(parts[p].charCodeAt(0)) ? prefix + parts[p] : parts[p];
    if (!standard.byCode.has(code)) unknown.push(code);
  }
  return unknown;
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
 * Sections: tagged, excluded, untagged. Returns the document's prose words. `excluded` is asked
 * of a heading as written (isExcludedHeading; the byte reader remembers its answer by heading).
 */
export function finishSections(sections: Section[], tags: readonly Pick<Tag, 'section'>[], fileTagged: boolean, ignoreFile: boolean, excluded: { test(heading: string): boolean }, minWords: number): number {
  // indexed loops: the CLI runs this for every file, much of it before V8 optimises it
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
    if (!s.excluded) words += s.words + s.headingWords;
  }
  return words;
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

/**
 * A copy of a string that does not keep the document alive: a slice of a line is a view into the
 * whole file's text, and a heading kept in an index would hold every file's text in memory.
 */
function detach(s: string): string {
  // A slice of a concatenation is a slice of a fresh flat copy of it, which holds none of the
  // document (strings under 13 characters are copies already). (A JSON round trip did the same
  // at several times the cost.)
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** Width of a list marker (`-`, `+`, `*`, `1.`, `1)`) at i followed by white space or the end, or 0. */
function listMarker(s: string, i: number): number {
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

function isThematicBreak(s: string, i: number): boolean {
  const c = code(s, i);
  if (c !== 42 && c !== 45 && c !== 95) return false;
  let n = 0;
  for (let k = i; k < s.length; k++) {
    const d = s.charCodeAt(k);
    if (d === c) n++;
    else if (d !== SP && d !== TAB) return false;
  }
  return n >= 3;
}

/**
 * Whether the text at p starts a block that interrupts a paragraph (so it is not a lazy line).
 * `tip`: the paragraph is the innermost open block, where an empty list item or an ordered one
 * not starting at 1 cannot interrupt it.
 */
function startsBlock(s: string, p: number, col: number, tip = true): boolean {
  let c0 = col;
  let q = p;
  while (q < s.length && (s.charCodeAt(q) === SP || s.charCodeAt(q) === TAB)) {
    c0 += s.charCodeAt(q) === TAB ? 4 - (c0 % 4) : 1;
    q++;
  }
  if (c0 - col >= 4) return false;
  const c = code(s, q);
  if (c === 62) return true;
  if (c === 35 && /^#{1,6}(?:[ \t]|$)/.test(s.slice(q, q + 8))) return true;
  if ((c === 96 || c === 126) && /^(?:```|~~~)/.test(s.slice(q, q + 3))) return true;
  if (isThematicBreak(s, q)) return true;
  const m = listMarker(s, q);
  if (m > 0 && (!tip || (!isBlank(s, q + m) && (!isDigit(c) || /^0*1[.)]/.test(s.slice(q, q + m)))))) return true;
  if (c === 60) {
    const rest = s.slice(q);
    if (HTML_1.test(rest) || rest.startsWith('<!--') || rest.startsWith('<?') || /^<![A-Za-z]/.test(rest) || rest.startsWith('<![CDATA[') || HTML_6.test(rest)) return true;
  }
  return false;
}
