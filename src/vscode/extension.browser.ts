import type * as vscode from 'vscode';
import { activateOn } from './extension';

/**
 * The web entry (package.json `browser`: vscode.dev, github.dev, the web worker extension host):
 * every folder read through vscode.workspace.fs, no process to start.
 */
export function activate(context: vscode.ExtensionContext) {
  return activateOn(context, { canRunProcesses: false });
}

export function deactivate(): void {}
