/** Tag form 4, front matter: a `ksbs:` key (a list or a comma-separated string) tags the whole file. */
import { readCodes } from '../grammar';
import type { ReaderState } from '../state';

/** A key of the front matter the reader knows, on a line whose YAML quotes and brackets are spaces. */
export const FRONT_MATTER_KEY = /^(ksbs?|evidence)[ \t]*:[ \t]*(.*)$/i;

/** YAML quotes and brackets become spaces, keeping columns. */
export const yamlPlain = (line: string): string => line.replace(/["'[\]]/g, ' ');

function codesOn(st: ReaderState, l: string, from: number, line: number): void {
  if (readCodes(st.grammar, st.refs, l, from, l.length, line, 0, 0) >= 0) st.addTag('frontmatter', 0, 0, 3);
}

/**
 * The `ksbs` value on lines 1..closed-1: a list (`- K5`), a flow list or plain string running over
 * indented lines (`[K5,\n  S3]`), or a block scalar (`>` then indented lines). Its codes become one tag.
 */
export function readFrontMatterTags(st: ReaderState, closed: number): void {
  st.base = 0;
  let inKsbs = false;
  for (let line = 1; line < closed; line++) {
    const l = yamlPlain(st.lineAt(line));
    const m = FRONT_MATTER_KEY.exec(l);
    if (m) {
      inKsbs = m[1].toLowerCase() !== 'evidence';
      if (inKsbs && !/^(?:[>|][+-]?\d*)?[ \t]*(?:#.*)?$/.test(m[2])) codesOn(st, l, l.length - m[2].length, line);
    } else if (inKsbs && /^\s*-\s/.test(l)) codesOn(st, l, l.indexOf('-') + 1, line);
    else if (inKsbs && /^\s/.test(l)) codesOn(st, l, 0, line);
    else if (!/^\s/.test(l)) inKsbs = false;
  }
  // front-matter tags tag the whole file: one tag occurrence
  if (st.tags.length > 1) {
    const merged = st.tags.splice(0);
    const codes: string[] = [];
    for (const t of merged) for (const c of t.codes) if (!codes.includes(c)) codes.push(c);
    st.tags.push({ form: 'frontmatter', line: 0, start: 0, end: 3, codes, refs: merged.flatMap((t) => t.refs), section: 0 });
  }
}
