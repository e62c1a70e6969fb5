import { isEvidenceFileName, isSkippedFolderName, type Classifier } from './config';

/** One entry of a folder; a link has its target's type (`other` when it dangles). */
export interface WalkEntry {
  name: string;
  type: 'file' | 'folder' | 'other';
  link: boolean;
}

/**
 * What the walk needs of a file system, with root-relative `/` paths (`''` is the root). The CLI
 * backs it with node:fs (synchronously), the extension with node:fs or vscode.workspace.fs, tests
 * with a Map.
 */
export interface WalkFileSystem {
  /** A folder's entries; throws when it cannot be read. */
  readFolder(path: string): WalkEntry[] | Promise<WalkEntry[]>;
  /**
   * A folder's real path with `/` separators, so that a folder reached again through a link is
   * walked once (a link loop ends). Without it, links to folders are not followed.
   */
  realPath?(path: string): string | Promise<string>;
}

export interface WalkOptions {
  /** Folders read at once (an asynchronous file system gains from a few). */
  concurrency?: number;
  /** Called between folders: the extension gives its host back the event loop there. */
  pause?: () => Promise<void>;
  /** A folder that could not be read (it is skipped). */
  onError?: (path: string, error: unknown) => void;
}

interface Pending {
  path: string;
  /** Its real path when known without asking: a plain folder inside a folder whose real path is known. */
  real?: string;
}

/**
 * The evidence files (Markdown and Quarto) under `roots`, skipping node_modules, .git and the
 * config's ignored paths, in no particular order. The walk goes level by level; links to folders
 * are followed once each (by real path) where the file system tells real paths.
 */
export async function walkEvidenceFiles(fs: WalkFileSystem, classifier: Classifier, roots: readonly string[] = [''], options: WalkOptions = {}): Promise<string[]> {
  const found: string[] = [];
  const visited = new Set<string>();
  const realOf = async ({ path, real }: Pending): Promise<string> => real ?? (fs.realPath ? await fs.realPath(path) : path);
  let level: Pending[] = roots.map((path) => ({ path }));
  while (level.length) {
    const next: Pending[] = [];
    let i = 0;
    const worker = async () => {
      while (i < level.length) {
        const folder = level[i++];
        let real: string;
        let entries: WalkEntry[];
        try {
          real = await realOf(folder);
          if (visited.has(real)) continue;
          visited.add(real);
          entries = await fs.readFolder(folder.path);
        } catch (e) {
          options.onError?.(folder.path, e);
          continue;
        }
        for (const { name, type, link } of entries) {
          const path = folder.path ? `${folder.path}/${name}` : name;
          if (type === 'folder') {
            if (link && !fs.realPath) continue; // no real path to end a link loop by
            if (!isSkippedFolderName(name) && !classifier.ignored(`${path}/`)) next.push({ path, real: link ? undefined : `${real}/${name}` });
          } else if (type === 'file' && isEvidenceFileName(name) && !classifier.ignored(path)) found.push(path);
        }
        await options.pause?.();
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 1, level.length) }, worker));
    level = next;
  }
  return found;
}
