import type { DocumentAnalysis } from './analyze';
import type { EvidenceKind } from './config';
import { CATEGORIES, type Category, type Standard } from './standard';

/** One analysed file of the workspace, by workspace-relative path with `/` separators. */
export interface EvidenceDocument {
  path: string;
  kind: EvidenceKind;
  analysis: DocumentAnalysis;
}

export interface EvidencePlace {
  path: string;
  /** 1-based. */
  line: number;
  section: string;
  kind: EvidenceKind;
}

export interface KsbCoverage {
  code: string;
  category: Category;
  covered: boolean;
  evidence: EvidencePlace[];
  /** Evidence places per kind of file. */
  counts: Record<EvidenceKind, number>;
}

export interface CategoryCount {
  total: number;
  covered: number;
}

export interface WordLimitStatus {
  words: number;
  limit: number;
  tolerancePercent: number;
  /** The most the report may hold: limit plus tolerance. */
  maximum: number;
  /** `within`, `over-limit` (past the limit, within tolerance) or `over-tolerance`. */
  status: 'within' | 'over-limit' | 'over-tolerance';
}

export interface CoverageReport {
  standard: { id: string; title: string; version: string };
  files: { path: string; kind: EvidenceKind; words: number; sections: number; tags: number }[];
  ksbs: KsbCoverage[];
  untagged: { path: string; line: number; heading: string; words: number }[];
  unknown: { path: string; line: number; code: string }[];
  summary: {
    total: number;
    covered: number;
    byCategory: Record<Category, CategoryCount>;
    /** KSBs evidenced in the report and in the portfolio. */
    byKind: { report: CategoryCount; portfolio: CategoryCount };
    /** Coverage of the KSBs each EPA method assesses, only for methods whose KSBs are known. */
    byMethod: { id: string; name: string; total: number; covered: number; missing: string[] }[];
    /** The report's words against the limit, when there is a report and a limit. */
    report?: WordLimitStatus;
  };
  warnings: { path: string; message: string }[];
}

export interface CoverageOptions {
  wordLimit?: number;
  wordTolerancePercent?: number;
  warnings?: { path: string; message: string }[];
}

export function wordLimitStatus(words: number, limit: number, tolerancePercent: number): WordLimitStatus {
  const maximum = Math.floor(limit * (1 + tolerancePercent / 100));
  return { words, limit, tolerancePercent, maximum, status: words > maximum ? 'over-tolerance' : words > limit ? 'over-limit' : 'within' };
}

/** Aggregates analysed documents into the coverage the CLI prints and the tree shows. */
export function buildCoverage(standard: Standard, documents: Iterable<EvidenceDocument>, options: CoverageOptions = {}): CoverageReport {
  const docs = [...documents].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const evidence = new Map<string, EvidencePlace[]>(standard.ksbs.map((k) => [k.code, []]));
  const files: CoverageReport['files'] = [];
  const untagged: CoverageReport['untagged'] = [];
  const unknown: CoverageReport['unknown'] = [];
  let reportWords = 0;
  let hasReport = false;

  for (const { path, kind, analysis } of docs) {
    let tagCount = 0;
    for (const tag of analysis.tags) {
      if (tag.codes.length === 0) continue;
      tagCount++;
      const place: EvidencePlace = { path, line: tag.line + 1, section: tag.form === 'frontmatter' ? '' : analysis.sections[tag.section].heading, kind };
      for (const code of tag.codes) evidence.get(code)?.push(place);
    }
    for (const s of analysis.sections) if (s.untagged) untagged.push({ path, line: s.line + 1, heading: s.heading, words: s.words });
    for (const u of analysis.unknown) unknown.push({ path, line: u.line + 1, code: u.code });
    files.push({ path, kind, words: analysis.words, sections: analysis.headings, tags: tagCount });
    if (kind === 'report') {
      hasReport = true;
      reportWords += analysis.words;
    }
  }

  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, { total: 0, covered: 0 }])) as Record<Category, CategoryCount>;
  const byKind = { report: { total: standard.ksbs.length, covered: 0 }, portfolio: { total: standard.ksbs.length, covered: 0 } };
  const ksbs: KsbCoverage[] = standard.ksbs.map((k) => {
    const places = evidence.get(k.code)!;
    const counts = { report: 0, portfolio: 0, other: 0 };
    for (const p of places) counts[p.kind]++;
    const covered = places.length > 0;
    byCategory[k.category].total++;
    if (covered) byCategory[k.category].covered++;
    if (counts.report) byKind.report.covered++;
    if (counts.portfolio) byKind.portfolio.covered++;
    return { code: k.code, category: k.category, covered, evidence: places, counts };
  });
  const coveredSet = new Set(ksbs.filter((k) => k.covered).map((k) => k.code));
  const byMethod = (standard.epa?.methods ?? [])
    .filter((m) => m.ksbs && m.ksbs.length > 0)
    .map((m) => ({ id: m.id, name: m.name, total: m.ksbs!.length, covered: m.ksbs!.filter((c) => coveredSet.has(c)).length, missing: m.ksbs!.filter((c) => !coveredSet.has(c)) }));

  const limit = options.wordLimit ?? standard.epa?.report?.wordLimit;
  const tolerance = options.wordTolerancePercent ?? standard.epa?.report?.tolerancePercent ?? 0;
  return {
    standard: { id: standard.id, title: standard.title, version: standard.version ?? '' },
    files,
    ksbs,
    untagged,
    unknown,
    summary: {
      total: ksbs.length,
      covered: coveredSet.size,
      byCategory,
      byKind,
      byMethod,
      ...(hasReport && limit !== undefined ? { report: wordLimitStatus(reportWords, limit, tolerance) } : {}),
    },
    warnings: options.warnings ?? [],
  };
}
