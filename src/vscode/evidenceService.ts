import * as vscode from 'vscode';
import type { DocumentAnalysis } from '../core/analyze';
import { CONFIG_FILE, isEvidenceFileName, isSkippedFolderName, type EvidenceKind } from '../core/config';
import { buildCoverage, buildCoverageInSlices, reportLimit, wordLimitStatus, type CoverageReport, type EvidenceDocument, type EvidencePlace, type WordLimitStatus } from '../core/coverage';
import type { FileProblem } from '../core/problems';
import { bundledStandard } from '../core/bundled';
import { defaultConfig } from '../core/config';
import { analyzeFile, loadProject, projectOf, type Project } from '../core/project';
import { TimeSlices } from './timeSlices';
import { EVIDENCE_GLOB, VscodeWorkspace } from './vscodeWorkspace';

/** Languages whose documents are evidence: Markdown (also notebook Markdown cells) and Quarto. */
export const EVIDENCE_SELECTOR: vscode.DocumentSelector = [{ language: 'markdown' }, { language: 'quarto' }];

export function isEvidenceDocument(document: vscode.TextDocument): boolean {
  return vscode.languages.match(EVIDENCE_SELECTOR, document) > 0;
}

/** Above this many evidence files, indexing shows a notification that can be cancelled. */
const LARGE_WORKSPACE = 2000;

/** ST1398 with the spec's defaults: for documents that belong to no folder. */
function defaultProject(): Project {
  return projectOf(defaultConfig(), bundledStandard()!, []);
}

/** One workspace folder (or the files outside any folder): its project and its analysed files. */
export class FolderIndex {
  /** Read it freely; change it only through set, delete and clear (they keep the counts). */
  readonly documents = new Map<string, EvidenceDocument>();
  private coverageCache: CoverageReport | undefined;
  /** The last coverage built, kept when the documents change (the tree's items show what its children were made from). */
  private lastCoverage: CoverageReport | undefined;
  /** Counts changes to the documents: a coverage built in slices is cached only if none came meanwhile. */
  private version = 0;
  private building: Promise<CoverageReport> | undefined;
  /** Evidence places per KSB and kind of file, kept as documents come and go (completion asks on every keystroke in a tag). */
  private readonly evidenceCounts = new Map<string, Record<EvidenceKind, number>>();

  constructor(
    readonly workspace: VscodeWorkspace,
    readonly name: string,
    public project: Project,
  ) {}

  set(document: EvidenceDocument): void {
    const old = this.documents.get(document.path);
    if (old) this.count(old, -1);
    this.documents.set(document.path, document);
    this.count(document, 1);
    this.changed();
  }

  delete(path: string): boolean {
    this.changed();
    const old = this.documents.get(path);
    if (old) this.count(old, -1);
    return this.documents.delete(path);
  }

  clear(): void {
    this.documents.clear();
    this.evidenceCounts.clear();
    this.changed();
  }

  clearCoverage(): void {
    this.changed();
  }

  /**
   * Evidence places per KSB code, by kind of file: what coverage().ksbs[].counts says, without
   * building the coverage (in a provider's 20,000 files that takes ~100 ms after every edit).
   */
  counts(): ReadonlyMap<string, Readonly<Record<EvidenceKind, number>>> {
    return this.evidenceCounts;
  }

  /** The documents or the project changed: the coverage is built again when next asked for. */
  private changed(): void {
    this.coverageCache = undefined;
    this.version++;
  }

  /**
   * How many of the standard's KSBs have no evidence place yet (coverage().ksbs' not covered),
   * from the running counts: the view's badge asks after every change.
   */
  missingCount(): number {
    let missing = 0;
    for (const k of this.project.standard.ksbs) {
      const c = this.evidenceCounts.get(k.code);
      if (!c || c.report + c.portfolio + c.other === 0) missing++;
    }
    return missing;
  }

