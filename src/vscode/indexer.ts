import * as vscode from 'vscode';
import { isEvidenceFileName, isSkippedFolderName } from '../core/config';
import { analyzeFile } from '../core/project';
import type { DocumentInfo } from './documentCache';
import { isEvidenceDocument } from './documentScope';
import type { FolderIndex } from './folderIndex';
import { TimeSlices } from './timeSlices';
import { EVIDENCE_GLOB } from './vscodeWorkspace';

/** Above this many evidence files, indexing shows a notification that can be cancelled. */
const LARGE_WORKSPACE = 2000;
/** Typing is taken into the index once it pauses this long. */
const EDIT_SETTLE_MS = 300;

/** What the indexer asks of the service: the folders, open documents' analyses, and who to tell. */
export interface IndexHost {
  folderOf(uri: vscode.Uri): Promise<FolderIndex>;
  loadedFolders(): Promise<FolderIndex[]>;
  workspaceFolders(): Promise<FolderIndex[]>;
  analyze(document: vscode.TextDocument): Promise<DocumentInfo>;
  /** The index changed: `now`, or after a short pause (many changes are told once). */
  changed(now?: boolean): void;
}

type Progress = vscode.Progress<{ message?: string; increment?: number }>;
type Token = { readonly isCancellationRequested: boolean };

/**
 * Builds every folder's index once a feature asks (in the background, with progress), then keeps
 * it current: files changed, created or deleted on disk come through watchers into queues read
 * in short slices; open documents' edits come from the editor's change events.
 */
export class Indexer implements vscode.Disposable {
  private indexing: Promise<void> | undefined;
  private indexDone = false;
  /** Which index() run is the current one: a Refresh or a reload supersedes a run still going. */
  private indexRun = 0;
  private readonly queue: WatchQueue;
  /** Open documents edited since the index last took them, by uri. */
  private readonly edited = new Map<string, vscode.TextDocument>();
  private editTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly host: IndexHost) {
    this.queue = new WatchQueue(host, () => this.state);
    this.disposables.push(
      this.queue,
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length) this.noteEdit(e.document);
      }),
      // a document restored with unsaved changes (hot exit) differs from its file without an edit
      vscode.workspace.onDidOpenTextDocument((document) => {
        if (document.isDirty) this.noteEdit(document);
      }),
    );
  }

  /** An open document's text changed: the index takes it once typing pauses. */
  private noteEdit(document: vscode.TextDocument): void {
    if (!this.indexing || document.uri.scheme === 'vscode-notebook-cell' || !isEvidenceDocument(document)) return;
    this.edited.set(document.uri.toString(), document);
    clearTimeout(this.editTimer);
    this.editTimer = setTimeout(() => void this.takeEdits(), EDIT_SETTLE_MS);
  }

  dispose(): void {
    clearTimeout(this.editTimer);
    for (const d of this.disposables) d.dispose();
  }

  private get state(): { indexing: Promise<void> | undefined; done: boolean } {
    return { indexing: this.indexing, done: this.indexDone };
  }

  get isIndexed(): boolean {
    return this.indexDone;
  }

  ensureIndexed(): Promise<void> {
    this.indexing ??= this.index();
    return this.indexing;
  }

  /** Forgets the index (a Refresh, or every folder reloaded); `rebuild` starts the next one. */
  reset(rebuild: boolean): Promise<void> {
    this.indexRun++;
    this.indexing = undefined;
    this.indexDone = false;
    this.edited.clear();
    return rebuild ? this.ensureIndexed() : Promise.resolve();
  }

  /** A folder's project was reloaded: its files are read again under the new rules, if indexing. */
  async reindexFolder(folder: FolderIndex): Promise<void> {
    folder.clear();
    if (this.indexing) await this.indexFolder(folder, await folder.workspace.listEvidenceFiles(folder.project.classifier));
  }

  /** The open documents edited since last time go into their folders' indexes. */
  private async takeEdits(): Promise<void> {
    const documents = [...this.edited.values()];
    this.edited.clear();
    let changed = false;
    for (const document of documents) {
      if (document.isClosed) continue;
      const info = await this.host.analyze(document);
      const path = info.folder.workspace.relative(document.uri);
      if (path === undefined || info.folder.project.classifier.ignored(path)) continue;
      info.folder.set({ path, kind: info.kind, analysis: info.analysis });
      changed = true;
    }
    if (changed) this.host.changed(true);
  }

  private async index(): Promise<void> {
    const run = this.indexRun;
    const superseded = () => run !== this.indexRun;
    const folders = await this.host.workspaceFolders();
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
    this.host.changed(true);
  }

  /** Reads a folder's files, open ones from their editors, a few at a time in short slices. */
  private async indexFolder(folder: FolderIndex, paths: string[], progress?: Progress, token?: Token, counter = { done: 0, total: paths.length, reported: 0 }): Promise<void> {
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    let next = 0;
    const slices = new TimeSlices(15);
    const worker = async () => {
      while (next < paths.length && !token?.isCancellationRequested) {
        const path = paths[next++];
        const key = folder.workspace.uri(path).toString();
        // read from here on: a change reported before now is in what is read
        this.queue.taken(key);
        const doc = open.get(key);
        if (doc && !doc.isClosed) {
          // an open file: its editor text (cached per version) is the evidence
          const info = await this.host.analyze(doc);
          folder.set({ path, kind: info.kind, analysis: info.analysis });
        } else {
          const bytes = await folder.workspace.readFile(path).catch(() => undefined);
          const document = bytes && analyzeFile(folder.project, path, bytes).document;
          if (document && !token?.isCancellationRequested) folder.set(document);
        }
        counter.done++;
        // never hold the extension host for long: yield between short slices of work
        if (slices.due) {
          if (counter.done > counter.reported) progress?.report({ message: `${counter.done.toLocaleString('en-GB')} of ${counter.total.toLocaleString('en-GB')} files`, increment: ((counter.done - counter.reported) / counter.total) * 100 });
          counter.reported = counter.done;
          await slices.pause();
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(16, paths.length) }, worker));
  }
}

