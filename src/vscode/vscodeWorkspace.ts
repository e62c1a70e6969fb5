import * as vscode from 'vscode';
import type { Classifier } from '../core/config';
import type { EvidenceWorkspace } from '../core/project';
import { walkEvidenceFiles, type WalkEntry, type WalkFileSystem } from '../core/walk';
import type { DiskAccess } from './platform';
import { TimeSlices } from './timeSlices';

/** What the watcher watches: the names isEvidenceFileName accepts. */
export const EVIDENCE_GLOB = '**/*.{md,markdown,qmd,rmd,MD,Rmd}';

/**
 * The core's file interface over one workspace folder: through vscode.workspace.fs (so virtual
 * file systems and the web work), except that `file:` folders are read through `disk` when the
 * entry point gives one (the desktop's node:fs, src/vscode/nodeDisk.ts).
 */
export class VscodeWorkspace implements EvidenceWorkspace {
  private readonly disk: DiskAccess | undefined;

  constructor(
    readonly root: vscode.Uri,
    disk?: DiskAccess,
  ) {
    this.disk = root.scheme === 'file' ? disk : undefined;
  }

  uri(path: string): vscode.Uri {
    return path.startsWith('/') ? this.root.with({ path }) : vscode.Uri.joinPath(this.root, path);
  }

  async readFile(path: string): Promise<Uint8Array | undefined> {
    if (this.disk) return this.disk.readFile(this.uri(path).fsPath);
    try {
      return await vscode.workspace.fs.readFile(this.uri(path));
    } catch (e) {
      if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return undefined;
      throw e;
    }
  }

  /**
   * Whether a path stays inside the folder with links followed (on a local disk; elsewhere there
   * are no links to follow). A path that does not exist stays inside: reading it finds nothing.
   */
  async staysInside(path: string): Promise<boolean> {
    return this.disk ? this.disk.staysInside(this.root.fsPath, this.uri(path).fsPath) : true;
  }

  /** Whether the path is a folder (on a local disk, also a link to one, which the walk follows). */
  async isFolder(path: string): Promise<boolean> {
    if (this.disk) return this.disk.isFolder(this.uri(path).fsPath);
    try {
      return (await vscode.workspace.fs.stat(this.uri(path))).type === vscode.FileType.Directory;
    } catch {
      return false;
    }
  }

  /** The folder's file system as the walk sees it (through vscode.workspace.fs there are no real paths: links to folders are not followed). */
  private fileSystem(): WalkFileSystem {
    if (this.disk) return this.disk.walkFileSystem((dir) => this.uri(dir).fsPath);
    const kind = (type: vscode.FileType): WalkEntry['type'] => (type & vscode.FileType.Directory ? 'folder' : type & vscode.FileType.File ? 'file' : 'other');
    return {
      readFolder: async (dir) => (await vscode.workspace.fs.readDirectory(this.uri(dir))).map(([name, type]) => ({ name, type: kind(type), link: (type & vscode.FileType.SymbolicLink) !== 0 })),
    };
  }

  /**
   * The evidence files (src/core/walk.ts), skipping what the CLI skips. Not findFiles: for a
   * provider's 20,000 files its answer arrives as ripgrep output parsed and 20,000 URIs passed
   * between processes in a few long blocks of the extension host, and it needs a search
   * provider, which virtual file systems seldom have. `under`: only that folder's files (a
   * folder just created). In no particular order: the index is a map whose reports sort.
   */
  async listEvidenceFiles(classifier: Classifier, under = ''): Promise<string[]> {
    const slices = new TimeSlices();
    return walkEvidenceFiles(this.fileSystem(), classifier, [under], { concurrency: 8, pause: () => slices.pause() });
  }

  /** Root-relative path with `/`, or undefined when the uri is not under the root. */
  relative(uri: vscode.Uri): string | undefined {
    if (uri.scheme !== this.root.scheme && uri.scheme !== 'vscode-notebook-cell') return undefined;
    const root = this.root.path.endsWith('/') ? this.root.path : this.root.path + '/';
    return uri.path.startsWith(root) ? uri.path.slice(root.length) : undefined;
  }
}
