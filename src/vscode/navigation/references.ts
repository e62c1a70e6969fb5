import * as vscode from 'vscode';
import { occurrencesOf } from '../../core/navigation/occurrences';
import { codeAt } from '../../core/query';
import { EVIDENCE_SELECTOR, type EvidenceService } from '../evidenceService';
import { standardLocator } from './standardView';

/** Find All References and Peek on a code: every place it is written in the folder's evidence, closed files too. */
export function registerReferences(service: EvidenceService): vscode.Disposable {
  return vscode.languages.registerReferenceProvider(EVIDENCE_SELECTOR, {
    async provideReferences(document, position, context) {
      const info = await service.analyze(document);
      const found = codeAt(info.analysis, position.line, position.character);
      if (!found) return undefined;
      await service.ensureIndexed();
      const { folder } = info;
      const code = found.ref?.codes.length === 1 ? found.ref.codes[0] : found.code;
      const locations = occurrencesOf(folder.documents.values(), code, { bare: true }).map(
        (o) => new vscode.Location(folder.workspace.uri(o.path), new vscode.Range(o.line, o.start, o.line, o.end)),
      );
      const definition = context.includeDeclaration ? standardLocator(folder.project.standard, folder.workspace.root)(code) : undefined;
      return definition ? [definition, ...locations] : locations;
    },
  });
}
