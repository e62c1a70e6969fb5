/**
 * `--format github`: one GitHub Actions workflow command a finding, which GitHub shows as an
 * annotation on the file and line (in the pull request's diff too), then the coverage summary as
 * plain log lines.
 */
import type { CoverageView } from '../coverage';
import { CATEGORIES, CATEGORY_LABELS, type Standard } from '../standard';
import { findingsOf, prefixed } from './findings';

/** A command's message: `%`, CR and LF escaped, as GitHub's toolkit does (escapeData). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A command's property value: as a message, and `:` and `,` too (escapeProperty). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const percent = (covered: number, total: number) => (total === 0 ? 0 : Math.round((covered / total) * 1000) / 10);
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The coverage in a few lines, for a CI log (none starts with `::`, so none is read as a command). */
export function summaryLines(report: CoverageView, standard: Standard): string[] {
  const { summary } = report;
  const lines = [`KSB coverage, ${standard.id} ${standard.title}: ${summary.covered} of ${summary.total} KSBs evidenced (${percent(summary.covered, summary.total)}%)`];
  lines.push(
    CATEGORIES.filter((c) => summary.byCategory[c].total > 0)
      .map((c) => `${CATEGORY_LABELS[c]} ${summary.byCategory[c].covered}/${summary.byCategory[c].total}`)
      .join(', '),
  );
  if (summary.report) lines.push(`Report: ${thousands(summary.report.words)} / ${thousands(summary.report.limit)} words (at most ${thousands(summary.report.maximum)} with ${summary.report.tolerancePercent}% tolerance)`);
  const missing: string[] = [];
  for (const k of report.ksbs) if (!k.covered) missing.push(k.code);
  lines.push(missing.length ? `Not yet evidenced (${missing.length}): ${missing.join(', ')}` : 'Every KSB is evidenced.');
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  lines.push(`${plural(report.untagged.length, 'untagged section', 'untagged sections')}, ${plural(report.unknown.length, 'unknown code', 'unknown codes')}, ${plural(report.files.length, 'file', 'files')} read`);
  return lines;
}

/** `prefix`: the scanned folder relative to where the command runs (GitHub wants paths from the repository's root). */
export function formatGithub(report: CoverageView, standard: Standard, prefix = ''): string {
  const out: string[] = [];
  for (const f of findingsOf(report, standard, prefix)) {
    const props = `file=${escapeProperty(f.path)},line=${f.line},title=${escapeProperty(f.title)}`;
    out.push(`::${f.level === 'note' ? 'notice' : f.level} ${props}::${escapeData(f.message)}`);
  }
  for (const w of report.warnings) out.push(`::notice file=${escapeProperty(prefixed(prefix, w.path))},title=${escapeProperty('Not read as evidence')}::${escapeData(w.message)}`);
  out.push(...summaryLines(report, standard));
  return out.join('\n') + '\n';
}
