import * as vscode from 'vscode';
import { sectionPassingLimit } from '../core/query';
import { reportLimit, wordLimitStatus } from '../core/coverage';
import { plannedWords } from '../core/budgets';
import { budgetsOf } from './budgetLens';
import { validRanges } from './hover';
import { isEvidenceDocument, type DocumentInfo, type EvidenceService } from './evidenceService';
import { TimeSlices } from './timeSlices';

export const DIAGNOSTIC_SOURCE = 'ksb-evidence';
export const enum DiagnosticCode {
  UntaggedSection = 'untagged-section',
  UnknownCode = 'unknown-code',
  WordLimit = 'word-limit',
  BareCode = 'bare-code',
  OverBudget = 'over-budget',
}

type SeveritySetting = 'error' | 'warning' | 'information' | 'hint' | 'off';
const SEVERITY: Record<Exclude<SeveritySetting, 'off'>, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

function severity(setting: string, fallback: SeveritySetting, scope: vscode.Uri): vscode.DiagnosticSeverity | undefined {
  const value = vscode.workspace.getConfiguration('ksbEvidence.severity', scope).get<SeveritySetting>(setting, fallback);
  return value === 'off' ? undefined : (SEVERITY[value] ?? SEVERITY[fallback as Exclude<SeveritySetting, 'off'>]);
}

/** The diagnostics' severities in one scope (undefined: off). */
export interface Severities {
  untaggedSection?: vscode.DiagnosticSeverity;
  unknownCode?: vscode.DiagnosticSeverity;
  bareCode?: vscode.DiagnosticSeverity;
  wordLimit?: vscode.DiagnosticSeverity;
  overBudget?: vscode.DiagnosticSeverity;
}

/**
 * Read once for a file, or once for a whole folder's closed files: settings come per folder,
 * and getConfiguration is not free (three a file were most of a 20,000-file pass).
 */
export function severitiesIn(scope: vscode.Uri): Severities {
  return {
    untaggedSection: severity('untaggedSection', 'warning', scope),
    unknownCode: severity('unknownCode', 'error', scope),
    bareCode: severity('bareCode', 'hint', scope),
    wordLimit: severity('wordLimit', 'warning', scope),
    overBudget: severity('overBudget', 'warning', scope),
  };
}

const number = (n: number) => n.toLocaleString('en-GB');

/** The diagnostics of one analysed file; `document` gives exact line ranges when the file is open. */
export function diagnosticsFor(uri: vscode.Uri, document: vscode.TextDocument | undefined, info: DocumentInfo, reportWordsBefore: number, reportWordsTotal: number, severities = severitiesIn(uri)): vscode.Diagnostic[] {
  const out: vscode.Diagnostic[] = [];
  const { analysis, folder } = info;
  const { standard, config } = folder.project;
  const make = (range: vscode.Range, message: string, code: DiagnosticCode, sev: vscode.DiagnosticSeverity) => {
    const d = new vscode.Diagnostic(range, message, sev);
    d.source = DIAGNOSTIC_SOURCE;
    d.code = code;
    out.push(d);
    return d;
  };
  const lineRange = (line: number) => (document ? document.lineAt(Math.min(line, document.lineCount - 1)).range : new vscode.Range(line, 0, line, 10_000));

  const untagged = severities.untaggedSection;
  if (untagged !== undefined)
    for (const s of analysis.sections)
      if (s.untagged)
        make(lineRange(s.line), `${s.heading ? `Section "${s.heading}"` : 'The text before the first heading'} has ${s.words} words but no KSB tag. Add a tag such as [K5, S3], or <!-- ksb-ignore -->.`, DiagnosticCode.UntaggedSection, untagged);

  const unknown = severities.unknownCode;
  if (unknown !== undefined)
    for (const u of analysis.unknown) make(new vscode.Range(u.line, u.start, u.line, u.end), `${u.code} is not a KSB of ${standard.id}. Valid codes: ${validRanges(standard)}.`, DiagnosticCode.UnknownCode, unknown);

  const bare = severities.bareCode;
  if (bare !== undefined)
    for (const b of analysis.bareCodes) make(new vscode.Range(b.line, b.start, b.line, b.end), `${b.code} in prose is not a tag; write [${b.code}] to claim this section as evidence for it.`, DiagnosticCode.BareCode, bare);

  const limits = reportLimit(standard, config);
  if (info.kind === 'report' && limits) {
    const { limit } = limits;
    const status = wordLimitStatus(reportWordsTotal, limit, limits.tolerancePercent);
    const sev = status.status === 'over-tolerance' ? severities.wordLimit : status.status === 'over-limit' ? severities.wordLimit && vscode.DiagnosticSeverity.Information : undefined;
    if (sev !== undefined) {
      const crossing = sectionPassingLimit(analysis, reportWordsBefore, status.status === 'over-tolerance' ? status.maximum : limit);
      const line = crossing ? crossing.line : 0;
      make(
        lineRange(line),
        status.status === 'over-tolerance'
          ? `The report has ${number(status.words)} words: over the ${number(limit)}-word limit and its ${status.tolerancePercent}% tolerance (at most ${number(status.maximum)}).${crossing ? ' It passes the maximum in this section.' : ''}`
          : `The report has ${number(status.words)} words: over the ${number(limit)}-word limit, within the ${status.tolerancePercent}% tolerance (at most ${number(status.maximum)}).${crossing ? ' It passes the limit in this section.' : ''}`,
        DiagnosticCode.WordLimit,
        sev,
      );
    }
  }
  if (severities.overBudget !== undefined) for (const [line, message, sev] of budgetProblems(info, severities.overBudget)) make(lineRange(line), message, DiagnosticCode.OverBudget, sev);
  return out;
}

