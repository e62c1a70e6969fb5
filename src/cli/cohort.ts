/**
 * `ksb-evidence --cohort DIR`: each sub-folder of DIR is one apprentice's workspace, loaded as the
 * CLI loads one folder (its own .ksb-evidence.yaml where present, else the defaults) and read into
 * one row of the cohort report. A folder whose config or standard has errors gets a row saying so,
 * with file and line; the other apprentices are still counted.
 */
import { readdirSync, statSync, type Dirent } from 'node:fs';
import * as path from 'node:path';
import { cohortRow, failedRow, formatCohortCsv, formatCohortJson, formatCohortMarkdown, formatCohortTable, sortRows, type Cohort, type CohortRow } from '../core/cohort';
import { isSkippedFolderName } from '../core/config';
import { CoverageAccumulator } from '../core/coverage';
import { formatProblem, type FileProblem } from '../core/problems';
import type { AnalyzerFactory } from '../core/analyze';
import { coverageOptions, loadProject, type LoadProjectOptions } from '../core/project';
import { NodeWorkspace } from './nodeWorkspace';
import { readFiles } from './readFiles';

export const COHORT_FORMATS = ['table', 'json', 'markdown', 'csv'] as const;
export type CohortFormat = (typeof COHORT_FORMATS)[number];

/** A cohort folder that cannot be read as one: the CLI says so and exits 2. */
export class CohortError extends Error {}

/** Apprentices' folders: the sub-folders of `dir` (links to folders too), less hidden and tool folders, in name order. */
export function apprenticeFolders(dir: string, shown: string): string[] {
  let entries: Dirent[];
  try {
    if (!statSync(dir).isDirectory()) throw new CohortError(`--cohort: ${shown} is a file, not a folder of apprentices' folders`);
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    if (e instanceof CohortError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new CohortError(code === 'ENOENT' ? `--cohort: no such folder: ${shown}` : `--cohort: cannot read the folder ${shown}: ${code ?? (e as Error).message}`);
  }
  const names: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || isSkippedFolderName(entry.name)) continue;
    let isDir = entry.isDirectory();
    if (entry.isSymbolicLink()) {
      try {
        isDir = statSync(path.join(dir, entry.name)).isDirectory();
      } catch {
        continue; // a dangling link
      }
    }
    if (isDir) names.push(entry.name);
  }
  if (names.length === 0) throw new CohortError(`--cohort: ${shown} has no apprentice folders (each sub-folder of it is one apprentice's workspace)`);
  return names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** One apprentice's row, and the problems of their config and standard files (paths from the cohort folder). */
export async function countApprentice(dir: string, name: string, load: LoadProjectOptions, makeAnalyzer?: AnalyzerFactory): Promise<{ row: CohortRow; problems: FileProblem[] }> {
  const workspace = new NodeWorkspace(path.join(dir, name));
  const project = await loadProject(workspace, load, makeAnalyzer);
  const problems = project.problems.map((p) => ({ ...p, file: path.isAbsolute(p.file) ? p.file : `${name}/${p.file}` }));
  if (problems.some((p) => p.severity === 'error')) return { row: failedRow(name, problems), problems };
  const paths = await workspace.listEvidenceFiles(project.classifier);
  const warnings = [...workspace.skipped]; // folders the listing could not read
  // a cohort row shows no suggestions: none are ranked
  const acc = new CoverageAccumulator(project.standard, { ...coverageOptions(project), warnings });
  warnings.push(...readFiles(workspace.root, project, paths, acc));
  return { row: cohortRow(name, acc.view()), problems };
}

/** Every apprentice of the cohort, in name order. */
export async function readCohort(dir: string, shown: string, load: LoadProjectOptions, makeAnalyzer?: AnalyzerFactory): Promise<Cohort> {
  const cohort: Cohort = { folder: shown, apprentices: [], problems: [] };
  for (const name of apprenticeFolders(dir, shown)) {
    const { row, problems } = await countApprentice(dir, name, load, makeAnalyzer).catch((e: Error) => {
      const problem: FileProblem = { file: `${name}/`, line: 1, column: 1, severity: 'error', message: `cannot read: ${e.message}` };
      return { row: failedRow(name, [problem]), problems: [problem] };
    });
    cohort.apprentices.push(row);
    cohort.problems.push(...problems);
  }
  sortRows(cohort.apprentices);
  return cohort;
}

export function formatCohort(cohort: Cohort, format: CohortFormat): string {
  return format === 'json' ? formatCohortJson(cohort) : format === 'markdown' ? formatCohortMarkdown(cohort) : format === 'csv' ? formatCohortCsv(cohort) : formatCohortTable(cohort);
}

export interface CohortRun {
  format: CohortFormat;
  load: LoadProjectOptions;
  /** The reader the CLI reads one folder with (the core's by default). */
  makeAnalyzer?: AnalyzerFactory;
  failUnder?: number;
  strict?: boolean;
}

/**
 * Prints the cohort report; returns the exit code: 2 when an apprentice's folder could not be
 * counted, else 1 when one is under --fail-under or (--strict) has unknown codes or untagged
 * sections, else 0.
 */
export async function runCohort(dir: string, shown: string, run: CohortRun, out: (s: string) => unknown, err: (s: string) => unknown): Promise<number> {
  const cohort = await readCohort(dir, shown, run.load, run.makeAnalyzer);
  for (const p of cohort.problems) err(`ksb-evidence: ${formatProblem(p)}\n`);
  await out(formatCohort(cohort, run.format));
  const failed = cohort.apprentices.filter((r) => r.error !== undefined);
  if (failed.length) {
    err(`ksb-evidence: ${failed.length} apprentice folder${failed.length === 1 ? ' was' : 's were'} not counted (${failed.map((r) => r.apprentice).join(', ')}): fix the files above\n`);
    return 2;
  }
  let code = 0;
  const pct = (r: CohortRow) => (r.total ? (r.covered! / r.total) * 100 : 100);
  const under = run.failUnder === undefined ? [] : cohort.apprentices.filter((r) => pct(r) < run.failUnder!);
  if (under.length) {
    err(`ksb-evidence: under --fail-under ${run.failUnder}%: ${under.map((r) => `${r.apprentice} ${r.percent}%`).join(', ')}\n`);
    code = 1;
  }
  const strict = run.strict ? cohort.apprentices.filter((r) => r.unknown! > 0 || r.untagged! > 0) : [];
  if (strict.length) {
    err(`ksb-evidence: --strict: unknown codes or untagged sections in ${strict.map((r) => r.apprentice).join(', ')}\n`);
    code = 1;
  }
  return code;
}
