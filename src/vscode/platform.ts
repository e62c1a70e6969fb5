import type { WalkFileSystem } from '../core/walk';

/**
 * What differs between the desktop extension host (Node) and the web worker one (vscode.dev,
 * github.dev), chosen by the entry point (extension.node.ts, extension.browser.ts); the features
 * themselves are the same (extension.ts).
 */
export interface Platform {
  /** Reads `file:` folders directly; absent on the web, where every folder is read through vscode.workspace.fs. */
  readonly disk?: DiskAccess;
  /** Whether the host can start a local process (the command line in a terminal). */
  readonly canRunProcesses: boolean;
}

/** A local disk, addressed by file system paths (vscode.Uri.fsPath). */
export interface DiskAccess {
  /** The file's bytes, or undefined when there is no such file. */
  readFile(fsPath: string): Promise<Uint8Array | undefined>;
  /** Whether the path is a folder (or a link to one). */
  isFolder(fsPath: string): Promise<boolean>;
  /** Whether `fsPath`, with links followed, is `root` or inside it (true when it does not exist). */
  staysInside(root: string, fsPath: string): Promise<boolean>;
  /** The walk's view of a folder tree, a root-relative path mapped to a file system path by `fsPathOf`. */
  walkFileSystem(fsPathOf: (path: string) => string): WalkFileSystem;
}
