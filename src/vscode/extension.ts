import type * as vscode from 'vscode';
import { registerAddTagCommand, registerCodeActions } from './codeActions';
import { registerCompletion } from './completion';
import { registerCoverageTree } from './coverageTree';
import { registerCreateReport } from './createReport';
import { registerDiagnostics } from './diagnostics';
import { EvidenceService } from './evidenceService';
import { registerHover } from './hover';
import { registerStatusBar } from './statusBar';

/** Wires each feature to the shared service; nothing here reads files (indexing is lazy). */
export function activate(context: vscode.ExtensionContext): { service: EvidenceService } {
  const service = new EvidenceService();
  context.subscriptions.push(
    service,
    registerCompletion(service),
    registerHover(service),
    registerDiagnostics(service),
    registerCodeActions(service),
    registerAddTagCommand(service),
    registerCoverageTree(service),
    registerStatusBar(service),
    registerCreateReport(),
  );
  return { service };
}

export function deactivate(): void {}
