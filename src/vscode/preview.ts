import * as vscode from 'vscode';
import { createAnalyzer, type Analyzer } from '../core/analyze';
import { bundledStandard } from '../core/bundled';
import type { EvidenceService, FolderIndex } from './evidenceService';
import { tagBadgesPlugin, type MarkdownItLike, type PreviewTagMode } from '../core/preview/tagBadges';

/** The analyzer of the document's folder where its project is loaded; the bundled standard's otherwise. */
export type AnalyzerFor = (uri: vscode.Uri | undefined) => Analyzer | undefined;

/**
 * The analyzer of a document's folder for the preview, which renders synchronously: the folder's
 * project once it has loaded (asked for on the first render), the bundled standard's before.
 */
export function folderAnalyzers(service: EvidenceService): AnalyzerFor {
  const folders = new Map<string, FolderIndex>();
  return (uri) => {
    const folder = uri && vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return undefined;
    const key = folder.uri.toString();
    if (!folders.has(key)) void service.folderOf(folder.uri).then((index) => folders.set(key, index));
    return folders.get(key)?.project.analyzer;
  };
}

/**
 * The Markdown preview's plugin (returned from activate as `extendMarkdownIt`): tags as badges
 * with the KSB's text as tooltip, or hidden, as `ksbEvidence.preview.tags` says.
 */
export function extendMarkdownIt(analyzerFor: AnalyzerFor): <T extends MarkdownItLike>(md: T) => T {
  let fallback: Analyzer | undefined; // made on the first render without a folder, not at activation
  return (md) => {
    tagBadgesPlugin(md, (env) => {
      const uri = documentOf(env);
      const mode = vscode.workspace.getConfiguration('ksbEvidence', uri).get<PreviewTagMode>('preview.tags', 'badges');
      const analyzer = analyzerFor(uri) ?? (fallback ??= createAnalyzer(bundledStandard()!));
      const { standard } = analyzer;
      return {
        mode,
        tagsOf: (source) => analyzer.analyze(source).tags,
        describe: (code) => standard.byCode.get(code)?.text ?? standard.duties?.find((d) => d.code === code)?.text,
      };
    });
    return md;
  };
}

/** VS Code's Markdown engine passes the rendered document's URI in the render environment. */
function documentOf(env: unknown): vscode.Uri | undefined {
  const current = (env as { currentDocument?: unknown } | undefined)?.currentDocument;
  return current instanceof vscode.Uri ? current : undefined;
}
