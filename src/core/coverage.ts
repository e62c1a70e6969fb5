import type { CoverageAnalysis, DocumentAnalysis } from './analyze';
import type { EvidenceKind } from './config';
import { sectionBudgets, type SectionBudget } from './budgets';
import { CATEGORIES, type Category, type Standard } from './standard';

/** One analysed file of the workspace, by workspace-relative path with `/` separators. */
export interface EvidenceDocument extends CoverageDocument {
  analysis: DocumentAnalysis;
}

/** A file as the coverage reads it: what EvidenceDocument has, or the CLI's lighter reading. */
export interface CoverageDocument {
  path: string;
  kind: EvidenceKind;
  analysis: CoverageAnalysis;
  /** The file's text, where the reader still has it: untagged sections then get suggestions. */
  text?: string;
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

/** A duty's coverage (v2): its own list, never counted as a KSB. */
export interface DutyCoverage {
  code: string;
  covered: boolean;
  evidence: EvidencePlace[];
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
  /** Every duty of the standard in order; absent when the standard lists none. Never in `summary`. */
  duties?: DutyCoverage[];
  /** Sections that need a tag; `suggestions`, where the reader had the text: the KSBs that best fit it, best first. */
  untagged: { path: string; line: number; heading: string; words: number; suggestions?: string[] }[];
  unknown: { path: string; line: number; code: string }[];
  /** Sections with a word budget (a heading's `(N words)` or the project's `budgets`), in path and line order. */
  budgets: { path: string; line: number; heading: string; words: number; budget: number; status: SectionBudget['status'] }[];
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
  /** Word budgets of sections by heading (`budgets:` of the project). */
  budgets?: Readonly<Record<string, number>>;
  /** The KSBs that best fit a section's text, for the untagged sections of documents added with their text. */
  suggest?: (sectionText: string) => string[];
  warnings?: { path: string; message: string }[];
}

/** The report's word limit and tolerance: the project's overrides, else the standard's EPA facts. */
export function reportLimit(standard: Standard, overrides: CoverageOptions = {}): { limit: number; tolerancePercent: number } | undefined {
  const limit = overrides.wordLimit ?? standard.epa?.report?.wordLimit;
  return limit === undefined ? undefined : { limit, tolerancePercent: overrides.wordTolerancePercent ?? standard.epa?.report?.tolerancePercent ?? 0 };
}

export function wordLimitStatus(words: number, limit: number, tolerancePercent: number): WordLimitStatus {
  const maximum = Math.floor(limit * (1 + tolerancePercent / 100));
  return { words, limit, tolerancePercent, maximum, status: words > maximum ? 'over-tolerance' : words > limit ? 'over-limit' : 'within' };
}

/** A growable column of 32-bit integers. */
class IntColumn {
  private data = new Int32Array(8);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  at(i: number): number {
    return this.data[i];
  }
  values(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * What an accumulator has gathered, as plain data that can cross a thread (the CLI reads with
 * several threads, each with its own accumulator, and merges them).
 */
/** A coverage report whose KSB entries are built one at a time, as they are read. */
export interface CoverageView extends Omit<CoverageReport, 'ksbs'> {
  ksbs: Iterable<KsbCoverage>;
  /** Each entry of `ksbs` as JSON.stringify would write it, made straight from the columns (the JSON writer's fast path). */
  ksbsJson?: Iterable<string>;
}

/** Each kind of file as a number, to count places by kind in a typed loop. */
const KIND_INDEX: Readonly<Record<EvidenceKind, number>> = { report: 0, portfolio: 1, other: 2 };

/**
 * The coverage file by file: beginFile, then the file's evidence places, untagged sections and
 * unknown codes, then endFile. Lines are 0-based. CoverageAccumulator is one.
 */
export interface CoverageSink {
  beginFile(path: string, kind: EvidenceKind): void;
  /** A section heading's number for placeIn ('' for front matter): the same for the same heading, as long as this sink lives. */
  sectionNumber(heading: string): number;
  /** Evidence of the KSB at index `ksb` of the standard, in the section of that number (a reader with interned headings asks for each once). */
  placeIn(ksb: number, line: number, section: number): void;
  untaggedSection(line: number, heading: string, words: number): void;
  unknownCode(line: number, code: string): void;
  endFile(words: number, headings: number, tags: number): void;
}

/**
 * Aggregates documents one by one, keeping only what the report needs in compact columns (no
 * document's analysis is held), so a training provider's 20,000 files fit in little memory.
 */
export class CoverageAccumulator implements CoverageSink {
  private readonly files: CoverageReport['files'] = [];
  private readonly untagged: (CoverageReport['untagged'][number] & { file: number })[] = [];
  private readonly unknown: (CoverageReport['unknown'][number] & { file: number })[] = [];
  private readonly budgets: (CoverageReport['budgets'][number] & { file: number })[] = [];
  // per KSB (by its index in the standard): the file index, line and section of each evidence place,
  // in typed columns (a provider's 20,000 files make millions of places)
  private readonly evFile: IntColumn[];
  private readonly evLine: IntColumn[];
  private readonly evSection: IntColumn[];
  // each section's heading once, by number (a place holds the number: 4 bytes, and the JSON
  // writer escapes each heading once, with no look-up a place)
  private readonly sections: string[] = [];
  private readonly sectionNumbers = new Map<string, number>();
  private reportWords = 0;
  private hasReport = false;
  /** The standard's tolerance (or the project's), which section budgets are over past. */
  private readonly tolerancePercent: number;

  constructor(
    readonly standard: Standard,
    private readonly options: CoverageOptions = {},
  ) {
    this.tolerancePercent = reportLimit(standard, options)?.tolerancePercent ?? 0;
    // a column per KSB, then one per duty (at ksbs.length + its index)
    const n = standard.ksbs.length + (standard.duties?.length ?? 0);
    this.evFile = Array.from({ length: n }, () => new IntColumn());
    this.evLine = Array.from({ length: n }, () => new IntColumn());
    this.evSection = Array.from({ length: n }, () => new IntColumn());
  }

  add({ path, kind, analysis, text }: CoverageDocument): void {
    this.beginFile(path, kind);
    let tagCount = 0;
    for (const tag of analysis.tags) {
      if (tag.codes.length === 0) continue;
      tagCount++;
      const section = tag.form === 'frontmatter' ? '' : analysis.sections[tag.section].heading;
      for (const code of tag.codes) {
        const i = this.standard.order.get(code) ?? this.dutyColumn(code);
        if (i !== undefined) this.place(i, tag.line, section);
      }
    }
    const suggest = text !== undefined ? this.options.suggest : undefined;
    for (const s of analysis.sections) {
      if (!s.untagged) continue;
      this.untaggedSection(s.line, s.heading, s.words);
      if (suggest) this.untagged[this.untagged.length - 1].suggestions = suggest(linesOf(text!, s.line, s.endLine));
    }
    for (const u of analysis.unknown) this.unknownCode(u.line, u.code);
    for (const b of sectionBudgets(analysis.sections, this.options.budgets, this.tolerancePercent))
      this.budgets.push({ path, line: b.line + 1, heading: b.heading, words: b.words, budget: b.budget, status: b.status, file: this.currentIndex });
    this.endFile(analysis.words, analysis.headings, tagCount);
  }

  /** The column of a duty's places, or undefined. */
  private dutyColumn(code: string): number | undefined {
    const d = this.standard.dutyOrder.get(code);
    return d === undefined ? undefined : this.standard.ksbs.length + d;
  }

  // The file-by-file side (CoverageSink), which add() goes through.
  private current: CoverageReport['files'][number] = { path: '', kind: 'other', words: 0, sections: 0, tags: 0 };
  private currentIndex = -1;

  beginFile(path: string, kind: EvidenceKind): void {
    this.currentIndex = this.files.length;
    this.current = { path, kind, words: 0, sections: 0, tags: 0 };
    this.files.push(this.current);
  }

  /** placeIn() by the section's heading. */
  place(ksb: number, line: number, section: string): void {
    this.placeIn(ksb, line, this.sectionNumber(section));
  }

  sectionNumber(heading: string): number {
    let n = this.sectionNumbers.get(heading);
    if (n === undefined) {
      n = this.sections.length;
      this.sections.push(heading);
      this.sectionNumbers.set(heading, n);
    }
    return n;
  }

  placeIn(ksb: number, line: number, section: number): void {
    this.evFile[ksb].push(this.currentIndex);
    this.evLine[ksb].push(line + 1);
    this.evSection[ksb].push(section);
  }

  untaggedSection(line: number, heading: string, words: number): void {
    this.untagged.push({ path: this.current.path, line: line + 1, heading, words, file: this.currentIndex });
  }

  unknownCode(line: number, code: string): void {
    this.unknown.push({ path: this.current.path, line: line + 1, code, file: this.currentIndex });
  }

  endFile(words: number, headings: number, tags: number): void {
    const f = this.current;
    f.words = words;
    f.sections = headings;
    f.tags = tags;
    if (f.kind === 'report') {
      this.hasReport = true;
      this.reportWords += words;
    }
  }

  /** The report, files in path order; KSB entries are made as they are iterated. */
  view(): CoverageView {
    const { standard, files, sections } = this;
    const order = files.map((_, i) => i).sort((a, b) => (files[a].path < files[b].path ? -1 : files[a].path > files[b].path ? 1 : 0));
    const rank = new Int32Array(files.length);
    order.forEach((f, r) => (rank[f] = r));
    const byPlace = <T extends { file: number; line: number }>(a: T, b: T) => rank[a.file] - rank[b.file] || a.line - b.line;

    const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, { total: 0, covered: 0 }])) as Record<Category, CategoryCount>;
    const byKind = { report: { total: standard.ksbs.length, covered: 0 }, portfolio: { total: standard.ksbs.length, covered: 0 } };
    // each file's kind as a number, so counting a provider's hundreds of thousands of places is a typed loop
    const kindOf = Uint8Array.from(files, (f) => KIND_INDEX[f.kind]);
    const counts = standard.ksbs.map((k, i) => {
      const perKind = [0, 0, 0];
      const col = this.evFile[i].values();
      for (let j = 0; j < col.length; j++) perKind[kindOf[col[j]]]++;
      const c = { report: perKind[0], portfolio: perKind[1], other: perKind[2] };
      byCategory[k.category].total++;
      if (this.evFile[i].length) byCategory[k.category].covered++;
      if (c.report) byKind.report.covered++;
      if (c.portfolio) byKind.portfolio.covered++;
      return c;
    });
    const coveredSet = new Set(standard.ksbs.filter((_, i) => this.evFile[i].length > 0).map((k) => k.code));
    const byMethod = (standard.epa?.methods ?? [])
      .filter((m) => m.ksbs && m.ksbs.length > 0)
      .map((m) => ({ id: m.id, name: m.name, total: m.ksbs!.length, covered: m.ksbs!.filter((c) => coveredSet.has(c)).length, missing: m.ksbs!.filter((c) => !coveredSet.has(c)) }));
    const limit = reportLimit(standard, this.options);

