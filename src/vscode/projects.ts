import * as vscode from 'vscode';
import { createAnalyzer } from '../core/analyze';
import { bundledStandard } from '../core/bundled';
import { CONFIG_FILE, defaultConfig } from '../core/config';
import { loadProject, projectOf, type Project } from '../core/project';
import { ConfigProblems } from './configProblems';
import { evidenceRootOf } from './documentScope';
import { FolderIndex } from './folderIndex';
import { VscodeWorkspace } from './vscodeWorkspace';

/**
 * Each folder's project (config + standard), loaded on first use and again when its config or
 * standard file changes, the workspace's folders change, or the workspace becomes trusted.
 * Problems of those files go to the Problems panel (ConfigProblems).
 */
export class FolderProjects implements vscode.Disposable {
  private readonly folders = new Map<string, Promise<FolderIndex>>();
  /** For documents of no workspace file system: the bundled standard and the defaults, never indexed (made on first use). */
  private detached: FolderIndex | undefined;
  private readonly problems = new ConfigProblems();
  private readonly reloadEmitter = new vscode.EventEmitter<FolderIndex | undefined>();
  private readonly disposables: vscode.Disposable[];

  /** A folder's project was read again (undefined: every folder was forgotten, to be loaded again on use). */
  readonly onDidReload = this.reloadEmitter.event;

  constructor() {
    const configWatcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE}`);
    const standardWatcher = vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}', true, false, true);
    this.disposables = [
      this.problems,
      this.reloadEmitter,
      configWatcher,
      standardWatcher,
      configWatcher.onDidCreate((uri) => this.reloadProjectOf(uri)),
      configWatcher.onDidChange((uri) => this.reloadProjectOf(uri)),
      configWatcher.onDidDelete((uri) => this.reloadProjectOf(uri)),
      standardWatcher.onDidChange((uri) => this.reloadIfStandard(uri)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.forgetAll()),
      // trusted now: a standard outside the folder may be read
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.forgetAll()),
    ];
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
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
      this.detached ??= new FolderIndex(new VscodeWorkspace(vscode.Uri.parse('untitled:/')), 'untitled', projectOf(defaultConfig(), bundledStandard()!));
      return (first && this.folders.get(first.uri.toString())) || Promise.resolve(this.detached);
    }
    const key = scope.root.toString();
    let folder = this.folders.get(key);
    if (!folder) {
      const workspace = new VscodeWorkspace(scope.root);
      folder = this.load(workspace).then((project) => new FolderIndex(workspace, scope.name, project));
      this.folders.set(key, folder);
    }
    return folder;
  }

  /** Loaded folders (after the index is built, every workspace folder). */
  loaded(): Promise<FolderIndex[]> {
    return Promise.all(this.folders.values());
  }

  workspaceFolders(): Promise<FolderIndex[]> {
    return Promise.all((vscode.workspace.workspaceFolders ?? []).map((f) => this.folderOf(f.uri)));
  }

  private async load(workspace: VscodeWorkspace): Promise<Project> {
    // a trusted workspace may name a standard elsewhere on the machine; an untrusted one may not
    const outside = vscode.workspace.isTrusted ? 'readWithoutDetails' : 'refuse';
    const project = await loadProject(workspace, { outside }, createAnalyzer);
    this.problems.show(workspace, project);
    return project;
  }

  private async reloadProjectOf(uri: vscode.Uri): Promise<void> {
    if (!evidenceRootOf(uri)) return;
    const folder = await this.folderOf(uri);
    if (folder.workspace.relative(uri) === CONFIG_FILE) await this.reload(folder);
  }

  private async reloadIfStandard(uri: vscode.Uri): Promise<void> {
    for (const folder of await this.loaded()) {
      const origin = folder.project.standard.origin;
      if (!origin.startsWith('bundled:') && folder.workspace.uri(origin).toString() === uri.toString()) await this.reload(folder);
    }
  }

  private async reload(folder: FolderIndex): Promise<void> {
    folder.project = await this.load(folder.workspace);
    this.reloadEmitter.fire(folder);
  }

  private async forgetAll(): Promise<void> {
    const gone = await this.loaded();
    this.folders.clear();
    for (const folder of gone) this.problems.forget(folder.workspace);
    this.reloadEmitter.fire(undefined);
  }
}
