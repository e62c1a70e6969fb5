/**
 * The standard as a read-only Markdown document (Go to Definition, *Open the Standard*): every
 * KSB and duty with its full official text, and the line each code's heading is on.
 */
import { CATEGORIES, CATEGORY_LABELS, type Standard } from '../standard';

export interface StandardDocument {
  text: string;
  /** 0-based line of each code's heading. */
  lineOf: ReadonlyMap<string, number>;
}

export function standardDocument(standard: Standard): StandardDocument {
  const lines: string[] = [`# ${standard.id} ${standard.title}`, ''];
  const lineOf = new Map<string, number>();
  const facts = [standard.level !== undefined ? `Level ${standard.level}` : '', standard.version ? `version ${standard.version}` : ''].filter(Boolean);
  if (facts.length) lines.push(facts.join(', ') + '.', '');
  if (standard.source) lines.push(`Source: ${standard.source}`, '');
  const entry = (code: string, text: string) => {
    lineOf.set(code, lines.length);
    lines.push(`### ${code}`, '', text, '');
  };
  for (const category of CATEGORIES) {
    const ksbs = standard.ksbs.filter((k) => k.category === category);
    if (ksbs.length === 0) continue;
    lines.push(`## ${CATEGORY_LABELS[category]}`, '');
    for (const k of ksbs) entry(k.code, k.text);
  }
  const duties = standard.duties ?? [];
  if (duties.length) {
    lines.push('## Duties', '');
    for (const d of duties) entry(d.code, d.ksbs?.length ? `${d.text}\n\nKSBs: ${d.ksbs.join(', ')}` : d.text);
  }
  return { text: lines.join('\n'), lineOf };
}
