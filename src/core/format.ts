import type { CoverageView } from './coverage';
import { CATEGORIES, CATEGORY_LABELS, shortText, type Standard } from './standard';

export type OutputFormat = 'table' | 'json' | 'markdown' | 'csv' | 'github' | 'sarif';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'markdown', 'csv', 'github', 'sarif'];

/**
 * Writes the JSON report in pieces (one file, KSB or finding a line), so a report of 20,000 files
 * is never one string in memory. The shape is the spec's; `write` may be asynchronous (a stream
 * with back-pressure).
 */
export async function writeJson(report: CoverageView, write: (chunk: string) => void | Promise<void>): Promise<void> {
  let buffer = '';
  // Synchronous until 64 KB is buffered: awaiting every entry cost more than writing them, and
  // larger pieces cost more to flatten and write.
  const put = (s: string): void | Promise<void> => {
    buffer += s;
    if (buffer.length > 1 << 16) {
      const chunk = buffer;
      buffer = '';
      return write(chunk);
    }
  };
  const list = async <T>(name: string, items: Iterable<T>, last = false, toJson: (item: T) => string = JSON.stringify) => {
    await put(`  ${JSON.stringify(name)}: [`);
    let first = true;
    for (const item of items) {
      const flushed = put((first ? '\n    ' : ',\n    ') + toJson(item));
      first = false;
      if (flushed) await flushed;
    }
    await put(`${first ? '' : '\n  '}]${last ? '' : ','}\n`);
  };
  await put(`{\n  "standard": ${JSON.stringify(report.standard)},\n`);
  await list('files', report.files);
  // The KSB entries straight from the accumulator's columns when it offers them (JSON.stringify
  // of 28,000 evidence objects was most of the output's time), else one by one.
  if (report.ksbsJson) await list('ksbs', report.ksbsJson, false, (json) => json);
  else await list('ksbs', report.ksbs);
  if (report.duties) await list('duties', report.duties);
  await list('untagged', report.untagged);
  await list('unknown', report.unknown);
  await list('budgets', report.budgets);
  await put(`  "summary": ${JSON.stringify(report.summary)},\n`);
  await list('warnings', report.warnings, true);
  await put('}\n');
  if (buffer) await write(buffer);
}

const percent = (covered: number, total: number) => (total === 0 ? 0 : Math.round((covered / total) * 1000) / 10);
/** 12,345: as en-GB writes it, without loading the locale data. */
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Escapes a Markdown table cell: pipes, HTML and line breaks stay text. */
export function markdownCell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ');
}

/** A mapping table's "Evidenced in" cell: each file and section once. */
function whereEvidenced(evidence: readonly { path: string; section: string }[]): string {
  return evidence.length ? evidence.map((e) => markdownCell(e.section ? `${e.path} § ${e.section}` : e.path)).filter((v, i, a) => a.indexOf(v) === i).join('<br>') : '**Not yet evidenced**';
}

/** The KSB mapping table an apprentice pastes into an appendix. */
export function formatMarkdown(report: CoverageView, standard: Standard): string {
  const { summary } = report;
  const lines = [
    `## KSB mapping: ${markdownCell(standard.id)} ${markdownCell(standard.title)}`,
    '',
    `${summary.covered} of ${summary.total} KSBs evidenced (${percent(summary.covered, summary.total)}%).`,
    '',
    '| KSB | Description | Evidenced in |',
    '| --- | --- | --- |',
  ];
  for (const k of report.ksbs) {
    const text = standard.byCode.get(k.code)?.text ?? '';
    const where = whereEvidenced(k.evidence);
    lines.push(`| ${markdownCell(k.code)} | ${markdownCell(shortText(text, 90))} | ${where} |`);
  }
  if (report.duties) {
    lines.push('', `### Duties: ${report.duties.filter((d) => d.covered).length} of ${report.duties.length} evidenced`, '', '| Duty | Description | Evidenced in |', '| --- | --- | --- |');
    for (const d of report.duties) lines.push(`| ${markdownCell(d.code)} | ${markdownCell(shortText(standard.dutyByCode.get(d.code)?.text ?? '', 90))} | ${whereEvidenced(d.evidence)} |`);
  }
  return lines.join('\n') + '\n';
}

