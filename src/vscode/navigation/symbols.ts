import * as vscode from 'vscode';
import { symbolsFor } from '../../core/navigation/symbols';
import { shortText } from '../../core/standard';
import type { EvidenceService } from '../evidenceService';
import { standardLocator } from './standardView';

/**
 * Workspace symbols (Ctrl+T): `K5` lists the KSB and every place it is evidenced; words
 * (`pipeline`) find the KSBs whose text holds them. The KSB's text is part of the symbol's name,
 * because the symbol picker keeps only names that match what was typed.
 */
export function registerWorkspaceSymbols(service: EvidenceService): vscode.Disposable {
  return vscode.languages.registerWorkspaceSymbolProvider({
    async provideWorkspaceSymbols(query) {
      if (!query.trim()) return [];
      await service.ensureIndexed();
      const symbols: vscode.SymbolInformation[] = [];
      for (const folder of await service.workspaceFolders()) {
        const { standard } = folder.project;
        const locate = standardLocator(standard, folder.workspace.root);
        for (const match of symbolsFor(standard, folder.documents.values(), query)) {
          if (match.kind === 'evidence') {
            const { place } = match;
            const location = new vscode.Location(folder.workspace.uri(place.path), new vscode.Range(place.line, place.start, place.line, place.end));
            symbols.push(new vscode.SymbolInformation(match.code, vscode.SymbolKind.Key, `${place.path}${place.section ? ` · ${place.section}` : ''}`, location));
          } else {
            const location = locate(match.code);
            const name = /^[A-Za-z]+\d/.test(query.trim()) ? `${match.code} ${shortText(match.text)}` : `${match.code} ${match.text}`;
            if (location) symbols.push(new vscode.SymbolInformation(name, vscode.SymbolKind.Constant, `${standard.id} ${standard.title}`, location));
          }
        }
      }
      return symbols;
    },
  });
}
