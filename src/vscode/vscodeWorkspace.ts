import { promises as fs } from 'node:fs';
import { sep } from 'node:path';
import * as vscode from 'vscode';
import { isEvidenceFileName, isSkippedFolderName, type Classifier } from '../core/config';
import type { EvidenceWorkspace } from '../core/project';
import { TimeSlices } from './timeSlices';

/** What the watcher watches: the names isEvidenceFileName accepts. */
export const EVIDENCE_GLOB = '**/*.{md,markdown,qmd,rmd,MD,Rmd}';

/**
 * The core's file interface over one workspace folder: through vscode.workspace.fs (so virtual
 * file systems work), except that `file:` folders are read with node:fs. A `file:` URI in the
 * extension host names a file of the machine it runs on (remote or not), and vscode.workspace.fs
 * asks the workbench a question before each call ($ensureActivation): with 20,000 files, and a
 * workbench busy with their file events, that round trip made indexing ~1.6 ms a file, and
 * 10x faster without it (measured in the 20,000-file integration test).
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

  /** A folder's entries as vscode.workspace.fs gives them (a link's type is its target's, with SymbolicLink); [] when it cannot be read. */
  private async entries(dir: string): Promise<[string, vscode.FileType][]> {
    const uri = dir ? this.uri(dir) : this.root;
    try {
      if (!this.local) return await vscode.workspace.fs.readDirectory(uri);
      const dirents = await fs.readdir(uri.fsPath, { withFileTypes: true });
      return await Promise.all(
        dirents.map(async (d): Promise<[string, vscode.FileType]> => {
          if (!d.isSymbolicLink()) return [d.name, d.isDirectory() ? vscode.FileType.Directory : d.isFile() ? vscode.FileType.File : vscode.FileType.Unknown];
          const target = await fs.stat(vscode.Uri.joinPath(uri, d.name).fsPath).catch(() => undefined); // undefined: a dangling link
          return [d.name, vscode.FileType.SymbolicLink | (target?.isDirectory() ? vscode.FileType.Directory : target?.isFile() ? vscode.FileType.File : vscode.FileType.Unknown)];
        }),
      );
    } catch {
      return []; // a folder that went, or cannot be read
    }
  }

  /**
   * A walk of the folders, skipping what the CLI skips (node_modules,
   * .git, ignored folders). Not findFiles: for a provider's 20,000 files its answer arrives as
   * ripgrep output parsed and 20,000 URIs passed between processes in a few long blocks of the
   * extension host (100-250 ms each, measured), and it needs a search provider, which virtual
   * file systems seldom have. Links to folders are followed in file: folders, once each (as the
   * CLI does); elsewhere not, with no real path to tell a link loop by. `under`: only that
   * folder's files (a folder just created).
   */
  async listEvidenceFiles(classifier: Classifier, under = ''): Promise<string[]> {
    const slices = new TimeSlices();
    const found: string[] = [];
    // file: folders by real path, as the CLI walks: a folder reached again through a link is not
    // walked again, so a link loop ends (the real path of a plain folder is its parent's + name)
    const visited = new Set<string>();
    const realOf = async (dir: string, known?: string) => (this.local ? (known ?? (await fs.realpath(this.uri(dir).fsPath).catch(() => undefined))) : dir);
    let level: { dir: string; real?: string }[] = [{ dir: under }];
    while (level.length) {
      const next: typeof level = [];
      let i = 0;
      const worker = async () => {
        while (i < level.length) {
          const { dir, real: known } = level[i++];
          const real = await realOf(dir, known);
          if (real === undefined || visited.has(real)) continue;
          visited.add(real);
          for (const [name, type] of await this.entries(dir)) {
            const path = dir ? `${dir}/${name}` : name;
            const link = (type & vscode.FileType.SymbolicLink) !== 0;
            if (type & vscode.FileType.Directory) {
              if (link && !this.local) continue; // no real path through this API to end a loop by
              if (!isSkippedFolderName(name) && !classifier.ignored(`${path}/`)) next.push({ dir: path, real: link ? undefined : `${real}${sep}${name}` });
            } else if (type & vscode.FileType.File && isEvidenceFileName(name) && !classifier.ignored(path)) found.push(path);
          }
          await slices.pause();
        }
      };
      await Promise.all(Array.from({ length: Math.min(8, level.length) }, worker));
      level = next;
    }
    // in no particular order: a sort of 20,000 paths is one more block of 20-50 ms, and the
    // index is a map whose reports sort what they show
    return found;
  }

  /** Root-relative path with `/`, or undefined when the uri is not under the root. */
  relative(uri: vscode.Uri): string | undefined {
    if (uri.scheme !== this.root.scheme && uri.scheme !== 'vscode-notebook-cell') return undefined;
    const root = this.root.path.endsWith('/') ? this.root.path : this.root.path + '/';
    return uri.path.startsWith(root) ? uri.path.slice(root.length) : undefined;
  }
}
