import * as vscode from 'vscode';
import { isEvidenceFileName, type Classifier } from '../core/config';
import type { EvidenceWorkspace } from '../core/project';

export const EVIDENCE_GLOB = '**/*.{md,markdown,qmd,rmd,MD,Rmd}';

/** The core's file interface over one workspace folder, through vscode.workspace.fs (so virtual file systems work). */
export class VscodeWorkspace implements EvidenceWorkspace {
  constructor(readonly root: vscode.Uri) {}

  uri(path: string): vscode.Uri {
    return path.startsWith('/') ? this.root.with({ path }) : vscode.Uri.joinPath(this.root, path);
  }

  async readFile(path: string): Promise<Uint8Array | undefined> {
    try {
      return await vscode.workspace.fs.readFile(this.uri(path));
    } catch (e) {
      if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return undefined;
      throw e;
    }
  }

  async listEvidenceFiles(classifier: Classifier): Promise<string[]> {
    const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(this.root, EVIDENCE_GLOB), '**/{node_modules,.git}/**');
    return uris
      .map((u) => this.relative(u))
      .filter((p): p is string => p !== undefined && isEvidenceFileName(p) && !classifier.ignored(p))
      .sort();
  }

  /** Root-relative path with `/`, or undefined when the uri is not under the root. */
  relative(uri: vscode.Uri): string | undefined {
    if (uri.scheme !== this.root.scheme && uri.scheme !== 'vscode-notebook-cell') return undefined;
    const root = this.root.path.endsWith('/') ? this.root.path : this.root.path + '/';
    return uri.path.startsWith(root) ? uri.path.slice(root.length) : undefined;
  }
}
