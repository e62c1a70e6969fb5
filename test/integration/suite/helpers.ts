import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'ksb-evidence.ksb-evidence';

/** The workspace's root folder (a throw-away copy of the example portfolio). */
export function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a folder open');
  return folder.uri;
}

export function fileUri(path: string): vscode.Uri {
  return vscode.Uri.joinPath(root(), path);
}

export async function openDoc(path: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fileUri(path));
  return vscode.window.showTextDocument(doc);
}

/**
 * Resolves when `event` fires and `check` (re-run on each firing and once now) returns a value
 * other than undefined; rejects after `ms` with the description. Waiting on events, never sleeps.
 */
export function waitFor<T>(description: string, event: vscode.Event<unknown>, check: () => T | undefined | Promise<T | undefined>, ms = 20_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const finish = (value: T) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sub.dispose();
      resolve(value);
    };
    const attempt = async () => {
      try {
        const value = await check();
        if (value !== undefined) finish(value);
      } catch (e) {
        if (!done) {
          done = true;
          clearTimeout(timer);
          sub.dispose();
          reject(e);
        }
      }
    };
    const sub = event(() => void attempt());
    const timer = setTimeout(() => {
      if (done) return;
      done = true;
      sub.dispose();
      reject(new Error(`timed out after ${ms} ms waiting for ${description}`));
    }, ms);
    void attempt();
  });
}

/**
 * Resolves with the first value other than undefined that `check` returns, asking again every
 * `everyMs` until the deadline; rejects after `ms` with the description. For states that fire no
 * event (an extension becoming active); where there is an event, use waitFor.
 */
export async function waitUntil<T>(description: string, check: () => T | undefined | Promise<T | undefined>, ms = 20_000, everyMs = 25): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) throw new Error(`timed out after ${ms} ms waiting for ${description}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The extension, once VS Code reports it active (without activating it ourselves). */
export function activeExtension(ms = 20_000): Promise<vscode.Extension<TestApi>> {
  return waitUntil(`${EXTENSION_ID} to be active`, () => {
    const ext = vscode.extensions.getExtension<TestApi>(EXTENSION_ID);
    return ext?.isActive ? ext : undefined;
  }, ms);
}

/** The workspace's Markdown files, relative to the first folder. */
export async function markdownFiles(): Promise<string[]> {
  const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(root(), '**/*.md'));
  return uris.map((u) => vscode.workspace.asRelativePath(u, false)).sort();
}

/** Our diagnostics of a file, once they satisfy `ready`. */
export function diagnosticsOf(uri: vscode.Uri, ready: (ds: vscode.Diagnostic[]) => boolean, description: string): Promise<vscode.Diagnostic[]> {
  return waitFor(description, vscode.languages.onDidChangeDiagnostics, () => {
    const ds = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'ksb-evidence');
    return ready(ds) ? ds : undefined;
  });
}

export interface TestApi {
  service: {
    ensureIndexed(): Promise<void>;
    workspaceFolders(): Promise<{ documents: Map<string, unknown> }[]>;
    onDidChange: vscode.Event<void>;
    analyze(document: vscode.TextDocument): Promise<{ folder: { coverage(): { ksbs: { code: string; counts: { report: number; portfolio: number; other: number } }[] } } }>;
  };
  tree: vscode.TreeDataProvider<unknown>;
}

export async function activateExtension(): Promise<TestApi> {
  const ext = vscode.extensions.getExtension<TestApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is installed`);
  return ext.activate();
}

export function text(md: vscode.MarkdownString | vscode.MarkedString): string {
  return typeof md === 'string' ? md : md.value;
}

/**
 * The extension host's event-loop lag: the longest gap beyond `intervalMs` between the timer's
 * runs since the last reset. `max()` waits for the next sample first: a block that ends just
 * before an awaited step returns is only measured when the timer next runs.
 */
export function lagSampler(intervalMs: number): { reset(): void; max(): Promise<number>; stop(): void } {
  let max = 0;
  let last = performance.now();
  const waiting: (() => void)[] = [];
  const timer = setInterval(() => {
    const now = performance.now();
    max = Math.max(max, now - last - intervalMs);
    last = now;
    for (const resolve of waiting.splice(0)) resolve();
  }, intervalMs);
  return {
    reset() {
      max = 0;
      last = performance.now();
    },
    async max() {
      await new Promise<void>((resolve) => waiting.push(resolve));
      return max;
    },
    stop: () => clearInterval(timer),
  };
}
