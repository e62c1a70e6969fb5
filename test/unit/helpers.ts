import { createAnalyzer, type AnalyzerOptions } from '../../src/core/analyze';
import { bundledStandard } from '../../src/core/bundled';
import { buildCoverage } from '../../src/core/coverage';
import type { EvidenceKind } from '../../src/core/config';
import type { Standard } from '../../src/core/standard';

export const ST1398 = bundledStandard('ST1398')!;

/** Reads one document as the CLI would and answers in the JSON's terms (1-based lines). */
export function read(text: string, options: AnalyzerOptions & { standard?: Standard; kind?: EvidenceKind; path?: string } = {}) {
  const standard = options.standard ?? ST1398;
  const analysis = createAnalyzer(standard, options).analyze(text);
  const path = options.path ?? 'report/report.md';
  const report = buildCoverage(standard, [{ path, kind: options.kind ?? 'report', analysis }]);
  const evidence = report.ksbs.flatMap((k) => k.evidence.map((e) => ({ code: k.code, line: e.line, section: e.section })));
  return {
    analysis,
    report,
    /** Evidenced codes, sorted, each once. */
    codes: [...new Set(evidence.map((e) => e.code))].sort(),
    evidence,
    untagged: report.untagged.map((u) => ({ line: u.line, heading: u.heading, words: u.words })),
    unknown: report.unknown.map((u) => ({ line: u.line, code: u.code })),
    headings: analysis.sections.filter((s) => s.level > 0).map((s) => ({ level: s.level, line: s.line + 1, heading: s.heading })),
    words: analysis.words,
  };
}

/** `n` words of plain prose, deterministic. */
export function prose(n: number, seed = 0): string {
  const vocab = ['the', 'model', 'pipeline', 'monitoring', 'drift', 'stakeholders', 'data', 'quality', 'deployed', 'evaluation', 'features', 'training', 'latency', 'review', 'we', 'improved'];
  return Array.from({ length: n }, (_, i) => vocab[(i * 7 + seed) % vocab.length]).join(' ');
}
