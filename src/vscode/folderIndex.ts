import { coverageOptions } from '../core/project';
import { buildCoverage, buildCoverageInSlices, reportLimit, wordLimitStatus, type CoverageReport, type EvidenceDocument, type EvidencePlace, type WordLimitStatus } from '../core/coverage';
import type { EvidenceKind } from '../core/config';
import type { Project } from '../core/project';
import { TimeSlices } from './timeSlices';
import type { VscodeWorkspace } from './vscodeWorkspace';

/** One workspace folder (or the folder of a file opened outside every folder): its project and its analysed files. */
export class FolderIndex {
  /** Read it freely; change it only through set, delete and clear (they keep the counts). */
  readonly documents = new Map<string, EvidenceDocument>();
  private coverageCache: CoverageReport | undefined;
  /** The last coverage built, kept when the documents change (the tree's items show what its children were made from). */
  private lastCoverage: CoverageReport | undefined;
  /** Counts changes to the documents: a coverage built in slices is cached only if none came meanwhile. */
  private version = 0;
  private building: Promise<CoverageReport> | undefined;
  /** Evidence places per KSB and kind of file, kept as documents come and go (completion asks on every keystroke in a tag). */
  private readonly evidenceCounts = new Map<string, Record<EvidenceKind, number>>();

  constructor(
    readonly workspace: VscodeWorkspace,
    readonly name: string,
    public project: Project,
  ) {}

  set(document: EvidenceDocument): void {
    const old = this.documents.get(document.path);
    if (old) this.count(old, -1);
    this.documents.set(document.path, document);
    this.count(document, 1);
    this.changed();
  }

  delete(path: string): boolean {
    this.changed();
    const old = this.documents.get(path);
    if (old) this.count(old, -1);
    return this.documents.delete(path);
  }

  clear(): void {
    this.documents.clear();
    this.evidenceCounts.clear();
    this.changed();
  }

  /**
   * Evidence places per KSB code, by kind of file: what coverage().ksbs[].counts says, without
   * building the coverage (too slow to do after every edit in a provider's 20,000 files).
   */
  counts(): ReadonlyMap<string, Readonly<Record<EvidenceKind, number>>> {
    return this.evidenceCounts;
  }

  /** The documents or the project changed: the coverage is built again when next asked for. */
  private changed(): void {
    this.coverageCache = undefined;
    this.version++;
  }

  /**
   * How many of the standard's KSBs have no evidence place yet (coverage().ksbs' not covered),
   * from the running counts: the view's badge asks after every change.
   */
  missingCount(): number {
    let missing = 0;
    for (const k of this.project.standard.ksbs) {
      const c = this.evidenceCounts.get(k.code);
      if (!c || c.report + c.portfolio + c.other === 0) missing++;
    }
    return missing;
  }

  private count({ kind, analysis }: EvidenceDocument, sign: 1 | -1): void {
    for (const tag of analysis.tags)
      for (const code of tag.codes) {
        let c = this.evidenceCounts.get(code);
        if (!c) this.evidenceCounts.set(code, (c = { report: 0, portfolio: 0, other: 0 }));
        c[kind] += sign;
      }
  }

  /** The report's words against its limit, or undefined when there is no report or no limit. */
  reportStatus(): WordLimitStatus | undefined {
    const limit = reportLimit(this.project.standard, this.project.config);
    let words = 0;
    let files = 0;
    for (const d of this.documents.values())
      if (d.kind === 'report') {
        words += d.analysis.words;
        files++;
      }
    return limit && files ? wordLimitStatus(words, limit.limit, limit.tolerancePercent) : undefined;
  }

  /** Where one KSB is evidenced, without building the whole coverage (hovers ask this often). */
  placesOf(code: string): EvidencePlace[] {
    const places: EvidencePlace[] = [];
    for (const { path, kind, analysis } of this.documents.values())
      for (const tag of analysis.tags)
        if (tag.codes.includes(code)) places.push({ path, line: tag.line + 1, section: tag.form === 'frontmatter' ? '' : analysis.sections[tag.section].heading, kind });
    return places.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
  }

  private get coverageOptions() {
    return coverageOptions(this.project);
  }



  coverage(): CoverageReport {
    this.coverageCache ??= this.lastCoverage = buildCoverage(this.project.standard, this.documents.values(), this.coverageOptions);
    return this.coverageCache;
  }

  /** The coverage the view last showed, else the current one. */
  shownCoverage(): CoverageReport {
    return this.coverageCache ?? this.lastCoverage ?? this.coverage();
  }

  /**
   * The coverage, built in short slices when it is not cached: the tree asks after every edit, and
   * in a provider's 20,000 files a build in one go would hold the host. Built from the
   * documents as they were when it began; cached only if none changed meanwhile.
   */
  coverageInSlices(): Promise<CoverageReport> {
    if (this.coverageCache) return Promise.resolve(this.coverageCache);
    this.building ??= (async () => {
      const version = this.version;
      const slices = new TimeSlices(5);
      const report = await buildCoverageInSlices(this.project.standard, [...this.documents.values()], this.coverageOptions, () => slices.pause());
      this.lastCoverage = report;
      if (this.version === version) this.coverageCache = report;
      return report;
    })().finally(() => (this.building = undefined));
    return this.building;
  }
}