/**
 * Sections past their word budget (past budget and tolerance at the setting's severity, within
 * the tolerance as information, as for the report's limit), and a report whose budgets add up
 * to more than its limit.
 */
function budgetProblems(info: DocumentInfo, severity: vscode.DiagnosticSeverity): [number, string, vscode.DiagnosticSeverity][] {
  const budgets = budgetsOf(info);
  const { limit, tolerancePercent: tolerance = 0 } = reportLimit(info.folder.project.standard, info.folder.project.config) ?? {};
  const out: [number, string, vscode.DiagnosticSeverity][] = [];
  for (const b of budgets) {
    if (b.status === 'within') continue;
    const message = `"${b.heading}" has ${number(b.words)} words against its budget of ${number(b.budget)}${b.status === 'over-tolerance' ? (tolerance ? ` and its ${tolerance}% tolerance` : '') : `, within the ${tolerance}% tolerance`}.`;
    out.push([b.line, message, b.status === 'over-tolerance' ? severity : vscode.DiagnosticSeverity.Information]);
  }
  const planned = plannedWords(budgets, info.analysis.sections);
  if (info.kind === 'report' && limit !== undefined && budgets.length && planned > limit)
    out.push([budgets[0].line, `The section budgets add up to ${number(planned)} words: more than the report's ${number(limit)}-word limit.`, severity]);
  return out;
}

/** Report words before a file (in path order) and in all report files of its folder. */
function reportWords(info: DocumentInfo): { before: number; total: number } {
  let before = 0;
  let total = info.kind === 'report' ? info.analysis.words : 0;
  if (info.kind === 'report')
    for (const other of info.folder.documents.values()) {
      if (other.kind !== 'report' || other.path === info.path) continue;
      total += other.analysis.words;
      if (other.path < info.path) before += other.analysis.words;
    }
  return { before, total };
}

/**
 * Diagnostics that follow edits (debounced), config changes and settings, without a reload.
 * Open files are checked as they are typed; once the workspace is indexed, files that are not
 * open are listed too, so the Problems panel shows every gap.
 */
