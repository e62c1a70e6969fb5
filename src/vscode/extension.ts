import type * as vscode from 'vscode';
import { registerBudgetLens } from './budgetLens';
import { registerAddTagCommand, registerCodeActions } from './codeActions';
import { registerCompletion } from './completion';
import { registerConfigQuickFix, registerOpenConfig } from './configActions';
import { registerCoverageTree, type CoverageTree } from './coverageTree';
import { registerCreateReport } from './createReport';
import { registerDiagnostics } from './diagnostics';
import { EvidenceService } from './evidenceService';
import { registerHover } from './hover';
import { registerDefinition } from './navigation/definition';
import { registerReferences } from './navigation/references';
import { registerRename } from './navigation/rename';
import { registerStandardView } from './navigation/standardView';
import { registerWorkspaceSymbols } from './navigation/symbols';
import { extendMarkdownIt, folderAnalyzers } from './preview';
import { registerRunCli } from './runCli';
import { registerStatusBar } from './statusBar';

/** Wires each feature to the shared service; nothing here reads files (indexing is lazy). */
export function activate(context: vscode.ExtensionContext) {
  const service = new EvidenceService();
  const coverage = registerCoverageTree(service);
  context.subscriptions.push(
    service,
    registerCompletion(service),
    registerHover(service),
    registerDiagnostics(service),
    registerCodeActions(service),
    registerConfigQuickFix(),
    registerOpenConfig(),
    registerAddTagCommand(service),
    coverage,
    registerStatusBar(service),
    registerCreateReport(service),
    registerStandardView(service),
    registerDefinition(service),
    registerReferences(service),
    registerRename(service),
    registerWorkspaceSymbols(service),
    registerRunCli(context),
    registerBudgetLens(service),
  );
  // for tests and other extensions: the index and the coverage view's data; for the Markdown
  // preview: the plugin that shows tags as badges
  return { service, tree: coverage.tree as CoverageTree, extendMarkdownIt: extendMarkdownIt(folderAnalyzers(service)) };
}

export function deactivate(): void {}