  private count({ kind, analysis }: EvidenceDocument, sign: 1 | -1): void {
    for (const tag of analysis.tags)
      for (const code of tag.codes) {
        let c = this.evidenceCounts.get(code);
        if (!c) this.evidenceCounts.set(code, (c = { report: 0, portfolio: 0, other: 0 }));
        c[kind] += sign;
      }
  }

  /** The report's words against its limit, or undefined when there is no report or no limit. */
  reportStatus(): WordLimitStatus | undefined {
    const limit = reportLimit(this.project.standard, this.project.config);
    let words = 0;
    let files = 0;
    for (const d of this.documents.values())
      if (d.kind === 'report') {
        words += d.analysis.words;
        files++;
      }
    return limit && files ? wordLimitStatus(words, limit.limit, limit.tolerancePercent) : undefined;
  }

  /** Where one KSB is evidenced, without building the whole coverage (hovers ask this often). */
  placesOf(code: string): EvidencePlace[] {
    const places: EvidencePlace[] = [];
    for (const { path, kind, analysis } of this.documents.values())
      for (const tag of analysis.tags)
        if (tag.codes.includes(code)) places.push({ path, line: tag.line + 1, section: tag.form === 'frontmatter' ? '' : analysis.sections[tag.section].heading, kind });
    return places.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
  }

  private get coverageOptions() {
    return { wordLimit: this.project.config.wordLimit, wordTolerancePercent: this.project.config.wordTolerancePercent };
  }

  coverage(): CoverageReport {
    this.coverageCache ??= this.lastCoverage = buildCoverage(this.project.standard, this.documents.values(), this.coverageOptions);
    return this.coverageCache;
  }

  /** The coverage the view last showed, else the current one. */
  shownCoverage(): CoverageReport {
    return this.coverageCache ?? this.lastCoverage ?? this.coverage();
  }

  /**
   * The coverage, built in 5 ms slices when it is not cached: the tree asks after every edit, and
   * in a provider's 20,000 files a build in one go holds the host 20-70 ms. Built from the
   * documents as they were when it began; cached only if none changed meanwhile.
   */
  coverageInSlices(): Promise<CoverageReport> {
    if (this.coverageCache) return Promise.resolve(this.coverageCache);
    this.building ??= (async () => {
      const version = this.version;
      const slices = new TimeSlices(5);
      const report = await buildCoverageInSlices(this.project.standard, [...this.documents.values()], this.coverageOptions, () => slices.pause());
      this.lastCoverage = report;
      if (this.version === version) this.coverageCache = report;
      return report;
    })().finally(() => (this.building = undefined));
    return this.building;
  }
}

export interface DocumentInfo {
  analysis: DocumentAnalysis;
  folder: FolderIndex;
  /** Folder-relative path. */
  path: string;
  kind: EvidenceDocument['kind'];
}

/**
 * Keeps every folder's project (config + standard) and an index of its evidence files, from disk
 * for closed files and from the editor for open ones. Indexing is lazy: nothing is read until a
 * feature asks, and then it runs in the background with progress.
 */
export class EvidenceService implements vscode.Disposable {
  private readonly folders = new Map<string, Promise<FolderIndex>>();
  private readonly liveCache = new WeakMap<vscode.TextDocument, { version: number; info: DocumentInfo }>();
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly projectEmitter = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly problems: vscode.DiagnosticCollection;
  private indexing: Promise<void> | undefined;
  private indexDone = false;
  /** Which index() run is the current one: a Refresh or a reload supersedes a run still going. */
  private indexRun = 0;
  private defaultFolder: Promise<FolderIndex> | undefined;
  private changeTimer: ReturnType<typeof setTimeout> | undefined;
  /** Files changed on disk since they were last read (watcher, a closed editor, a rename), by uri. */
  private readonly stale = new Map<string, vscode.Uri>();
  /** Created things that are not evidence files by name: folders among them are walked for evidence. */
  private readonly createdOther = new Map<string, vscode.Uri>();
  /** Deleted things that were not indexed files: folders among them take their files with them. */
  private readonly removedOther = new Map<string, vscode.Uri>();
  private draining: Promise<void> | undefined;