export function registerDiagnostics(service: EvidenceService): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  const update = async (document: vscode.TextDocument) => {
    if (!isEvidenceDocument(document) || document.isClosed) return;
    const info = await service.analyze(document);
    const { before, total } = reportWords(info);
    if (!document.isClosed) collection.set(document.uri, diagnosticsFor(document.uri, document, info, before, total));
  };
  // what each closed file's diagnostics were made from: unchanged analyses are not redone
  const madeFrom = new Map<string, { analysis: object; project: object; reportTotal: number }>();
  const passOverClosedFiles = async () => {
    if (!service.isIndexed) return;
    const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    const seen = new Set<string>();
    // short slices: a pass follows every edit (the report's words move every report file's word-limit
    // diagnostic), and typing must never wait on the host longer than that
    const slices = new TimeSlices(5);
    const changes: [vscode.Uri, vscode.Diagnostic[]][] = [];
    let markers = 0;
    const flush = () => {
      collection.set(changes.splice(0));
      markers = 0;
    };
    for (const folder of await service.loadedFolders()) {
      const severities = severitiesIn(folder.workspace.root);
      for (const doc of [...folder.documents.values()]) {
        // a workspace of thousands of files: never hold the extension host for long (also
        // while skipping unchanged files), and send the workbench one batch a slice, not a
        // message a file
        if (slices.due) {
          flush();
          await slices.pause();
        }
        const uri = folder.workspace.uri(doc.path);
        const key = uri.toString();
        if (seen.has(key)) continue; // a file of nested folders: one batch must not name it twice (set() would append)
        seen.add(key);
        if (open.has(key)) continue;
        const info = { analysis: doc.analysis, folder, path: doc.path, kind: doc.kind };
        const { before, total } = reportWords(info);
        const last = madeFrom.get(key);
        if (last && last.analysis === doc.analysis && last.project === folder.project && last.reportTotal === total) continue;
        madeFrom.set(key, { analysis: doc.analysis, project: folder.project, reportTotal: total });
        const diagnostics = diagnosticsFor(uri, undefined, info, before, total, severities);
        // a file with nothing to say, and nothing said before, costs no message to the workbench
        if (diagnostics.length || collection.has(uri)) {
          // a set() of more than 1,100 markers sends the workbench only the first 1,100
          if (markers + diagnostics.length > 1000) flush();
          changes.push([uri, diagnostics]);
          markers += diagnostics.length;
        }
      }
    }
    flush();
    for (const key of madeFrom.keys()) if (!seen.has(key) || open.has(key)) madeFrom.delete(key);
    // files deleted or no longer evidence
    collection.forEach((uri) => {
      if (!seen.has(uri.toString()) && !open.has(uri.toString())) collection.delete(uri);
    });
  };
  // one pass at a time: changes during a pass ask for one more pass after it, not another pass
  // beside it (in a 20,000-file workspace, passes started by each change ran side by side, and
  // their slices, due in the same turn of the event loop, held it for long stretches)
  let pass: Promise<void> | undefined;
  let again = false;
  const updateClosedFiles = (): Promise<void> => {
    if (pass) {
      again = true;
      return pass;
    }
    pass = (async () => {
      do {
        again = false;
        await passOverClosedFiles();
      } while (again);
    })().finally(() => (pass = undefined));
    return pass;
  };
  const schedule = (document: vscode.TextDocument, delay = 300) => {
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => {
      timers.delete(key);
      void update(document);
    }, delay));
  };
  const updateAll = () => {
    for (const doc of vscode.workspace.textDocuments) void update(doc);
    void updateClosedFiles();
  };

  for (const doc of vscode.workspace.textDocuments) void update(doc);
  return vscode.Disposable.from(
    collection,
    vscode.workspace.onDidOpenTextDocument((doc) => void update(doc)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length && isEvidenceDocument(e.document)) schedule(e.document);
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      clearTimeout(timers.get(doc.uri.toString()));
      // a closed file keeps its place in the Problems panel, from the index
      if (!service.isIndexed) collection.delete(doc.uri);
    }),
    service.onDidChangeProject(updateAll),
    // another report file's words move this one's word-limit diagnostic; closed files change on disk
    service.onDidChange(updateAll),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('ksbEvidence')) return;
      madeFrom.clear(); // severities changed: every file's diagnostics are redone
      updateAll();
    }),
    { dispose: () => timers.forEach(clearTimeout) },
  );
}
