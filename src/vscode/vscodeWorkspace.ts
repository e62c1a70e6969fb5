import { promises as fs } from 'node:fs';
import { join, sep } from 'node:path';
import * as vscode from 'vscode';
import type { Classifier } from '../core/config';
import type { EvidenceWorkspace } from '../core/project';
import { walkEvidenceFiles, type WalkEntry, type WalkFileSystem } from '../core/walk';
import { TimeSlices } from './timeSlices';

/** What the watcher watches: the names isEvidenceFileName accepts. */
export const EVIDENCE_GLOB = '**/*.{md,markdown,qmd,rmd,MD,Rmd}';

/**
 * The core's file interface over one workspace folder: through vscode.workspace.fs (so virtual
 * file systems work), except that `file:` folders are read with node:fs. A `file:` URI in the
 * extension host names a file of the machine it runs on (remote or not), and vscode.workspace.fs
 * asks the workbench a question before each call ($ensureActivation): with 20,000 files, and a
 * workbench busy with their file events, that round trip made indexing ten times slower
 * (measured in the 20,000-file integration test).
 */
export class VscodeWorkspace implements EvidenceWorkspace {
  private readonly local: boolean;

  constructor(readonly root: vscode.Uri) {
    this.local = root.scheme === 'file';
  }

  uri(path: string): vscode.Uri {
    return path.startsWith('/') ? this.root.with({ path }) : vscode.Uri.joinPath(this.root, path);
  }

  async readFile(path: string): Promise<Uint8Array | undefined> {
    try {
      return this.local ? await fs.readFile(this.uri(path).fsPath) : await vscode.workspace.fs.readFile(this.uri(path));
    } catch (e) {
      if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return undefined;
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  /**
   * Whether a path stays inside the folder with links followed (file: folders; elsewhere there are
   * no links to follow). A path that does not exist stays inside: reading it finds nothing.
   */
  async staysInside(path: string): Promise<boolean> {
    if (!this.local) return true;
    const [root, real] = await Promise.all([fs.realpath(this.root.fsPath), fs.realpath(this.uri(path).fsPath).catch(() => undefined)]);
    return real === undefined || real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);
  }

  /** Whether the path is a folder (in file: folders, also a link to one, which the walk follows). */
  async isFolder(path: string): Promise<boolean> {
    const uri = this.uri(path);
    try {
      if (this.local) return (await fs.stat(uri.fsPath)).isDirectory();
      return (await vscode.workspace.fs.stat(uri)).type === vscode.FileType.Directory;
    } catch {
      return false;
    }
  }

  /** The folder's file system as the walk sees it: node:fs for file: folders, else vscode.workspace.fs (with no real paths there, links to folders are not followed). */
  private fileSystem(): WalkFileSystem {
    const kind = (type: vscode.FileType): WalkEntry['type'] => (type & vscode.FileType.Directory ? 'folder' : type & vscode.FileType.File ? 'file' : 'other');
    if (!this.local)
      return {
        readFolder: async (dir) => (await vscode.workspace.fs.readDirectory(this.uri(dir))).map(([name, type]) => ({ name, type: kind(type), link: (type & vscode.FileType.SymbolicLink) !== 0 })),
      };
    return {
      realPath: async (dir) => (await fs.realpath(this.uri(dir).fsPath)).split(sep).join('/'),
      readFolder: async (dir) => {
        const folder = this.uri(dir).fsPath;
        const dirents = await fs.readdir(folder, { withFileTypes: true });
        return Promise.all(
          dirents.map(async (d): Promise<WalkEntry> => {
            if (!d.isSymbolicLink()) return { name: d.name, type: d.isDirectory() ? 'folder' : d.isFile() ? 'file' : 'other', link: false };
            const target = await fs.stat(join(folder, d.name)).catch(() => undefined); // undefined: a dangling link
            return { name: d.name, type: target?.isDirectory() ? 'folder' : target?.isFile() ? 'file' : 'other', link: true };
          }),
        );
      },
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
