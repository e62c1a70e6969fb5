import type * as vscode from 'vscode';
import type { DocumentAnalysis } from '../core/analyze';
import type { EvidenceDocument } from '../core/coverage';
import type { FolderIndex } from './folderIndex';

export interface DocumentInfo {
  analysis: DocumentAnalysis;
  folder: FolderIndex;
  /** Folder-relative path (the file name for a document outside the folder). */
  path: string;
  kind: EvidenceDocument['kind'];
}

/**
 * The analysis of each open document, kept per document version and project (the way
 * vscode-markdown-languageservice keeps MdDocumentInfoCache). Reading it changes nothing else:
 * hovers, completion and diagnostics all ask here, and the index learns of edits from the
 * editor's change events, not from them.
 */
export class DocumentCache {
  private readonly entries = new WeakMap<vscode.TextDocument, { version: number; info: DocumentInfo; project: object }>();

  get(document: vscode.TextDocument, folder: FolderIndex): DocumentInfo {
    const cached = this.entries.get(document);
    if (cached && cached.version === document.version && cached.info.folder === folder && cached.project === folder.project) return cached.info;
    const path = folder.workspace.relative(document.uri) ?? document.uri.path.split('/').pop() ?? document.uri.toString();
    const analysis = folder.project.analyzer.analyze(document.getText());
    const info: DocumentInfo = { analysis, folder, path, kind: folder.project.classifier.kind(path, analysis.frontMatter?.evidence) };
    this.entries.set(document, { version: document.version, info, project: folder.project });
    return info;
  }
}
