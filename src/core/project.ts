import { createAnalyzer, type Analyzer, type AnalyzerFactory } from './analyze';
import { bundledStandard, BUNDLED_STANDARD_IDS } from './bundled';
import { CONFIG_FILE, createClassifier, defaultConfig, parseConfig, type Classifier, type ProjectConfig } from './config';
import { CoverageAccumulator, type CoverageSink, type CoverageView, type EvidenceDocument } from './coverage';
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
}

export interface Project {
  config: ProjectConfig;
  standard: Standard;
  analyzer: Analyzer;
  classifier: Classifier;
  /** Problems of the config and standard files. Errors there fall back to defaults or ST1398. */
  problems: FileProblem[];
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
}

/** A project from a config and a standard already in hand. */
export function projectOf(config: ProjectConfig, standard: Standard, problems: FileProblem[] = [], makeAnalyzer: AnalyzerFactory = createAnalyzer): Project {
  return {
    config,
    standard,
    analyzer: makeAnalyzer(standard, { minWords: config.minWords, excludedHeadings: config.excludedHeadings }),
    classifier: createClassifier(config),
    problems,
  };
}

/** Reads the config and the standard it names. Never throws for bad files: they become problems. */
export async function loadProject(workspace: EvidenceWorkspace, options: LoadProjectOptions = {}, makeAnalyzer?: AnalyzerFactory): Promise<Project> {
  const problems: FileProblem[] = [];
  const configPath = options.configPath ?? CONFIG_FILE;
  let config: ProjectConfig = defaultConfig();
  const configBytes = await workspace.readFile(configPath).catch((e: Error) => {
    problems.push({ file: configPath, line: 1, column: 1, severity: 'error', message: `cannot read: ${e.message}` });
    return undefined;
  });
  if (configBytes === undefined && options.configPath !== undefined && problems.length === 0)
    problems.push({ file: configPath, line: 1, column: 1, severity: 'error', message: 'config file not found' });
  if (configBytes !== undefined) {
    const result = parseConfig(decoder.decode(configBytes), configPath);
    config = result.config;
    problems.push(...result.problems);
  }
  const standardRef = options.standard ?? config.standard;
  const standard = await loadStandard(workspace, standardRef, options.standard !== undefined ? '' : dirname(configPath), problems, options.standard === undefined ? configPath : undefined);
  return projectOf(config, standard, problems, makeAnalyzer);
}

/** A bundled id or a YAML path; on any problem, the problem is recorded and ST1398 is used. */
async function loadStandard(workspace: EvidenceWorkspace, ref: string, base: string, problems: FileProblem[], namedIn?: string): Promise<Standard> {
  const fallback = bundledStandard()!;
  const bundled = bundledStandard(ref);
  if (bundled) return bundled;
  if (!/\.ya?ml$/i.test(ref)) {
    problems.push({ file: namedIn ?? ref, line: 1, column: 1, severity: 'error', message: `unknown standard "${ref}": give a bundled id (${BUNDLED_STANDARD_IDS.join(', ')}) or a path to a standard .yaml file; using ${fallback.id}` });
    return fallback;
  }
  const path = joinPath(base, ref);
  const bytes = await workspace.readFile(path).catch((e: Error) => {
    problems.push({ file: path, line: 1, column: 1, severity: 'error', message: `cannot read the standard: ${e.message}; using ${fallback.id}` });
    return null;
  });
  if (bytes === null) return fallback;
  if (bytes === undefined) {
    problems.push({ file: namedIn ?? path, line: 1, column: 1, severity: 'error', message: `standard file not found: ${path}; using ${fallback.id}` });
    return fallback;
  }
  const result = parseStandard(decoder.decode(bytes), path);
  problems.push(...result.problems);
  if (!result.standard) {
    problems.push({ file: path, line: 1, column: 1, severity: 'error', message: `the standard could not be loaded; using the bundled ${fallback.id}` });
    return fallback;
  }
  return result.standard;
}

/** Analyses one file's bytes as the project reads evidence. */
export function analyzeFile(project: Project, path: string, bytes: Uint8Array): { document?: EvidenceDocument; warning?: string } {
  return decodeAndAnalyze(project, path, bytes);
}

/**
 * Reads one file's bytes for the coverage alone: straight into `sink` where the analyzer can (no
 * document comes back), else as a document for the caller to add.
 */
