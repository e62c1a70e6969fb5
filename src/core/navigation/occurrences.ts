/**
 * Where a code is written across a folder's evidence: each code or range of a tag that names it,
 * and (for references) each bare mention in prose. Find All References, rename and workspace
 * symbols all read it.
 */
import type { DocumentAnalysis } from '../analyze';

export interface AnalysedFile {
  /** Folder-relative path. */
  path: string;
  analysis: Pick<DocumentAnalysis, 'tags' | 'bareCodes' | 'sections'>;
}

export interface CodeOccurrence {
  path: string;
  /** 0-based line and UTF-16 columns of the code as written (a range's whole text). */
  line: number;
  start: number;
  end: number;
  /** As written: `K5`, or a range such as `S1-S4` that includes the code. */
  text: string;
  /** A tag's code (evidence), not a bare mention in prose. */
  inTag: boolean;
  /** Heading of the section it stands in (`""` before the first heading). */
  section: string;
}

/** Every place `code` is written in the files, in path then line order. */
export function occurrencesOf(files: Iterable<AnalysedFile>, code: string, options: { bare?: boolean } = {}): CodeOccurrence[] {
  const found: CodeOccurrence[] = [];
  for (const { path, analysis } of files) {
    const heading = (section: number) => analysis.sections[section]?.heading ?? '';
    for (const tag of analysis.tags)
      for (const ref of tag.refs)
        if (ref.codes.includes(code)) found.push({ path, line: ref.line, start: ref.start, end: ref.end, text: ref.text, inTag: true, section: heading(tag.section) });
    if (options.bare)
      for (const mention of analysis.bareCodes)
        if (mention.code === code) found.push({ path, line: mention.line, start: mention.start, end: mention.end, text: mention.code, inTag: false, section: heading(mention.section) });
  }
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.start - b.start));
}
