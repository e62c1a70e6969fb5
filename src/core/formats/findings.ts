/**
 * The findings of a coverage report that CI tools annotate: untagged sections, unknown codes and
 * the report over its word limit, each at a file and 1-based line with a message an apprentice
 * can act on. The GitHub and SARIF formats both print these; they differ only in syntax.
 */
import type { CoverageView } from '../coverage';
import { suggestCodes } from '../query';
import { codePrefix, shortText, type Standard } from '../standard';

export type FindingKind = 'untagged-section' | 'unknown-code' | 'word-limit';

export interface Finding {
  kind: FindingKind;
  /** SARIF's levels; GitHub's commands are warning, error and notice (for note). */
  level: 'warning' | 'error' | 'note';
  /** Relative to the folder the command was run in, `/`-separated. */
  path: string;
  /** 1-based. */
  line: number;
  /** A short title (GitHub shows it above the message). */
  title: string;
  message: string;
  /** The finding as data (SARIF's property bag): the heading and words, the code and its nearest valid codes. */
  properties: Record<string, unknown>;
}

/** What each kind of finding is, for SARIF's rules and the help. */
export const FINDING_RULES: readonly { kind: FindingKind; name: string; level: Finding['level']; short: string; full: string }[] = [
  {
    kind: 'untagged-section',
    name: 'UntaggedSection',
    level: 'warning',
    short: 'A section of prose with no KSB tag.',
    full: 'A section with at least the configured number of words of prose (minWords, 40 by default) whose heading and text hold no KSB tag, so it evidences nothing. Tag it with the KSBs it evidences, such as [K5, S3] at the end of its heading, or add <!-- ksb-ignore --> to the section if it evidences none.',
  },
  {
    kind: 'unknown-code',
    name: 'UnknownCode',
    level: 'error',
    short: 'A code in a tag that the standard does not have.',
    full: 'A code written in a tag that is not a KSB or duty of the standard, such as [K32] for ST1398. It is never counted as evidence. Correct it to the code that was meant.',
  },
  {
    kind: 'word-limit',
    name: 'WordLimit',
    level: 'warning',
    short: 'The report is over its word limit.',
    full: "The report's words (prose only: not code, tables, tags, references or appendices) are over the word limit for the project report: a warning past the limit and its tolerance, a note past the limit but within the tolerance (as the editor reports them).",
  },
];

/** Joins a folder prefix and a report path (paths in a report are relative to the folder scanned). */
export function prefixed(prefix: string, path: string): string {
  return prefix ? `${prefix.replace(/\/+$/, '')}/${path}` : path;
}

const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Valid codes an unknown code most likely meant (duties for a `D` code where the standard lists duties), each with its text. */
export function nearestCodes(standard: Standard, code: string): { code: string; text: string }[] {
  const duties = standard.duties ?? [];
  const nearDuties = codePrefix(code).toUpperCase() === 'D' && duties.length > 0 && !standard.prefixes.includes('D');
  const near = nearDuties ? nearestDuties(duties.map((d) => d.code), code) : suggestCodes(standard, code);
  return near.map((c) => ({ code: c, text: (nearDuties ? duties.find((d) => d.code === c)?.text : standard.byCode.get(c)?.text) ?? '' }));
}

function nearestDuties(codes: string[], code: string): string[] {
  const n = Number(code.replace(/^\D+/, '')) || 0;
  return [...codes].sort((a, b) => Math.abs(Number(a.slice(1)) - n) - Math.abs(Number(b.slice(1)) - n)).slice(0, 3);
}

/**
 * Every finding, in path and line order within each kind: untagged sections, unknown codes, then
 * the word limit. `prefix` is the scanned folder relative to where the command runs, so a CI
 * annotation lands on the repository's file.
 */
export function findingsOf(report: CoverageView, standard: Standard, prefix = ''): Finding[] {
  const out: Finding[] = [];
  for (const u of report.untagged) {
    const where = u.heading ? `Section "${u.heading}"` : 'The text before the first heading';
    out.push({
      kind: 'untagged-section',
      level: 'warning',
      path: prefixed(prefix, u.path),
      line: u.line,
      title: 'Untagged section',
      message: `${where} has ${thousands(u.words)} words of prose and no KSB tag, so it evidences nothing. Tag it with the KSBs it evidences, such as [K5, S3] at the end of its heading, or add <!-- ksb-ignore --> if it evidences none.`,
      properties: { heading: u.heading, words: u.words },
    });
  }
  for (const u of report.unknown) {
    const near = nearestCodes(standard, u.code);
    const nearText = near.map((n) => `${n.code} (${shortText(n.text, 70)})`).join('; ');
    out.push({
      kind: 'unknown-code',
      level: 'error',
      path: prefixed(prefix, u.path),
      line: u.line,
      title: `Unknown code ${u.code}`,
      message: `${u.code} is not a KSB of ${standard.id} ${standard.title}, so it is not counted.${nearText ? ` Nearest valid codes: ${nearText}.` : ''}`,
      properties: { code: u.code, nearest: near.map((n) => n.code) },
    });
  }
  const limit = wordLimitFinding(report, standard, prefix);
  if (limit) out.push(limit);
  return out;
}

/** The report over its limit, at the report file whose words take the running total past it. */
function wordLimitFinding(report: CoverageView, standard: Standard, prefix: string): Finding | undefined {
  const r = report.summary.report;
  if (!r || r.status === 'within') return undefined;
  const reportFiles = report.files.filter((f) => f.kind === 'report');
  let total = 0;
  const passing = reportFiles.find((f) => (total += f.words) > r.limit) ?? reportFiles[reportFiles.length - 1];
  if (!passing) return undefined;
  const over = r.status === 'over-tolerance' ? `over the limit and its ${r.tolerancePercent}% tolerance (at most ${thousands(r.maximum)})` : `over the limit, within its ${r.tolerancePercent}% tolerance (at most ${thousands(r.maximum)})`;
  const files = reportFiles.length > 1 ? ` in ${reportFiles.length} report files (this one takes it past the limit)` : '';
  return {
    kind: 'word-limit',
    level: r.status === 'over-tolerance' ? 'warning' : 'note',
    path: prefixed(prefix, passing.path),
    line: 1,
    title: 'Report over its word limit',
    message: `The report has ${thousands(r.words)} words${files}; the limit for ${standard.id}'s project report is ${thousands(r.limit)}: ${thousands(r.words - r.limit)} words ${over}.`,
    properties: { words: r.words, limit: r.limit, maximum: r.maximum, status: r.status },
  };
}
