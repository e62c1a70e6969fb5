import * as vscode from 'vscode';
import { bundledStandard } from '../core/bundled';
import { CONFIG_FILE, defaultConfig } from '../core/config';
import { projectOf } from '../core/project';
import { DocumentCache, type DocumentInfo } from './documentCache';
import { evidenceRootOf } from './documentScope';
import { FolderIndex } from './folderIndex';
import { Indexer } from './indexer';
import { ProjectLoader } from './projects';
import { VscodeWorkspace } from './vscodeWorkspace';

export { EVIDENCE_SELECTOR, isEvidenceDocument } from './documentScope';
export type { DocumentInfo } from './documentCache';
export { FolderIndex } from './folderIndex';

/** How long changes gather before onDidChange tells them. */
const CHANGE_SETTLE_MS = 250;

/**
 * What the features share: each workspace folder's project and index, and each open document's
 * analysis. Three parts, each with one job: ProjectLoader reads configs and standards (and shows
 * their problems), Indexer builds and updates the folders' indexes, DocumentCache analyses open
 * documents. Reading (analyze, folderOf, the indexes) changes nothing and fires nothing; the
 * index changes only through the indexer, from disk and from the editor's change events.
 */
export class EvidenceService implements vscode.Disposable {
  private readonly folders = new Map<string, Promise<FolderIndex>>();
  /** For documents of no workspace file system: the bundled standard and the defaults, never indexed (made on first use). */
  private detachedFolder: FolderIndex | undefined;
  private readonly cache = new DocumentCache();
  private readonly loader = new ProjectLoader();
  private readonly indexer: Indexer;
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly projectEmitter = new vscode.EventEmitter<void>();
  private changeTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  /** The index changed (an edit, a file created or deleted); bursts of changes are told once. */
  readonly onDidChange = this.changeEmitter.event;
  /** A config or standard file changed: everything was re-read. */
  readonly onDidChangeProject = this.projectEmitter.event;

  constructor() {
    this.indexer = new Indexer({
      folderOf: (uri) => this.folderOf(uri),
      loadedFolders: () => this.loadedFolders(),
      workspaceFolders: () => this.workspaceFolders(),
      analyze: (document) => this.analyze(document),
      changed: (now) => this.fireChange(now),
    });
    const configWatcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE}`);
    const standardWatcher = vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}', true, false, true);
    this.disposables.push(
      this.indexer,
      this.loader,
      this.changeEmitter,
      this.projectEmitter,
      configWatcher,
      standardWatcher,
      configWatcher.onDidCreate((uri) => this.reloadProjectOf(uri)),
      configWatcher.onDidChange((uri) => this.reloadProjectOf(uri)),
      configWatcher.onDidDelete((uri) => this.reloadProjectOf(uri)),
      standardWatcher.onDidChange((uri) => this.reloadIfStandard(uri)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.reloadAll()),
      // trusted now: a standard outside the folder may be read
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.reloadAll()),
    );
  }

  dispose(): void {
    clearTimeout(this.changeTimer);
    for (const d of this.disposables) d.dispose();
  }

  /** Whether every folder has been indexed (so coverage counts are complete). */
  get isIndexed(): boolean {
    return this.indexer.isIndexed;
  }

  /** Every folder's index, built once in the background with progress. */
  ensureIndexed(): Promise<void> {
    return this.indexer.ensureIndexed();
  }

  /** Forgets the index and builds it again (the view's Refresh). */
  async reindex(): Promise<void> {
    for (const folder of await this.loadedFolders()) folder.clear();
    return this.indexer.reset(true);
  }

  /** The analysis of an open document, cached per version: it changes no index and fires nothing. */
  async analyze(document: vscode.TextDocument): Promise<DocumentInfo> {
    return this.cache.get(document, await this.folderOf(document.uri));
  }

  /**
   * The folder a uri belongs to (its project loaded on first use). A document of no workspace
   * file system (Output, git:, settings) gets the detached folder: bundled standard, no config
   * read; an untitled one, new writing, the first folder once it is loaded (its standard and
   * counts help), else the detached one. Neither is ever indexed.
   */
  folderOf(uri: vscode.Uri): Promise<FolderIndex> {
    const scope = evidenceRootOf(uri);
    if (!scope) {
      const first = uri.scheme === 'untitled' ? vscode.workspace.workspaceFolders?.[0] : undefined;
      this.detachedFolder ??= new FolderIndex(new VscodeWorkspace(vscode.Uri.parse('untitled:/')), 'untitled', projectOf(defaultConfig(), bundledStandard()!));
      return (first && this.folders.get(first.uri.toString())) || Promise.resolve(this.detachedFolder);
    }
    const key = scope.root.toString();
    let folder = this.folders.get(key);
    if (!folder) {
      const workspace = new VscodeWorkspace(scope.root);
      folder = this.loader.load(workspace).then((project) => new FolderIndex(workspace, scope.name, project));
      this.folders.set(key, folder);
    }
    return folder;
  }

  /** Loaded folders (after ensureIndexed, every workspace folder). */
  async loadedFolders(): Promise<FolderIndex[]> {
    return Promise.all(this.folders.values());
  }

  async workspaceFolders(): Promise<FolderIndex[]> {
    return Promise.all((vscode.workspace.workspaceFolders ?? []).map((f) => this.folderOf(f.uri)));
  }

  private async reloadProjectOf(uri: vscode.Uri): Promise<void> {
    if (!evidenceRootOf(uri)) return;
    const folder = await this.folderOf(uri);
    if (folder.workspace.relative(uri) === CONFIG_FILE) await this.reload(folder);
  }

  private async reloadIfStandard(uri: vscode.Uri): Promise<void> {
    for (const folder of await this.loadedFolders()) {
      const origin = folder.project.standard.origin;
      if (!origin.startsWith('bundled:') && folder.workspace.uri(origin).toString() === uri.toString()) await this.reload(folder);
    }
  }

  /** Re-reads config and standard, then every file: codes and rules may all have changed. */
  private async reload(folder: FolderIndex): Promise<void> {
    folder.project = await this.loader.load(folder.workspace);
    await this.indexer.reindexFolder(folder);
    this.projectEmitter.fire();
    this.fireChange(true);
  }

  private async reloadAll(): Promise<void> {
    const gone = await this.loadedFolders();
    this.folders.clear();
    for (const folder of gone) this.loader.forget(folder.workspace);
    await this.indexer.reset(false);
    this.projectEmitter.fire();
    this.fireChange(true);
  }

  private fireChange(now = false): void {
    clearTimeout(this.changeTimer);
    if (now) this.changeEmitter.fire();
    else this.changeTimer = setTimeout(() => this.changeEmitter.fire(), CHANGE_SETTLE_MS);
  }
}