    const self = this;
    /** The evidence places of KSB i in path, then line order: their indices, or undefined when they are in that order already. */
    const reordered = (i: number): number[] | undefined => {
      const fileCol = self.evFile[i].values();
      const lineCol = self.evLine[i].values();
      // documents added in path order (the CLI's one thread) leave the places in order already
      let j = 1;
      for (; j < fileCol.length; j++) {
        const r = rank[fileCol[j - 1]] - rank[fileCol[j]];
        if (r > 0 || (r === 0 && lineCol[j - 1] > lineCol[j])) break;
      }
      if (j >= fileCol.length) return undefined;
      const idx: number[] = [];
      for (let k = 0; k < fileCol.length; k++) idx.push(k);
      return idx.sort((a, b) => rank[fileCol[a]] - rank[fileCol[b]] || lineCol[a] - lineCol[b] || a - b);
    };
    const ordered = (i: number): number[] => reordered(i) ?? Array.from({ length: self.evFile[i].length }, (_, j) => j);
    const ksbs: Iterable<KsbCoverage> = {
      *[Symbol.iterator]() {
        for (let i = 0; i < standard.ksbs.length; i++) {
          const k = standard.ksbs[i];
          const fileCol = self.evFile[i].values();
          const lineCol = self.evLine[i].values();
          const sectionCol = self.evSection[i].values();
          const evidence = ordered(i).map((j) => ({ path: files[fileCol[j]].path, line: lineCol[j], section: sections[sectionCol[j]], kind: files[fileCol[j]].kind }));
          yield { code: k.code, category: k.category, covered: evidence.length > 0, evidence, counts: counts[i] };
        }
      },
    };
    // each file's path and kind, and each heading, escaped once for all its places
    let fileJson: string[] | undefined, kindJson: string[] | undefined;
    const quoted: string[] = [];
    /** KSB i's entry as JSON.stringify writes it, made from the columns. */
    const ksbJson = (i: number): string => {
      fileJson ??= files.map((f) => `{"path":${JSON.stringify(f.path)},"line":`);
      kindJson ??= files.map((f) => `,"kind":${JSON.stringify(f.kind)}}`);
      const k = standard.ksbs[i];
      const fileCol = self.evFile[i].values();
      const lineCol = self.evLine[i].values();
      const sectionCol = self.evSection[i].values();
      let evidence = '';
      const places = ordered(i);
      for (let p = 0; p < places.length; p++) {
        const j = places[p];
        const section = sectionCol[j];
        const q = (quoted[section] ??= `,"section":${JSON.stringify(sections[section])}`);
        evidence += `${evidence ? ',' : ''}${fileJson[fileCol[j]]}${lineCol[j]}${q}${kindJson[fileCol[j]]}`;
      }
      return `{"code":${JSON.stringify(k.code)},"category":${JSON.stringify(k.category)},"covered":${fileCol.length > 0},"evidence":[${evidence}],"counts":${JSON.stringify(counts[i])}}`;
    };
    const ksbsJson: Iterable<string> = {
      *[Symbol.iterator]() {
        for (let i = 0; i < standard.ksbs.length; i++) yield ksbJson(i);
      },
    };
    const strip = <T extends { file: number }>({ file: _file, ...rest }: T) => rest;
    const nK = standard.ksbs.length;
    const duties = standard.duties?.length
      ? standard.duties.map((d, k) => {
          const fileCol = self.evFile[nK + k].values(), lineCol = self.evLine[nK + k].values(), sectionCol = self.evSection[nK + k].values();
          const evidence = ordered(nK + k).map((j) => ({ path: files[fileCol[j]].path, line: lineCol[j], section: sections[sectionCol[j]], kind: files[fileCol[j]].kind }));
          return { code: d.code, covered: evidence.length > 0, evidence };
        })
      : undefined;
    return {
      standard: { id: standard.id, title: standard.title, version: standard.version ?? '' },
      files: order.map((f) => files[f]),
      ksbs,
      ksbsJson,
      ...(duties ? { duties } : {}),
      untagged: [...this.untagged].sort(byPlace).map(strip),
      unknown: [...this.unknown].sort(byPlace).map(strip),
      budgets: [...this.budgets].sort(byPlace).map(strip),
      summary: {
        total: standard.ksbs.length,
        covered: coveredSet.size,
        byCategory,
        byKind,
        byMethod,
        ...(this.hasReport && limit ? { report: wordLimitStatus(this.reportWords, limit.limit, limit.tolerancePercent) } : {}),
      },
      warnings: this.options.warnings ?? [],
    };
  }
}

