/**
 * A provider's view of a cohort: one row an apprentice, made from that apprentice's coverage
 * report, and the rows as a table, JSON, Markdown and CSV. Pure: the CLI (src/cli/cohort.ts)
 * reads each apprentice's folder and hands the reports here.
 */
import type { CategoryCount, CoverageView, WordLimitStatus } from './coverage';
import { csvCell, markdownCell } from './format';
import { formatProblem, type FileProblem } from './problems';
import { CATEGORIES, CATEGORY_LABELS, type Category } from './standard';

/** One apprentice's coverage in figures; `error` alone when their folder could not be counted. */
export interface CohortRow {
  /** The apprentice's folder name. */
  apprentice: string;
  /** Why nothing was counted (a config or standard file with errors), told with file and line. */
  error?: string;
  standard?: string;
  files?: number;
  byCategory?: Record<Category, CategoryCount>;
  covered?: number;
  total?: number;
  /** Covered of total, to one decimal place. */
  percent?: number;
  /** The report's words against the limit; null when there is no report (or no limit). */
  report?: WordLimitStatus | null;
  untagged?: number;
  unknown?: number;
  /** Each unknown code once, in the order first met. */
  unknownCodes?: string[];
  /** Codes of the KSBs not yet evidenced, in the standard's order. */
  missing?: string[];
  /** Files not read as evidence (binary, unreadable). */
  warnings?: number;
}

export interface Cohort {
  /** The cohort folder as given. */
  folder: string;
  apprentices: CohortRow[];
  /** Problems in the apprentices' config and standard files, file paths from the cohort folder. */
  problems: FileProblem[];
}

export const percentOf = (covered: number, total: number): number => (total === 0 ? 0 : Math.round((covered / total) * 1000) / 10);

export function cohortRow(apprentice: string, report: CoverageView): CohortRow {
  const missing: string[] = [];
  for (const k of report.ksbs) if (!k.covered) missing.push(k.code);
  const { summary } = report;
  return {
    apprentice,
    standard: report.standard.id,
    files: report.files.length,
    byCategory: summary.byCategory,
    covered: summary.covered,
    total: summary.total,
    percent: percentOf(summary.covered, summary.total),
    report: summary.report ?? null,
    untagged: report.untagged.length,
    unknown: report.unknown.length,
    unknownCodes: [...new Set(report.unknown.map((u) => u.code))],
    missing,
    warnings: report.warnings.length,
  };
}

export function failedRow(apprentice: string, problems: FileProblem[]): CohortRow {
  const errors = problems.filter((p) => p.severity === 'error');
  return { apprentice, error: `not counted: ${(errors.length ? errors : problems).map(formatProblem).join('; ')}` };
}

/** Rows in name order (code points, so every machine sorts alike). */
export function sortRows(rows: CohortRow[]): CohortRow[] {
  return rows.sort((a, b) => (a.apprentice < b.apprentice ? -1 : a.apprentice > b.apprentice ? 1 : 0));
}

const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The report's words against the limit, in a few characters. */
export function wordsCell(r: WordLimitStatus | null | undefined): string {
  if (!r) return 'no report';
  const figure = `${thousands(r.words)}/${thousands(r.limit)}`;
  return r.status === 'within' ? figure : r.status === 'over-limit' ? `${figure} over limit` : `${figure} over tolerance`;
}

const countCell = (c: CategoryCount | undefined) => (c ? `${c.covered}/${c.total}` : '');
const unknownCell = (r: CohortRow) => (r.unknown ? `${r.unknown}: ${r.unknownCodes!.join(', ')}` : '0');
const missingCell = (r: CohortRow) => (r.missing!.length ? r.missing!.join(', ') : 'none');

/** The columns every text format shows, as cells of one row. */
function cells(r: CohortRow): string[] {
  if (r.error !== undefined) return [r.apprentice, ...CATEGORIES.map(() => '-'), '-', '-', '-', '-', r.error];
  return [r.apprentice, ...CATEGORIES.map((c) => countCell(r.byCategory![c])), `${r.covered}/${r.total} ${r.percent}%`, wordsCell(r.report), String(r.untagged), unknownCell(r), missingCell(r)];
}

const HEADERS = ['Apprentice', ...CATEGORIES.map((c) => CATEGORY_LABELS[c]), 'KSBs', 'Report words', 'Untagged', 'Unknown codes', 'Still missing'];

function heading(cohort: Cohort): string {
  const n = cohort.apprentices.length;
  const standards = [...new Set(cohort.apprentices.map((r) => r.standard).filter((s) => s !== undefined))];
  return `KSB coverage of ${n} apprentice${n === 1 ? '' : 's'} in ${cohort.folder}${standards.length ? ` (${standards.join(', ')})` : ''}`;
}

/** For a terminal: aligned columns, the missing KSBs last so a long list only runs on. */
export function formatCohortTable(cohort: Cohort): string {
  const rows = cohort.apprentices.map(cells);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => (i < HEADERS.length - 1 ? r[i].length : 0))));
  const line = (r: string[]) => r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]) : c)).join('  ').trimEnd();
  return [heading(cohort), '', line(HEADERS), ...rows.map(line)].join('\n') + '\n';
}

export function formatCohortMarkdown(cohort: Cohort): string {
  const lines = [`## ${markdownCell(heading(cohort))}`, '', `| ${HEADERS.join(' | ')} |`, `|${HEADERS.map(() => ' --- ').join('|')}|`];
  for (const r of cohort.apprentices) lines.push(`| ${cells(r).map(markdownCell).join(' | ')} |`);
  return lines.join('\n') + '\n';
}

export function formatCohortJson(cohort: Cohort): string {
  return JSON.stringify(cohort, null, 2) + '\n';
}

const CSV_HEADERS = ['apprentice', 'standard', 'files', ...CATEGORIES.flatMap((c) => [`${c}_covered`, `${c}_total`]), 'covered', 'total', 'percent', 'report_words', 'word_limit', 'word_status', 'untagged', 'unknown', 'unknown_codes', 'missing', 'error'];

/** One line an apprentice, every cell safe in a spreadsheet (a folder named `=SUM(…)` stays text). */
export function formatCohortCsv(cohort: Cohort): string {
  const rows: (string | number)[][] = [CSV_HEADERS];
  for (const r of cohort.apprentices) {
    if (r.error !== undefined) {
      rows.push([r.apprentice, ...CSV_HEADERS.slice(1, -1).map(() => ''), r.error]);
      continue;
    }
    const cats = CATEGORIES.flatMap((c) => [r.byCategory![c].covered, r.byCategory![c].total]);
    const words = r.report ? [r.report.words, r.report.limit, r.report.status] : ['', '', 'no report'];
    rows.push([r.apprentice, r.standard!, r.files!, ...cats, r.covered!, r.total!, r.percent!, ...words, r.untagged!, r.unknown!, r.unknownCodes!.join(' '), r.missing!.join(' '), '']);
  }
  return '\ufeff' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
