import * as vscode from 'vscode';
import { DocumentCache, type DocumentInfo } from './documentCache';
import type { FolderIndex } from './folderIndex';
import { Indexer } from './indexer';
import { FolderProjects } from './projects';

export { EVIDENCE_SELECTOR, isEvidenceDocument } from './documentScope';
export type { DocumentInfo } from './documentCache';
export { FolderIndex } from './folderIndex';

/** How long changes gather before onDidChange tells them. */
const CHANGE_SETTLE_MS = 250;

/**
 * What the features share: each workspace folder's project and index, and each open document's
 * analysis. Three parts, each with one job: FolderProjects loads each folder's config and
 * standard (ConfigProblems shows their problems), Indexer builds and updates the folders'
 * indexes, DocumentCache analyses open documents. Reading (analyze, folderOf, the indexes) changes nothing and fires nothing; the
 * index changes only through the indexer, from disk and from the editor's change events.
 */
export class EvidenceService implements vscode.Disposable {
  private readonly projects = new FolderProjects();
  private readonly cache = new DocumentCache();
  private readonly indexer: Indexer;
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly projectEmitter = new vscode.EventEmitter<void>();
  private changeTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[];

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
    this.disposables = [this.projects, this.indexer, this.changeEmitter, this.projectEmitter, this.projects.onDidReload((folder) => this.reloaded(folder))];
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

  /** The folder a uri belongs to, its project loaded on first use (see FolderProjects.folderOf). */
  folderOf(uri: vscode.Uri): Promise<FolderIndex> {
    return this.projects.folderOf(uri);
  }

  /** Loaded folders (after ensureIndexed, every workspace folder). */
  loadedFolders(): Promise<FolderIndex[]> {
    return this.projects.loaded();
  }

  workspaceFolders(): Promise<FolderIndex[]> {
    return this.projects.workspaceFolders();
  }

  /** A folder's config or standard was read again: its files are, under the new rules (undefined: every folder forgotten). */
  private async reloaded(folder: FolderIndex | undefined): Promise<void> {
    if (folder) await this.indexer.reindexFolder(folder);
    else await this.indexer.reset(false);
    this.projectEmitter.fire();
    this.fireChange(true);
  }

  private fireChange(now = false): void {
    clearTimeout(this.changeTimer);
    if (now) this.changeEmitter.fire();
    else this.changeTimer = setTimeout(() => this.changeEmitter.fire(), CHANGE_SETTLE_MS);
  }
}
