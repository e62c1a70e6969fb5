/** Front matter: from a `---` first line to the next `---` or `...` line. Only `evidence` and `ksbs` are read. */
import type { ReaderState } from '../state';
import { FRONT_MATTER_KEY, readFrontMatterTags, yamlPlain } from '../tags/frontMatter';

/** Reads the front matter at the top of the document, if any; the body starts after it (st.firstBodyLine). */
export function readFrontMatter(st: ReaderState): void {
  if (!/^---[ \t]*$/.test(st.lineAt(0))) return;
  let closed = -1;
  for (let n = 1; n < st.lineCount; n++) {
    if (/^(?:---|\.\.\.)[ \t]*$/.test(st.lineAt(n))) {
      closed = n;
      break;
    }
  }
  if (closed < 0) return;
  const frontMatter: NonNullable<ReaderState['frontMatter']> = { endLine: closed };
  st.frontMatter = frontMatter;
  for (let line = 1; line < closed; line++) {
    const m = FRONT_MATTER_KEY.exec(yamlPlain(st.lineAt(line)));
    if (m?.[1].toLowerCase() === 'evidence') {
      const v = m[2].trim().toLowerCase();
      if (v === 'report' || v === 'portfolio') frontMatter.evidence = v;
    }
  }
  readFrontMatterTags(st, closed);
  st.firstBodyLine = closed + 1;
  st.sections[0].line = Math.min(st.firstBodyLine, st.lineCount - 1);
}
