import { createAnalyzer, type Analyzer, type AnalyzerFactory } from './analyze';
import { bundledStandard, BUNDLED_STANDARD_IDS } from './bundled';
import { CONFIG_FILE, createClassifier, defaultConfig, parseConfig, type Classifier, type ProjectConfig } from './config';
import { sectionBudgets, type SectionBudget } from './budgets';
import { reportLimit, type CoverageOptions, type EvidenceDocument } from './coverage';
import { buildSuggestIndex, suggestKsbs, type SuggestIndex } from './suggest';
import type { FileProblem } from './problems';
import { parseStandard, type Standard } from './standard';

/**
 * The one way the core reads files. The CLI backs it with node:fs, the extension with
 * vscode.workspace.fs, tests with a Map. Paths are relative to the workspace root, `/`-separated.
 */
export interface EvidenceWorkspace {
  /** Paths of the evidence files (Markdown and Quarto), with ignored folders already skipped, in no particular order. */
  listEvidenceFiles(classifier: Classifier): Promise<string[]>;
  /** The bytes of a file, or undefined when there is no such file. */
  readFile(path: string): Promise<Uint8Array | undefined>;
  /** Whether a path inside the folder stays inside once links are followed (a link may lead anywhere on the machine). */
  staysInside?(path: string): Promise<boolean>;
}

