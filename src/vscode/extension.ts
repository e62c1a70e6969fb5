import type * as vscode from 'vscode';
import { registerAddTagCommand, registerCodeActions } from './codeActions';
import { registerCompletion } from './completion';
import { registerCoverageTree, type CoverageTree } from './coverageTree';
import { registerCreateReport } from './createReport';
import { registerDiagnostics } from './diagnostics';
import { EvidenceService } from './evidenceService';
import { registerHover } from './hover';
import { registerStatusBar } from './statusBar';

/** Wires each feature to the shared service; nothing here reads files (indexing is lazy). */
export function activate(context: vscode.ExtensionContext): { service: EvidenceService; tree: CoverageTree } {
  const service = new EvidenceService();
  const coverage = registerCoverageTree(service);
  context.subscriptions.push(
    service,
    registerCompletion(service),
    registerHover(service),
    registerDiagnostics(service),
    registerCodeActions(service),
    registerAddTagCommand(service),
    coverage,
    registerStatusBar(service),
    registerCreateReport(service),
  );
  // returned for tests and other extensions: the index and the coverage view's data
  return { service, tree: coverage.tree };
}

export function deactivate(): void {}