/** Lines `from` to `to` (0-based, inclusive) of a text, found without splitting the whole text. */
function linesOf(text: string, from: number, to: number): string {
  // a text without a lone \r (nearly every file) finds its lines with the native search
  const next = text.indexOf('\r') < 0 ? (i: number) => (i = text.indexOf('\n', i)) < 0 ? -1 : i + 1 : (i: number) => nextLine(text, i);
  let start = 0;
  for (let line = 0; line < from && start >= 0; line++) start = next(start);
  let end = start;
  for (let line = from; line <= to && end >= 0; line++) end = next(end);
  return start < 0 ? '' : text.slice(start, end < 0 ? text.length : end);
}

/** Where the line after the one starting at i starts (after \n, \r\n or \r), or -1 at the end. */
function nextLine(text: string, i: number): number {
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return i + 1;
    if (c === 13) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  }
  return -1;
}

/** Aggregates analysed documents into the coverage the CLI prints and the tree shows. */
export function buildCoverage(standard: Standard, documents: Iterable<EvidenceDocument>, options: CoverageOptions = {}): CoverageReport {
  const acc = new CoverageAccumulator(standard, options);
  for (const d of documents) acc.add(d);
  const { ksbsJson: _json, ...view } = acc.view();
  return { ...view, ksbs: [...view.ksbs] };
}

/**
 * buildCoverage, awaiting `pause()` after each document and each KSB entry: an editor builds a
 * provider's 20,000 files' coverage (28,000 evidence places) without holding its thread.
 */
export async function buildCoverageInSlices(standard: Standard, documents: Iterable<EvidenceDocument>, options: CoverageOptions, pause: () => Promise<void>): Promise<CoverageReport> {
  const acc = new CoverageAccumulator(standard, options);
  for (const d of documents) {
    acc.add(d);
    await pause();
  }
  const { ksbsJson: _json, ...view } = acc.view();
  const ksbs: CoverageReport['ksbs'] = [];
  for (const k of view.ksbs) {
    ksbs.push(k);
    await pause();
  }
  return { ...view, ksbs };
}
