// The reader on a hand-labelled set written as ST1398 apprentices write on GitHub (capstone reports
// with word budgets in headings, portfolio pieces, reflective logs, KSB trackers and reference lists,
// DevOps notes about S3 buckets): precision and recall over (file, line, code) against what each
// author clearly meant as a claim. Labels and the choices behind them: test/fixtures/real-style/README.md.
// bench/tag-eval.mjs prints the misses and false positives file by file.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAnalyzer, type Tag } from '../../src/core/analyze';
import { bundledStandard } from '../../src/core/bundled';

const FOLDER = path.join(__dirname, '../fixtures/real-style');
const ST1398 = bundledStandard('ST1398')!;

interface Label {
  line: number;
  code: string;
  /** "intent": clearly meant by the author, though the spec's rules do not read it. */
  note?: string;
}

const files = readdirSync(FOLDER)
  .filter((f) => f.endsWith('.md') && f !== 'README.md')
  .sort()
  .map((name) => ({
    name,
    text: readFileSync(path.join(FOLDER, name), 'utf8'),
    labels: JSON.parse(readFileSync(path.join(FOLDER, name.replace(/\.md$/, '.labels.json')), 'utf8')) as Label[],
  }));

/** Every code a tag reads: KSB codes and, however the reader keeps them, duty codes. */
function tagCodes(t: Tag): string[] {
  const duties = (t as unknown as { duties?: string[] }).duties ?? [];
  return [...new Set([...t.codes, ...duties, ...t.refs.flatMap((r) => (r.valid ? r.codes : []))])];
}

const lineOf = (text: string, line: number) => text.replace(/^\uFEFF/, '').split(/\r?\n/)[line - 1] ?? '';

describe('the labelled set', () => {
  it('has at least 15 files of several kinds, with CRLF, a BOM and front matter among them', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
    expect(files.some((f) => f.text.includes('\r\n'))).toBe(true);
    expect(files.some((f) => f.text.startsWith('\uFEFF'))).toBe(true);
    expect(files.filter((f) => /^\uFEFF?---\r?\n/.test(f.text)).length).toBeGreaterThanOrEqual(3);
  });

  it.each(files.map((f) => [f.name, f] as const))('%s: every label names a code of the standard written on its line', (_name, f) => {
    for (const l of f.labels) {
      expect(ST1398.byCode.has(l.code) || (ST1398.duties ?? []).some((d) => d.code === l.code), `${f.name}:${l.line} ${l.code}`).toBe(true);
      // front matter tags the file at line 1; every other label sits on the line that writes the code
      const written = l.line === 1 && /^\uFEFF?---/.test(f.text) ? f.text.split(/\r?\n---/)[0] : lineOf(f.text, l.line);
      expect(written, `${f.name}:${l.line} ${l.code}`).toMatch(new RegExp(`\\b${l.code}\\b|\\b${l.code[0]}\\d+\\s*[-–]\\s*${l.code[0]}\\d+`));
    }
  });
});

describe('the reader on the labelled set', () => {
  const analyzer = createAnalyzer(ST1398, {});
  let hits = 0;
  let falsePositives = 0;
  let misses = 0;
  const detail: string[] = [];
  for (const f of files) {
    const found = new Set(analyzer.analyze(f.text).tags.flatMap((t) => tagCodes(t).map((c) => `${t.line + 1}:${c}`)));
    const wanted = new Set(f.labels.map((l) => `${l.line}:${l.code}`));
    for (const k of found) {
      if (wanted.has(k)) hits++;
      else {
        falsePositives++;
        detail.push(`${f.name} FP ${k}`);
      }
    }
    for (const k of wanted) {
      if (!found.has(k)) {
        misses++;
        detail.push(`${f.name} MISS ${k}`);
      }
    }
  }
  const precision = hits / Math.max(1, hits + falsePositives);
  const recall = hits / Math.max(1, hits + misses);
  console.log(`real-style set: ${files.length} files, ${hits + misses} labels; precision ${precision.toFixed(3)} (${hits}/${hits + falsePositives}), recall ${recall.toFixed(3)} (${hits}/${hits + misses})`);

  it('precision is at least 0.93', () => {
    expect(precision, detail.filter((d) => d.includes(' FP ')).join('\n')).toBeGreaterThanOrEqual(0.93);
  });

  it('recall is at least 0.75', () => {
    expect(recall, detail.filter((d) => d.includes(' MISS ')).join('\n')).toBeGreaterThanOrEqual(0.75);
  });

  it('trackers, mapping tables and quoted reference lists draw no tag, no unknown code and no bare-code hint', () => {
    for (const name of ['07-ksb-tracker-table.md', '08-ksb-reference-list.md']) {
      const f = files.find((x) => x.name === name)!;
      const a = analyzer.analyze(f.text);
      expect(a.tags, name).toEqual([]);
      expect(a.unknown, name).toEqual([]);
      // v2: no hint in a table cell or a quoted KSB list; prose mentions may keep theirs
      const hinted = a.bareCodes.map((b) => lineOf(f.text, b.line + 1)).filter((l) => /^\s*\||^\s*(?:[-*]|\d+\.)?\s*(?:\*\*)?[KSBD]\d+/.test(l));
      expect(hinted, name).toEqual([]);
    }
  });

  it('a duty code in a tracker cell is not unknown, and D10 in a cell is neither a tag nor reported', () => {
    const f = files.find((x) => x.name === '17-duties-portfolio.md')!;
    const a = analyzer.analyze(f.text);
    expect(a.unknown).toEqual([]);
    expect(a.tags.filter((t) => t.line + 1 >= 9 && t.line + 1 <= 13)).toEqual([]);
  });
});
