/** What the reader answers about one document: the public shapes other code reads. */
import type { Standard } from '../standard';

/** The forms of the tagging spec; `heading` (a heading code list) and `list` (a KSB list item) are v2's. */
export type TagForm = 'bracket' | 'label' | 'comment' | 'frontmatter' | 'heading' | 'list';

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
  sections: readonly Pick<Section, 'heading' | 'level' | 'line' | 'endLine' | 'words' | 'excluded' | 'untagged'>[];
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
}

/** How a project makes its analyzer (createAnalyzer, or a test's stand-in). */
export type AnalyzerFactory = (standard: Standard, options: AnalyzerOptions) => Analyzer;