/**
 * The watchers' queue: files changed on disk, things created and things deleted, worked through
 * one loop at a time in short slices. Creating a cohort's 20,000 files reports 20,000 changes;
 * read all at once, they would hold the host for long stretches, and while the index is being
 * built it reads them anyway.
 */
class WatchQueue implements vscode.Disposable {
  /** Files changed on disk since they were last read (watcher, a closed editor, a rename), by uri. */
  private readonly stale = new Map<string, vscode.Uri>();
  /** Created things that are not evidence files by name: folders among them are walked for evidence. */
  private readonly createdOther = new Map<string, vscode.Uri>();
  /** Deleted things that were not indexed files: folders among them take their files with them. */
  private readonly removedOther = new Map<string, vscode.Uri>();
  private draining: Promise<void> | undefined;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly host: IndexHost,
    private readonly index: () => { indexing: Promise<void> | undefined; done: boolean },
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(EVIDENCE_GLOB, true, false, true);
    // creations through a watcher of everything: a folder copied in (a cohort unzipped, a branch
    // checked out) may be reported as the folder alone, without the files in it; and deletions
    // too: a folder moved out is reported as the folder alone
    const everything = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    this.disposables = [
      watcher,
      everything,
      everything.onDidCreate((uri) => this.created(uri)),
      watcher.onDidChange((uri) => this.markStale(uri)),
      everything.onDidDelete((uri) => void this.forget(uri)),
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
    ];
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** The index is reading this file now: a change queued before is in what it reads. */
  taken(key: string): void {
    this.stale.delete(key);
  }

  /** Something was created: an evidence file is read, anything else may be a folder to walk. */
  private created(uri: vscode.Uri): void {
    if (isEvidenceFileName(uri.path)) return this.markStale(uri);
    if (!this.index().indexing || uri.path.split('/').some(isSkippedFolderName)) return;
    this.createdOther.set(uri.toString(), uri);
    this.drain();
  }

  /** A created folder's evidence files become stale (they are read with the rest). */
  private async walkCreated(uri: vscode.Uri): Promise<void> {
    const folder = await this.host.folderOf(uri);
    const path = folder.workspace.relative(uri);
    if (path === undefined || folder.project.classifier.ignored(`${path}/`) || !(await folder.workspace.isFolder(path))) return;
    for (const p of await folder.workspace.listEvidenceFiles(folder.project.classifier, path)) this.markStale(folder.workspace.uri(p));
  }

  private markStale(uri: vscode.Uri): void {
    if (!this.index().indexing || !isEvidenceFileName(uri.path)) return;
    this.stale.set(uri.toString(), uri);
    this.drain();
  }

  private drain(): void {
    this.draining ??= this.work().finally(() => (this.draining = undefined));
  }

  private async work(): Promise<void> {
    const slices = new TimeSlices();
    const drop = () => {
      this.stale.clear();
      this.createdOther.clear();
      this.removedOther.clear();
    };
    while (this.stale.size || this.createdOther.size || this.removedOther.size) {
      const { indexing, done } = this.index();
      // the folders were reloaded: nothing is indexed until a feature asks
      if (!indexing) return drop();
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
      if (!done) {
        await indexing.catch(() => undefined);
        // that index failed: there is nothing to bring up to date until one is built again
        if (this.index().indexing === indexing && !this.index().done) return drop();
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
    const folder = await this.host.folderOf(uri);
    const path = folder.workspace.relative(uri);
    if (path === undefined || folder.project.classifier.ignored(path)) return;
    const bytes = await folder.workspace.readFile(path).catch(() => undefined);
    const document = bytes && analyzeFile(folder.project, path, bytes).document;
    if (document) folder.set(document);
    else if (!folder.delete(path)) return;
    this.host.changed();
  }

  private async forget(uri: vscode.Uri): Promise<void> {
    for (const folder of await this.host.loadedFolders()) {
      const path = folder.workspace.relative(uri);
      if (path === undefined) continue;
      this.stale.delete(uri.toString());
      if (folder.delete(path)) this.host.changed();
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
    for (const folder of await this.host.loadedFolders()) {
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
      if (changed) this.host.changed();
    }
  }
}
