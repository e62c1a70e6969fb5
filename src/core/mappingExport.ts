/**
 * The KSB mapping table as *Export KSB Mapping Table* opens it: marked so that, saved in the
 * workspace, it is never read as evidence. `<!-- ksb-ignore-file -->` silences its warnings, its
 * heading is an appendix (an excluded heading: no words counted), and a code in a table cell on
 * its own is not a tag.
 */
import type { CoverageView } from './coverage';
import { formatMarkdown } from './format';
import type { Standard } from './standard';

export const IGNORE_FILE_LINE = '<!-- ksb-ignore-file -->';
/** The name the export proposes, beside the workspace root's files. */
export const EXPORT_FILE_NAME = 'ksb-mapping.md';

export function mappingExport(parts: readonly { report: CoverageView; standard: Standard }[]): string {
  const tables = parts.map(({ report, standard }) => formatMarkdown(report, standard).replace(/^(#+) /, '$1 Appendix: '));
  return [IGNORE_FILE_LINE, '<!-- Exported by KSB Evidence: a copy of the coverage, not evidence. Paste the table into your report\'s appendix. -->', '', tables.join('\n')].join('\n');
}

/** `ksb-mapping.md`, else `ksb-mapping-2.md` and on: the first name `taken` says is free. */
export function exportFileName(taken: (name: string) => boolean): string {
  if (!taken(EXPORT_FILE_NAME)) return EXPORT_FILE_NAME;
  for (let n = 2; ; n++) {
    const name = EXPORT_FILE_NAME.replace(/\.md$/, `-${n}.md`);
    if (!taken(name)) return name;
  }
}