  /** The index changed (an edit, a file created or deleted); fired at most every 250 ms. */
  readonly onDidChange = this.changeEmitter.event;
  /** A config or standard file changed: everything was re-read. */
  readonly onDidChangeProject = this.projectEmitter.event;

  constructor() {
    this.problems = vscode.languages.createDiagnosticCollection('ksb-evidence-config');
    // creations through a watcher of everything: a folder copied in (a cohort unzipped, a branch
    // checked out) may be reported as the folder alone, without the files in it
    const watcher = vscode.workspace.createFileSystemWatcher(EVIDENCE_GLOB, true, false, true);
    // and deletions too: a folder moved out is reported as the folder alone
    const createdWatcher = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    const configWatcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE}`);
    const standardWatcher = vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}', true, false, true);
    this.disposables.push(
      this.problems,
      this.changeEmitter,
      this.projectEmitter,
      watcher,
      createdWatcher,
      configWatcher,
      standardWatcher,
      createdWatcher.onDidCreate((uri) => this.created(uri)),
      watcher.onDidChange((uri) => this.markStale(uri)),
      createdWatcher.onDidDelete((uri) => this.forget(uri)),
      configWatcher.onDidCreate((uri) => this.reloadProjectOf(uri)),
      configWatcher.onDidChange((uri) => this.reloadProjectOf(uri)),
      configWatcher.onDidDelete((uri) => this.reloadProjectOf(uri)),
      standardWatcher.onDidChange((uri) => this.reloadIfStandard(uri)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.reloadAll()),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        // an unsaved edit is gone: the file on disk is the evidence again
        if (isEvidenceDocument(doc) && doc.uri.scheme !== 'vscode-notebook-cell') this.markStale(doc.uri);
      }),
      vscode.workspace.onDidRenameFiles((e) => {
        for (const f of e.files) {
          void this.forget(f.oldUri);
          this.markStale(f.newUri);
        }
      }),
    );
  }

  dispose(): void {
    clearTimeout(this.changeTimer);
    for (const d of this.disposables) d.dispose();
  }

  /** Whether every folder has been indexed (so coverage counts are complete). */
  get isIndexed(): boolean {
    return this.indexDone;
  }

  /** The folder a uri belongs to (created and its project loaded on first use). */
  folderOf(uri: vscode.Uri): Promise<FolderIndex> {
    const owner = vscode.workspace.getWorkspaceFolder(uri.scheme === 'vscode-notebook-cell' ? uri.with({ scheme: 'file', fragment: '' }) : uri);
    // An untitled document belongs to the first folder (it is new evidence being written there);
    // a file outside every folder to its own folder.
    const first = vscode.workspace.workspaceFolders?.[0];
    const root = owner ? owner.uri : uri.scheme === 'untitled' && first ? first.uri : uri.scheme === 'untitled' ? undefined : vscode.Uri.joinPath(uri, '..');
    if (!root) {
      this.defaultFolder ??= Promise.resolve(new FolderIndex(new VscodeWorkspace(uri.with({ path: '/' })), 'untitled', defaultProject()));
      return this.defaultFolder;
    }
    const key = root.toString();
    let folder = this.folders.get(key);
    if (!folder) {
      folder = this.createFolder(root, owner?.name ?? root.path.split('/').pop() ?? '');
      this.folders.set(key, folder);
    }
    return folder;
  }

  private async createFolder(root: vscode.Uri, name: string): Promise<FolderIndex> {
    const workspace = new VscodeWorkspace(root);
    return new FolderIndex(workspace, name, await this.loadProject(workspace));
  }

  private async loadProject(workspace: VscodeWorkspace): Promise<Project> {
    const project = await loadProject(workspace, {});
    this.showProblems(workspace, project.problems);
    return project;
  }

  /** Config and standard problems become diagnostics on those files, at the line. */
  private showProblems(workspace: VscodeWorkspace, problems: FileProblem[]): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const p of problems) {
      const range = new vscode.Range(p.line - 1, Math.max(0, p.column - 1), p.line - 1, Number.MAX_SAFE_INTEGER);
      const d = new vscode.Diagnostic(range, p.message, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      d.source = 'ksb-evidence';
      d.code = 'config';
      const list = byFile.get(p.file) ?? [];
      list.push(d);
      byFile.set(p.file, list);
    }
    for (const [file, list] of byFile) this.problems.set(workspace.uri(file), list);
    if (problems.some((p) => p.severity === 'error')) {
      const first = problems.find((p) => p.severity === 'error')!;
      void vscode.window.showWarningMessage(`KSB Evidence: ${first.file}:${first.line}: ${first.message}`);
    }
  }

  /** Analysis of an open document, cached per version. */
  async analyze(document: vscode.TextDocument): Promise<DocumentInfo> {
    const cached = this.liveCache.get(document);
    if (cached && cached.version === document.version) return cached.info;
    const folder = await this.folderOf(document.uri);
    const path = folder.workspace.relative(document.uri) ?? document.uri.path.split('/').pop() ?? document.uri.toString();
    const analysis = folder.project.analyzer.analyze(document.getText());
    const info: DocumentInfo = { analysis, folder, path, kind: folder.project.classifier.kind(path, analysis.frontMatter?.evidence) };
    this.liveCache.set(document, { version: document.version, info });
    // Open files in the folder feed the index live (notebook cells are not files of their own).
    if (document.uri.scheme !== 'vscode-notebook-cell' && folder.workspace.relative(document.uri) !== undefined && !folder.project.classifier.ignored(path)) {
      folder.set({ path, kind: info.kind, analysis });
      this.fireChange();
    }
    return info;
  }

  /**
   * Every folder's index, built once in the background with progress: in the status bar for a
   * normal workspace, as a cancellable notification for a large one (a provider's 20,000 files).
   */
  ensureIndexed(): Promise<void> {
    this.indexing ??= this.index();
    return this.indexing;
  }

  /** Forgets the index and builds it again (the view's Refresh). */
  reindex(): Promise<void> {
    for (const folder of this.folders.values()) void folder.then((f) => f.clear());
    this.indexRun++;
    this.indexing = undefined;
    this.indexDone = false;
    return this.ensureIndexed();
  }

  private async index(): Promise<void> {
    const run = this.indexRun;
    const superseded = () => run !== this.indexRun;
    const folders = await this.workspaceFolders();
    const lists = await Promise.all(folders.map((f) => f.workspace.listEvidenceFiles(f.project.classifier)));
    if (superseded()) return; // by a Refresh or a reload while listing
    const total = lists.reduce((n, l) => n + l.length, 0);
    const large = total > LARGE_WORKSPACE;
    let cancelled = false;
    await vscode.window.withProgress(
      { location: large ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window, title: 'KSB Evidence: indexing evidence files', cancellable: large },
      async (progress, cancel) => {
        const token = { get isCancellationRequested() { return cancel.isCancellationRequested || superseded(); } };
        const counter = { done: 0, total, reported: 0 };
        for (let i = 0; i < folders.length && !token.isCancellationRequested; i++) await this.indexFolder(folders[i], lists[i], progress, token, counter);
        cancelled = cancel.isCancellationRequested;
      },
    );
    if (superseded()) return; // the newer run finishes the job
    if (cancelled) void vscode.window.showInformationMessage('KSB Evidence: indexing was cancelled, so coverage counts only the files read so far. Refresh the KSB Coverage view to index again.');
    this.indexDone = true;
    this.fireChange(true);
  }

  private async indexFolder(
    folder: FolderIndex,
    paths: string[],
    progress?: vscode.Progress<{ message?: string; increment?: number }>,
    token?: { readonly isCancellationRequested: boolean },
    counter = { done: 0, total: paths.length, reported: 0 },
  ): Promise<void> {
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    let next = 0;
    const slices = new TimeSlices(15);
    const worker = async () => {
      while (next < paths.length && !token?.isCancellationRequested) {
        const path = paths[next++];
        const key = folder.workspace.uri(path).toString();
        // read from here on: a change reported before now is in what is read
        this.stale.delete(key);
        const doc = open.get(key);
        if (doc && !doc.isClosed) {
          // an open file: its editor text (cached per version) is the evidence
          const info = await this.analyze(doc);
          folder.set({ path, kind: info.kind, analysis: info.analysis });
        } else {
          const bytes = await folder.workspace.readFile(path).catch(() => undefined);
          if (bytes) {
            const { document } = analyzeFile(folder.project, path, bytes);
            if (document && !token?.isCancellationRequested) folder.set(document);
          }
        }
        counter.done++;
        // never hold the extension host for long: yield every ~15 ms of work
        if (slices.due) {
          if (counter.done > counter.reported) progress?.report({ message: `${counter.done.toLocaleString('en-GB')} of ${counter.total.toLocaleString('en-GB')} files`, increment: ((counter.done - counter.reported) / counter.total) * 100 });
          counter.reported = counter.done;
          await slices.pause();
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(16, paths.length) }, worker));
  }

  /** Loaded folders (after ensureIndexed, every workspace folder). */
  async loadedFolders(): Promise<FolderIndex[]> {
    return Promise.all(this.folders.values());
  }

  async workspaceFolders(): Promise<FolderIndex[]> {
    return Promise.all((vscode.workspace.workspaceFolders ?? []).map((f) => this.folderOf(f.uri)));
  }

  /** Something was created: an evidence file is read, anything else may be a folder to walk. */
  private created(uri: vscode.Uri): void {
    if (isEvidenceFileName(uri.path)) return this.markStale(uri);
    if (!this.indexing || uri.path.split('/').some(isSkippedFolderName)) return;
    this.createdOther.set(uri.toString(), uri);
    this.drain();
  }

  /** A created folder's evidence files become stale (they are read with the rest). */
  private async walkCreated(uri: vscode.Uri): Promise<void> {
    const folder = await this.folderOf(uri);
    const path = folder.workspace.relative(uri);
    if (path === undefined || folder.project.classifier.ignored(`${path}/`) || !(await folder.workspace.isFolder(path))) return;
    for (const p of await folder.workspace.listEvidenceFiles(folder.project.classifier, path)) this.markStale(folder.workspace.uri(p));
  }

  /**
   * A file changed on disk: it is read again soon, a few at a time in short slices. Creating a
   * cohort's 20,000 files reports 20,000 changes; read all at once, their completions would hold
   * the host for long stretches, and while the index is being built it reads them anyway.
   */
  private markStale(uri: vscode.Uri): void {
    if (!this.indexing || !isEvidenceFileName(uri.path)) return;
    this.stale.set(uri.toString(), uri);
    this.drain();
  }

  /** Works through the stale files, created folders and deletions, one loop at a time. */
  private drain(): void {
    this.draining ??= this.readStale().finally(() => (this.draining = undefined));
  }

  private async readStale(): Promise<void> {
    const slices = new TimeSlices();
    const drop = () => {
      this.stale.clear();
      this.createdOther.clear();
      this.removedOther.clear();
    };
    while (this.stale.size || this.createdOther.size || this.removedOther.size) {
      // the folders were reloaded: nothing is indexed until a feature asks
      if (!this.indexing) return drop();
      // deletions before creations: a folder moved out and back in ends indexed
      if (this.removedOther.size) await this.forgetInsideRemoved(slices);
      // a folder walked, then a few files read: neither waits for all of the other
      if (this.createdOther.size) {
        const [key, uri] = this.createdOther.entries().next().value!;
        this.createdOther.delete(key);
        // what is inside it, reported before this walk, is walked with it
        for (const inner of this.createdOther.keys()) if (inner.startsWith(key + '/')) this.createdOther.delete(inner);
        await this.walkCreated(uri).catch(() => undefined);
      }
      // the index being built reads these files itself, and takes each off the list as it does
      if (!this.indexDone) {
        const building = this.indexing;
        await building.catch(() => undefined);
        // that index failed: there is nothing to bring up to date until one is built again
        if (this.indexing === building && !this.indexDone) return drop();
        continue;
      }
      const batch: vscode.Uri[] = [];
      for (const [key, uri] of this.stale) {
        this.stale.delete(key);
        batch.push(uri);
        if (batch.length === 32) break;
      }
      await Promise.all(batch.map((uri) => this.refreshFromDisk(uri).catch(() => undefined)));
      await slices.pause();
    }
  }

  private async refreshFromDisk(uri: vscode.Uri): Promise<void> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open && open.isDirty) return; // the editor's text is the newer one
    const folder = await this.folderOf(uri);
    const path = folder.workspace.relative(uri);
    if (path === undefined || folder.project.classifier.ignored(path)) return;
    const bytes = await folder.workspace.readFile(path).catch(() => undefined);
    if (!bytes) {
      if (folder.delete(path)) this.fireChange();
      return;
    }
    const { document } = analyzeFile(folder.project, path, bytes);
    if (document) folder.set(document);
    else folder.delete(path);
    this.fireChange();
  }

  private async forget(uri: vscode.Uri): Promise<void> {
    for (const folder of await this.loadedFolders()) {
      const path = folder.workspace.relative(uri);
      if (path === undefined) continue;
      this.stale.delete(uri.toString());
      if (folder.delete(path)) this.fireChange();
      else if (!isEvidenceFileName(path)) {
        // perhaps a folder: its files go in one pass over the index with the other deletions
        // (a build's thousands of deleted files, one pass each, would hold the host)
        this.removedOther.set(uri.toString(), uri);
        this.drain();
      }
    }
  }

  /** The indexed files inside the deleted things queued so far are forgotten. */
  private async forgetInsideRemoved(slices: TimeSlices): Promise<void> {
    const removed = [...this.removedOther.values()];
    this.removedOther.clear();
    for (const folder of await this.loadedFolders()) {
      const paths = new Set(removed.map((uri) => folder.workspace.relative(uri)).filter((p) => p !== undefined));
      if (!paths.size) continue;
      let changed = false;
      for (const p of [...folder.documents.keys()]) {
        // the file's folders, outermost first: a/b/c.md -> a, a/b
        for (let i = p.indexOf('/'); i > 0; i = p.indexOf('/', i + 1))
          if (paths.has(p.slice(0, i))) {
            changed = folder.delete(p) || changed;
            break;
          }
        if (slices.due) await slices.pause();
      }
      if (changed) this.fireChange();
    }
  }

  private async reloadProjectOf(uri: vscode.Uri): Promise<void> {
    const folder = await this.folderOf(uri);
    if (folder.workspace.relative(uri) !== CONFIG_FILE) return;
    await this.reload(folder);
  }

  private async reloadIfStandard(uri: vscode.Uri): Promise<void> {
    for (const folder of await this.loadedFolders()) {
      const origin = folder.project.standard.origin;
      if (origin.startsWith('bundled:')) continue;
      if (folder.workspace.uri(origin).toString() === uri.toString()) await this.reload(folder);
    }
  }

  /** Re-reads config and standard, then every file: codes and rules may all have changed. */
  private async reload(folder: FolderIndex): Promise<void> {
    this.problems.clear();
    folder.project = await this.loadProject(folder.workspace);
    folder.clear();
    if (this.indexing) await this.indexFolder(folder, await folder.workspace.listEvidenceFiles(folder.project.classifier));
    for (const doc of vscode.workspace.textDocuments) if (isEvidenceDocument(doc)) this.liveCache.delete(doc);
    this.projectEmitter.fire();
    this.fireChange(true);
  }

  private async reloadAll(): Promise<void> {
    this.indexRun++;
    this.folders.clear();
    this.indexing = undefined;
    this.indexDone = false;
    this.projectEmitter.fire();
    this.fireChange(true);
  }

  private fireChange(now = false): void {
    clearTimeout(this.changeTimer);
    if (now) this.changeEmitter.fire();
    else this.changeTimer = setTimeout(() => this.changeEmitter.fire(), 250);
  }
}
