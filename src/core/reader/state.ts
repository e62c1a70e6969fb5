/**
 * The state of one reading: the line table, the container stack (block quotes, list items), the
 * open leaf block, the results so far, and the scratch the inline reader shares between its
 * constructs. One is made per analysis; nothing outlives it.
 */
import { code, SP, TAB, type CharClasses } from './chars';
import { tagOf, type Grammar } from './grammar';
import type { CodeMention, CodeRef, DocumentAnalysis, Section, Tag, TagForm } from './types';

export const enum Block {
  None,
  Paragraph,
  Table,
  Fence,
  Html,
}

export interface ContainerFrame {
  /** 0 for a block quote; otherwise the content indent of a list item. */
  indent: number;
  quote: boolean;
  /** A list item that began with a blank line and has no content yet: a blank line ends it. */
  bare?: boolean;
}

export class ReaderState {
  readonly sections: Section[] = [];
  readonly tags: Tag[] = [];
  readonly unknown: CodeMention[] = [];
  readonly bareCodes: CodeMention[] = [];
  ignoreFile = false;
  sectionIndex = 0;
  headings = 0;
  frontMatter: DocumentAnalysis['frontMatter'];
  firstBodyLine = 0;

  /** Where each line starts in the text, and where it ends before its line break. */
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  readonly lineCount: number;

  // containers and the open leaf block
  readonly stack: ContainerFrame[] = [];
  block = Block.None;
  /** Containers open when the fence or HTML block began. */
  blockDepth = 0;
  fenceChar = 0;
  fenceLength = 0;
  /** How the open HTML block ends; null: at a blank line. */
  htmlEnd: RegExp | string | null = null;
  // the open paragraph: first line, words, its last line's words, where its results began, lines
  paraLine = -1;
  paraWords = 0;
  paraLastWords = 0;
  paraTags = 0;
  paraUnknown = 0;
  paraBare = 0;
  paraLines = 0;

  // inline scratch
  /** Offset of the line being read: recorded columns are offset - base (0 when a line's own string is read). */
  base = 0;
  /** Words of the line so far, and whether the current token already counted (0 or 1). */
  skimWords = 0;
  skimCounted = 0;
  /** The codes of the tag being read. */
  readonly refs: CodeRef[] = [];
  /** A comment runs on past the line read. */
  commentOpen = false;
  /** A code span or HTML tag running over lines ends here (line -1: none open). */
  spanEndLine = -1;
  spanEndCol = 0;
  /** Where a label would start on the line or table cell being read (or after a `·`), or -1. */
  labelFrom = -1;
  /** The line's words before labelFrom (a label's words are not prose). */
  labelWords = 0;
  /** Where a KSB list item would start on the paragraph line being read, or -1. */
  itemFrom = -1;
  /** Flags of the line being read (scanInline's). */
  lineFlags = 0;
  /** A line that quotes the standard in a KSB list: no bare-code hints on it. */
  quoteLine = -1;
  /** Where the block steps are on the line being read: offset in its string and column. */
  pos = 0;
  col = 0;
  /** Indentation measured by advance(): where it stopped, and at which column. */
  wsPos = 0;
  wsCol = 0;

  constructor(
    readonly text: string,
    readonly grammar: Grammar,
    readonly classes: CharClasses,
    /** Whether a block that interrupts a paragraph starts at p of s (`tip`: the paragraph is the innermost open block). */
    readonly interrupts: (s: string, p: number, col: number, tip: boolean) => boolean,
  ) {
    for (let pos = code(text, 0) === 0xfeff ? 1 : 0; ; ) {
      const nl = text.indexOf('\n', pos);
      const end = nl < 0 ? text.length : nl;
      this.starts.push(pos);
      this.ends.push(end > pos && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
      if (nl < 0) break;
      pos = nl + 1;
    }
    this.lineCount = this.starts.length;
    this.newSection('', 0, 0);
  }

  lineAt(n: number): string {
    return this.text.slice(this.starts[n], this.ends[n]);
  }

  newSection(heading: string, level: number, line: number): Section {
    const s: Section = { heading, level, line, endLine: line, words: 0, headingWords: 0, tagged: false, excluded: false, ignored: false, untagged: false };
    this.sections.push(s);
    this.sectionIndex = this.sections.length - 1;
    return s;
  }

  get section(): Section {
    return this.sections[this.sectionIndex];
  }

  /** Ends the current section before `line` and opens a heading's section there. */
  startHeading(level: number, heading: string, line: number): Section {
    const prev = this.section;
    prev.endLine = Math.max(prev.line, line - 1);
    this.headings++;
    return this.newSection(heading, level, line);
  }

  /** Ends an open paragraph or table (its words go to the section). */
  closeParagraph(): void {
    this.spanEndLine = -1;
    if (this.block === Block.Paragraph) this.section.words += this.paraWords;
    if (this.block === Block.Paragraph || this.block === Block.Table) {
      this.block = Block.None;
      this.commentOpen = false;
    }
    this.paraLine = -1;
  }

  /** Records a tag of the codes in `refs` (offsets in the text; columns by `base`). */
  addTag(form: TagForm, line: number, start: number, end: number): void {
    this.tags.push(tagOf(this.grammar.standard, form, line, start - this.base, end - this.base, this.refs.slice(), this.sectionIndex, this.unknown));
  }

  /** A letter or digit outside skim(): its token is a word, counted once. */
  countWord(): void {
    if (this.skimCounted === 0) {
      this.skimWords++;
      this.skimCounted = 1;
    }
  }

  /** Moves past at most `n` columns of spaces and tabs (tab stops of 4) into wsPos/wsCol; returns the columns moved. */
  advance(s: string, p: number, col: number, n = Infinity): number {
    const target = col + n;
    let c0 = col;
    while (p < s.length && c0 < target) {
      const c = s.charCodeAt(p);
      if (c === SP) c0++;
      else if (c === TAB) c0 += 4 - (c0 % 4);
      else break;
      p++;
    }
    this.wsPos = p;
    this.wsCol = c0;
    return c0 - col;
  }

  /** The line's text in [from, to) without the tags on it (from tag index tagsFrom). */
  withoutTags(s: string, from: number, to: number, line: number, tagsFrom: number): string {
    let out = '';
    let i = from;
    for (let t = tagsFrom; t < this.tags.length; t++) {
      const tag = this.tags[t];
      if (tag.line !== line || tag.form === 'frontmatter') continue;
      out += s.slice(i, tag.start);
      i = tag.end;
    }
    return out + s.slice(i, to);
  }
}