/** A CSV cell safe in a spreadsheet: quoted, and never read as a formula. */
export function csvCell(value: string | number | boolean): string {
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",\r\n']/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function formatCsv(report: CoverageView, standard: Standard): string {
  const rows: (string | number | boolean)[][] = [['code', 'category', 'text', 'covered', 'report', 'portfolio', 'other', 'evidence']];
  for (const k of report.ksbs) {
    const text = standard.byCode.get(k.code)?.text ?? '';
    rows.push([k.code, k.category, text, k.covered ? 'yes' : 'no', k.counts.report, k.counts.portfolio, k.counts.other, k.evidence.map((e) => `${e.path}:${e.line}`).join('; ')]);
  }
  // duties after the KSBs, category `duty`, counted by kind of file as KSBs are
  for (const d of report.duties ?? []) {
    const count = (kind: string) => d.evidence.filter((e) => e.kind === kind).length;
    rows.push([d.code, 'duty', standard.dutyByCode.get(d.code)?.text ?? '', d.covered ? 'yes' : 'no', count('report'), count('portfolio'), count('other'), d.evidence.map((e) => `${e.path}:${e.line}`).join('; ')]);
  }
  // a byte-order mark so spreadsheets read the official texts' curly quotes as UTF-8
  return '\ufeff' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export interface TableStyle {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
}

const ansi = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;
export const COLOUR: TableStyle = { bold: ansi(1, 22), dim: ansi(2, 22), red: ansi(31, 39), green: ansi(32, 39), yellow: ansi(33, 39) };
export const PLAIN: TableStyle = { bold: (s) => s, dim: (s) => s, red: (s) => s, green: (s) => s, yellow: (s) => s };

function bar(covered: number, total: number, width = 20): string {
  const filled = total === 0 ? 0 : Math.round((covered / total) * width);
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

/** The table's duty coverage (after the KSBs): a bar, and the duties not yet evidenced. */
function dutyLines(duties: readonly { code: string; covered: boolean }[], standard: Standard, style: TableStyle): string[] {
  const covered = duties.filter((d) => d.covered).length;
  const colour = covered === duties.length ? style.green : covered === 0 ? style.red : style.yellow;
  const out = ['', `  ${'Duties'.padEnd(11)} ${colour(bar(covered, duties.length))} ${String(covered).padStart(3)}/${duties.length}`];
  const missing = duties.filter((d) => !d.covered);
  if (missing.length) {
    out.push(style.bold(`Duties not yet evidenced (${missing.length}):`));
    for (const d of missing) out.push(`  ${style.red(d.code.padEnd(5))} ${shortText(standard.dutyByCode.get(d.code)?.text ?? '', 70)}`);
  }
  return out;
}

/** The readable summary a person reads in a terminal. */
export function formatTable(report: CoverageView, standard: Standard, style: TableStyle = PLAIN): string {
  const { summary } = report;
  const out: string[] = [];
  const pct = percent(summary.covered, summary.total);
  out.push(style.bold(`KSB coverage: ${standard.id} ${standard.title}${standard.version ? ` v${standard.version}` : ''}`));
  const kinds = { report: 0, portfolio: 0, other: 0 };
  for (const f of report.files) kinds[f.kind]++;
  out.push(style.dim(`${report.files.length} file${report.files.length === 1 ? '' : 's'}: ${kinds.report} report, ${kinds.portfolio} portfolio, ${kinds.other} other`));
  out.push('');
  const colour = (c: number, t: number) => (c === t ? style.green : c === 0 ? style.red : style.yellow);
  for (const cat of CATEGORIES) {
    const { covered, total } = summary.byCategory[cat];
    if (total === 0) continue;
    out.push(`  ${CATEGORY_LABELS[cat].padEnd(11)} ${colour(covered, total)(bar(covered, total))} ${String(covered).padStart(3)}/${total}`);
  }
  out.push(`  ${'All'.padEnd(11)} ${colour(summary.covered, summary.total)(bar(summary.covered, summary.total))} ${String(summary.covered).padStart(3)}/${summary.total}  ${style.bold(`${pct}%`)}`);
  out.push(style.dim(`  In the report: ${summary.byKind.report.covered}/${summary.total}; in the portfolio: ${summary.byKind.portfolio.covered}/${summary.total}`));
  for (const m of summary.byMethod) out.push(style.dim(`  ${m.name}: ${m.covered}/${m.total}`));
  if (summary.report) {
    const r = summary.report;
    const line = `Report: ${thousands(r.words)} / ${thousands(r.limit)} words (at most ${thousands(r.maximum)} with ${r.tolerancePercent}% tolerance)`;
    out.push('', r.status === 'within' ? line : r.status === 'over-limit' ? style.yellow(`${line}: over the limit`) : style.red(`${line}: over the tolerance`));
  }

  // one pass over the KSBs, keeping codes only (each entry's evidence is let go at once)
  const missing: string[] = [];
  const reportOnly: string[] = [];
  const portfolioOnly: string[] = [];
  for (const k of report.ksbs) {
    if (!k.covered) missing.push(k.code);
    else if (k.counts.portfolio === 0 && k.counts.report > 0) reportOnly.push(k.code);
    else if (k.counts.report === 0 && k.counts.portfolio > 0) portfolioOnly.push(k.code);
  }
  out.push('');
  if (missing.length === 0) out.push(style.green('Every KSB is evidenced.'));
  else {
    out.push(style.bold(`Not yet evidenced (${missing.length}):`));
    for (const code of missing) out.push(`  ${style.red(code.padEnd(5))} ${shortText(standard.byCode.get(code)?.text ?? '', 70)}`);
  }
  if (reportOnly.length) out.push(style.dim(`Only in the report: ${reportOnly.join(', ')}`));
  if (portfolioOnly.length) out.push(style.dim(`Only in the portfolio: ${portfolioOnly.join(', ')}`));
  if (report.duties) out.push(...dutyLines(report.duties, standard, style));
  if (report.untagged.length) {
    out.push('', style.bold(`Sections with no KSB tag (${report.untagged.length}):`));
    for (const u of report.untagged) {
      const suggested = u.suggestions?.length ? `; suggested: ${u.suggestions.slice(0, 3).join(', ')}` : '';
      out.push(`  ${style.yellow(`${u.path}:${u.line}`)}  ${u.heading || '(text before the first heading)'}  ${style.dim(`${u.words} words${suggested}`)}`);
    }
  }
  const over = report.budgets.filter((b) => b.status !== 'within');
  if (over.length) {
    out.push('', style.bold(`Sections over their word budget (${over.length}):`));
    for (const b of over) out.push(`  ${(b.status === 'over-tolerance' ? style.red : style.yellow)(`${b.path}:${b.line}`)}  ${b.heading}  ${style.dim(`${thousands(b.words)} / ${thousands(b.budget)} words${b.status === 'over-budget' ? ', within the tolerance' : ''}`)}`);
  }
  if (report.unknown.length) {
    out.push('', style.bold(`Unknown codes (${report.unknown.length}):`));
    for (const u of report.unknown) out.push(`  ${style.red(`${u.path}:${u.line}`)}  ${u.code} is not a KSB of ${standard.id}`);
  }
  if (report.warnings.length) {
    out.push('', style.bold(`Files not read as evidence (${report.warnings.length}):`));
    for (const w of report.warnings) out.push(`  ${w.path}: ${w.message}`);
  }
  return out.join('\n') + '\n';
}