export interface Project {
  config: ProjectConfig;
  standard: Standard;
  analyzer: Analyzer;
  classifier: Classifier;
  /** Problems of the config and standard files. Errors there fall back to defaults or ST1398. */
  problems: FileProblem[];
  /** The standard's codes that best fit a section's text, best first (its index is built on first use). */
  suggest(sectionText: string, max?: number): string[];
}

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Text of a file, or a warning when it is not text we can read as evidence. */
export function decodeEvidence(bytes: Uint8Array): { text?: string; warning?: string } {
  const head = bytes.subarray(0, 8000);
  if (head.includes(0)) return { warning: 'binary file (it holds NUL bytes); skipped' };
  try {
    return { text: strictDecoder.decode(bytes) };
  } catch {
    return { text: decoder.decode(bytes), warning: 'not valid UTF-8; read with replacement characters' };
  }
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** Joins a relative path onto a folder, resolving `.` and `..`; absolute paths stay as they are. */
export function joinPath(folder: string, relative: string): string {
  if (relative.startsWith('/') || /^[A-Za-z]:[\\/]/.test(relative)) return relative;
  const parts = folder ? folder.split('/') : [];
  for (const part of relative.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

export interface LoadProjectOptions {
  /** A config file to read instead of `.ksb-evidence.yaml` at the root (workspace-relative). */
  configPath?: string;
  /** Overrides the config's standard: a bundled id or a workspace-relative path. */
  standard?: string;
  /**
   * A standard outside the workspace folder: the CLI reads what its user names (`read`, the
   * default); the editor reads it only in a trusted workspace, and never shows its content or key
   * names (`readWithoutDetails`), since a cloned repository's config must not make it read and
   * show files from elsewhere on the machine (`refuse`: untrusted).
   */
  outside?: 'read' | 'readWithoutDetails' | 'refuse';
}

/** Whether a workspace-relative path (as joinPath gives it) leaves the workspace folder. */
export function isOutsideWorkspace(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path === '..' || path.startsWith('../');
}

/** A project from a config and a standard already in hand. */
export function projectOf(config: ProjectConfig, standard: Standard, problems: FileProblem[] = [], makeAnalyzer: AnalyzerFactory = createAnalyzer): Project {
  return {
    config,
    standard,
    analyzer: makeAnalyzer(standard, { minWords: config.minWords, excludedHeadings: config.excludedHeadings }),
    classifier: createClassifier(config),
    problems,
    suggest: suggester(standard),
  };
}

/** Suggestions over one standard: the index is built once, when a section is first asked about. */
function suggester(standard: Standard): Project['suggest'] {
  let index: SuggestIndex | undefined;
  return (text, max = 5) => suggestKsbs(standard, text, max, (index ??= buildSuggestIndex(standard))).map((s) => s.code);
}

/** Reads the config and the standard it names. Never throws for bad files: they become problems. */
export async function loadProject(workspace: EvidenceWorkspace, options: LoadProjectOptions = {}, makeAnalyzer?: AnalyzerFactory): Promise<Project> {
  const problems: FileProblem[] = [];
  const configPath = options.configPath ?? CONFIG_FILE;
  const { config, text } = await readConfig(workspace, configPath, options, problems);
  const standardRef = options.standard ?? config.standard;
  const fromConfig = options.standard === undefined;
  const namedIn = fromConfig ? { file: configPath, line: lineOfKey(text, 'standard') } : undefined;
  const standard = await loadStandard(workspace, standardRef, fromConfig ? dirname(configPath) : '', problems, namedIn, options.outside ?? 'read');
  return projectOf(config, standard, problems, makeAnalyzer);
}

/** A problem of a file outside the workspace: where it is, never what (no key or text of the file). */
function withoutDetails({ file, line, column, severity }: FileProblem, what: string): FileProblem {
  return { file, line, column, severity, message: `not a valid ${what} at this line (the details of a file outside the workspace are not shown)` };
}

/** The config, or the defaults when there is none (or it cannot be read, or may not be). */
async function readConfig(workspace: EvidenceWorkspace, configPath: string, options: LoadProjectOptions, problems: FileProblem[]): Promise<{ config: ProjectConfig; text: string }> {
  const defaults = { config: defaultConfig(), text: '' };
  // a config that is a link out of the folder is treated as the outside file it is
  const linkedOut = (options.outside ?? 'read') !== 'read' && workspace.staysInside !== undefined && !(await workspace.staysInside(configPath));
  if (linkedOut && options.outside === 'refuse') {
    problems.push({ file: configPath, line: 1, column: 1, severity: 'warning', message: 'not read, so the defaults apply: this file is a link to a file outside the workspace folder, and files outside it are read only in a trusted workspace' });
    return defaults;
  }
  const bytes = await workspace.readFile(configPath).catch((e: Error) => {
    problems.push({ file: configPath, line: 1, column: 1, severity: 'error', message: `cannot read: ${e.message}` });
    return null;
  });
  if (bytes === null) return defaults;
  if (bytes === undefined) {
    if (options.configPath !== undefined) problems.push({ file: configPath, line: 1, column: 1, severity: 'error', message: 'config file not found' });
    return defaults;
  }
  const text = decoder.decode(bytes);
  const result = parseConfig(text, configPath);
  problems.push(...(linkedOut ? result.problems.map((p) => withoutDetails(p, 'setting')) : result.problems));
  return { config: result.config, text: linkedOut ? '' : text };
}

/** 1-based line of a top-level `key:` in YAML text, else 1. */
function lineOfKey(text: string, key: string): number {
  const m = new RegExp(`^["']?${key}["']?\\s*:`, 'm').exec(text);
  return m ? text.slice(0, m.index).split('\n').length : 1;
}

/** A bundled id or a YAML path; on any problem, the problem is recorded and ST1398 is used. */
async function loadStandard(workspace: EvidenceWorkspace, ref: string, base: string, problems: FileProblem[], namedIn: { file: string; line: number } | undefined, outsideRule: NonNullable<LoadProjectOptions['outside']>): Promise<Standard> {
  const fallback = bundledStandard()!;
  const bundled = bundledStandard(ref);
  if (bundled) return bundled;
  const at = (path: string) => namedIn ?? { file: path, line: 1 };
  if (!/\.ya?ml$/i.test(ref)) {
    problems.push({ ...at(ref), column: 1, severity: 'error', message: `unknown standard "${ref}": give a bundled id (${BUNDLED_STANDARD_IDS.join(', ')}) or a path to a standard .yaml file; using ${fallback.id}` });
    return fallback;
  }
  const path = joinPath(base, ref);
  const outside = isOutsideWorkspace(path) || (outsideRule !== 'read' && workspace.staysInside !== undefined && !(await workspace.staysInside(path)));
  if (outside && outsideRule === 'refuse') {
    problems.push({ ...at(path), column: 1, severity: 'warning', message: `using the bundled ${fallback.id}: the standard ${path} is outside the workspace folder, and files outside it are read only in a trusted workspace (trust this workspace to use it)` });
    return fallback;
  }
  const bytes = await workspace.readFile(path).catch((e: Error) => {
    problems.push({ file: path, line: 1, column: 1, severity: 'error', message: `cannot read the standard: ${e.message}; using ${fallback.id}` });
    return null;
  });
  if (bytes === null) return fallback;
  if (bytes === undefined) {
    problems.push({ ...at(path), column: 1, severity: 'error', message: `standard file not found: ${path}; using ${fallback.id}` });
    return fallback;
  }
  const result = parseStandard(decoder.decode(bytes), path);
  // a file outside the workspace is not echoed (its keys or text): only where it went wrong
  problems.push(...(outside && outsideRule === 'readWithoutDetails' ? result.problems.map((p) => withoutDetails(p, 'standard file')) : result.problems));
  if (!result.standard) {
    problems.push({ file: path, line: 1, column: 1, severity: 'error', message: `the standard could not be loaded; using the bundled ${fallback.id}` });
    return fallback;
  }
  return result.standard;
}

/** Analyses one file's bytes as the project reads evidence; `text` is the decoded text. */
export function analyzeFile(project: Project, path: string, bytes: Uint8Array): { document?: EvidenceDocument; text?: string; warning?: string } {
  const { text, warning } = decodeEvidence(bytes);
  if (text === undefined) return { warning };
  const analysis = project.analyzer.analyze(text);
  return { document: { path, kind: project.classifier.kind(path, analysis.frontMatter?.evidence), analysis }, text, warning };
}

export type FileWarning = { path: string; message: string };

/**
 * Reads one evidence file into `onDocument`, with its text (a warning when it is not text we can
 * read well, or cannot be read at all); a file deleted since the listing is skipped. No promise
 * and no await a file.
 */
export function takeEvidenceFileSync(
  project: Project,
  path: string,
  read: (path: string) => Uint8Array | undefined,
  onDocument: (document: EvidenceDocument, text: string) => void,
  warnings: FileWarning[],
): void {
  try {
    const bytes = read(path);
    if (bytes === undefined) return;
    const result = analyzeFile(project, path, bytes);
    if (result.warning) warnings.push({ path, message: result.warning });
    if (result.document) onDocument(result.document, result.text!);
  } catch (e) {
    warnings.push({ path, message: `cannot read: ${(e as Error).message}` });
  }
}

/** Warnings in path order, as every output lists them. */
export function sortWarnings(warnings: FileWarning[]): FileWarning[] {
  return warnings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The coverage's options from a project: its word limit and tolerance, budgets, and suggestions where the output shows them. */
export function coverageOptions(project: Project, { suggestions = false } = {}): CoverageOptions {
  const { wordLimit, wordTolerancePercent, budgets } = project.config;
  return { wordLimit, wordTolerancePercent, budgets, ...(suggestions ? { suggest: (text: string) => project.suggest(text, 5) } : {}) };
}

/** A document's section budgets as its project plans them: the project's budgets and the standard's tolerance. */
export function budgetsIn(project: Project, sections: Parameters<typeof sectionBudgets>[0]): SectionBudget[] {
  return sectionBudgets(sections, project.config.budgets, reportLimit(project.standard, project.config)?.tolerancePercent ?? 0);
}
