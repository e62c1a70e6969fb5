import * as vscode from 'vscode';
import { createAnalyzer, type Analyzer } from '../core/analyze';
import { bundledStandard } from '../core/bundled';
import { tagBadgesPlugin, type MarkdownItLike, type PreviewTagMode } from '../core/preview/tagBadges';

/** The analyzer of the document's folder where its project is loaded; the bundled standard's otherwise. */
export type AnalyzerFor = (uri: vscode.Uri | undefined) => Analyzer | undefined;

/**
 * The Markdown preview's plugin (returned from activate as `extendMarkdownIt`): tags as badges
 * with the KSB's text as tooltip, or hidden, as `ksbEvidence.preview.tags` says.
 */
export function extendMarkdownIt(analyzerFor: AnalyzerFor): <T extends MarkdownItLike>(md: T) => T {
  const fallback = createAnalyzer(bundledStandard()!);
  return (md) => {
    tagBadgesPlugin(md, (env) => {
      const uri = documentOf(env);
      const mode = vscode.workspace.getConfiguration('ksbEvidence', uri).get<PreviewTagMode>('preview.tags', 'badges');
      const analyzer = analyzerFor(uri) ?? fallback;
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
