import type * as vscode from 'vscode';
import { activateOn } from './extension';
import { nodeDisk } from './nodeDisk';

/** The desktop entry (package.json `main`): `file:` folders read with node:fs, the command line in a terminal. */
export function activate(context: vscode.ExtensionContext) {
  return activateOn(context, { disk: nodeDisk, canRunProcesses: true });
}

export function deactivate(): void {}
