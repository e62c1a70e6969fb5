import * as vscode from 'vscode';
import { codeAt } from '../../core/query';
import { EVIDENCE_SELECTOR, type EvidenceService } from '../evidenceService';
import { standardLocator } from './standardView';

/** Go to Definition on a code: its entry in the folder's standard (each code of a range). */
export function registerDefinition(service: EvidenceService): vscode.Disposable {
  return vscode.languages.registerDefinitionProvider(EVIDENCE_SELECTOR, {
    async provideDefinition(document, position) {
      const info = await service.analyze(document);
      const found = codeAt(info.analysis, position.line, position.character);
      if (!found) return undefined;
      const codes = found.ref ? found.ref.codes : [found.code];
      const { standard } = info.folder.project;
      const locate = standardLocator(standard, info.folder.workspace.root);
      return codes.map(locate).filter((l): l is vscode.Location => l !== undefined);
    },
  });
}
