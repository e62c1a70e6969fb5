/**
 * The evidence reader: one pass over one Markdown document that finds sections, tags, unknown
 * codes, bare codes and prose words exactly as shared/spec/tagging.md says.
 *
 * It is a line scanner with just enough of CommonMark's block structure to know what is prose:
 * blocks/ holds one module per construct (each answers whether it starts on a line and whether it
 * may interrupt a paragraph), tags/ one module per tag form, inline/ the prose of a line, and
 * grammar.ts the code lists every tag form reads. It builds no tree and works on character codes.
 */
import type { Standard } from '../standard';
import { charClassesFor, isBlank } from './chars';
import { grammarOf } from './grammar';
import { readFrontMatter } from './blocks/frontMatter';
import { interrupts } from './blocks/interrupts';
import { readLine } from './blocks/line';
import { excludedHeadingPattern, finishSections, isExcludedHeading } from './sections';
import { ReaderState } from './state';
import { DEFAULT_EXCLUDED_HEADINGS, DEFAULT_MIN_WORDS, type Analyzer, type AnalyzerOptions, type DocumentAnalysis } from './types';

/** Builds the look-ups once (per standard and settings) so each analysis only scans. */
export function createAnalyzer(standard: Standard, options: AnalyzerOptions = {}): Analyzer {
  const minWords = options.minWords ?? DEFAULT_MIN_WORDS;
  const excludedRe = excludedHeadingPattern(options.excludedHeadings ?? DEFAULT_EXCLUDED_HEADINGS);
  const excluded = { test: (heading: string) => isExcludedHeading(excludedRe, heading) };
  const grammar = grammarOf(standard);
  const classes = charClassesFor(standard.prefixes);
  return {
    standard,
    analyze(text: string): DocumentAnalysis {
      const st = new ReaderState(text, grammar, classes, interrupts);
      readFrontMatter(st);
      const fileTagged = st.tags.some((t) => t.form === 'frontmatter');
      for (let ln = st.firstBodyLine; ln < st.lineCount; ln++) readLine(st, ln);
      st.closeParagraph();
      const last = st.section;
      last.endLine = Math.max(last.line, st.lineCount - 1);
      // the text before the first heading starts at its first non-blank line
      const pre = st.sections[0];
      while (pre.line < pre.endLine && isBlank(st.lineAt(pre.line), 0)) pre.line++;
      const words = finishSections(st.sections, st.tags, fileTagged, st.ignoreFile, excluded, minWords);
      const { sections, tags, unknown, bareCodes, headings, frontMatter, ignoreFile, lineCount } = st;
      return { sections, tags, unknown, bareCodes, words, headings, ...(frontMatter ? { frontMatter } : {}), ignoreFile, lineCount };
    },
  };
}