export function coverageOfFile(project: Project, path: string, bytes: Uint8Array, sink: CoverageSink): { document?: EvidenceDocument; warning?: string } {
  void sink;
  return decodeAndAnalyze(project, path, bytes);
}

/** The JS reader's way, and the way of every file a reader of bytes leaves: decode, then analyze(). */
function decodeAndAnalyze(project: Project, path: string, bytes: Uint8Array): { document?: EvidenceDocument; warning?: string } {
  const { text, warning } = decodeEvidence(bytes);
  if (text === undefined) return { warning };
  const analysis = project.analyzer.analyze(text);
  return { document: { path, kind: project.classifier.kind(path, analysis.frontMatter?.evidence), analysis }, warning };
}

export type FileWarning = { path: string; message: string };

type AnalyzeFile = (project: Project, path: string, bytes: Uint8Array) => { document?: EvidenceDocument; warning?: string };

/**
 * Reads one evidence file into `onDocument` (a warning when it is not text we can read well, or
 * cannot be read at all); a file deleted since the listing is skipped. Every reader of a whole
 * workspace (here, and each thread of the CLI) goes through it or its synchronous twin.
 */
export async function takeEvidenceFile(
  project: Project,
  path: string,
  read: (path: string) => Uint8Array | undefined | Promise<Uint8Array | undefined>,
  onDocument: (document: EvidenceDocument) => void,
  warnings: FileWarning[],
): Promise<void> {
  let bytes: Uint8Array | undefined;
  try {
    bytes = await read(path);
  } catch (e) {
    warnings.push({ path, message: `cannot read: ${(e as Error).message}` });
    return;
  }
  takeEvidenceFileSync(project, path, () => bytes, onDocument, warnings);
}

/**
 * takeEvidenceFile for a reader that has the bytes at once (the CLI's): no promise and no await a
 * file, and one small function for the JIT to optimise instead of an async one.
 */
export function takeEvidenceFileSync(
  project: Project,
  path: string,
  read: (path: string) => Uint8Array | undefined,
  onDocument: (document: EvidenceDocument) => void,
  warnings: FileWarning[],
  analyze: AnalyzeFile = analyzeFile,
): void {
  try {
    const bytes = read(path);
    if (bytes === undefined) return;
    const result = analyze(project, path, bytes);
    if (result.warning) warnings.push({ path, message: result.warning });
    if (result.document) onDocument(result.document);
  } catch (e) {
    warnings.push({ path, message: `cannot read: ${(e as Error).message}` });
  }
}

/** Warnings in path order, as every output lists them. */
export function sortWarnings(warnings: FileWarning[]): FileWarning[] {
  return warnings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export interface ScanOptions {
  /** The files to read, when already listed; by default the workspace lists them. */
  paths?: string[];
  /** Files read at once; bounded so memory stays flat on huge workspaces. */
  concurrency?: number;
  /** Stops early when it returns true. */
  cancelled?: () => boolean;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Reads and analyses every evidence file, handing each document to `onDocument` as soon as it is
 * analysed; no file's text or analysis is held here.
 */
export async function scanWorkspace(
  workspace: EvidenceWorkspace,
  project: Project,
  onDocument: (document: EvidenceDocument) => void,
  options: ScanOptions = {},
): Promise<{ warnings: { path: string; message: string }[] }> {
  const paths = options.paths ?? (await workspace.listEvidenceFiles(project.classifier));
  const warnings: { path: string; message: string }[] = [];
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < paths.length && !options.cancelled?.()) {
      await takeEvidenceFile(project, paths[next++], (p) => workspace.readFile(p), onDocument, warnings);
      options.onProgress?.(++done, paths.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 32, Math.max(1, paths.length)) }, worker));
  return { warnings: sortWarnings(warnings) };
}

/** Loads the project, scans it and aggregates the coverage as it goes: what the CLI prints. */
export async function coverageOf(workspace: EvidenceWorkspace, options: LoadProjectOptions & ScanOptions = {}): Promise<{ project: Project; report: CoverageView }> {
  const project = await loadProject(workspace, options);
  const warnings: { path: string; message: string }[] = [];
  const acc = new CoverageAccumulator(project.standard, { wordLimit: project.config.wordLimit, wordTolerancePercent: project.config.wordTolerancePercent, warnings });
  const scan = await scanWorkspace(workspace, project, (d) => acc.add(d), options);
  warnings.push(...scan.warnings);
  return { project, report: acc.view() };
}
