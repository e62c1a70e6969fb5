import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/core/analyze';
import { occurrencesOf } from '../../src/core/navigation/occurrences';
import { planRename } from '../../src/core/navigation/rename';
import { standardDocument } from '../../src/core/navigation/standardDocument';
import { symbolsFor } from '../../src/core/navigation/symbols';
import { ST1398 } from './helpers';

const analyzer = createAnalyzer(ST1398);
const REPORT = [
  '# Churn prediction: EPA project report',
  '',
  '## 2. Data pipeline (500 words) [K5, S3]',
  '',
  'I rebuilt the nightly ingestion job so that it stopped dropping late events from the CRM.',
  'This shows K5 in practice, and the raw files still land in the S3 bucket.',
  '',
  '## 3. Evaluation',
  '',
  '**KSBs:** S1-S4, K5',
  '',
  'Model evaluation against the baseline.',
].join('\r\n');
const LOG = ['---', 'ksbs: [K5]', 'evidence: portfolio', '---', '# Week 12 reflective log', '', 'Pairing with the data engineers (K5; B1).', ''].join('\n');
const files = [
  { path: 'report/report.md', analysis: analyzer.analyze(REPORT) },
  { path: 'portfolio/week-12.md', analysis: analyzer.analyze(LOG) },
];

describe('occurrences of a code', () => {
  it('finds every tag that names it, across files, with exact columns, ranges included', () => {
    const k5 = occurrencesOf(files, 'K5');
    expect(k5.map((o) => [o.path, o.line, o.text])).toEqual([
      ['portfolio/week-12.md', 1, 'K5'],
      ['portfolio/week-12.md', 6, 'K5'],
      ['report/report.md', 2, 'K5'],
      ['report/report.md', 9, 'K5'],
    ]);
    const heading = k5.find((o) => o.path === 'report/report.md' && o.line === 2)!;
    expect(REPORT.split('\r\n')[2].slice(heading.start, heading.end)).toBe('K5');
    expect(occurrencesOf(files, 'S3').map((o) => o.text)).toEqual(['S3', 'S1-S4']);
  });

  it('adds bare mentions in prose only when asked', () => {
    const withBare = occurrencesOf(files, 'K5', { bare: true });
    expect(withBare.filter((o) => !o.inTag).map((o) => [o.line, o.section])).toEqual([[5, '2. Data pipeline (500 words)']]);
    expect(occurrencesOf(files, 'K5').every((o) => o.inTag)).toBe(true);
  });
});

describe('rename', () => {
  it('edits each single code written as the old one, and leaves ranges', () => {
    const plan = planRename(ST1398, files, 'S3', 'S2');
    expect(plan).toMatchObject({ ok: true, rangesLeft: 1 });
    if (plan.ok) expect(plan.edits).toEqual([{ path: 'report/report.md', line: 2, start: 37, end: 39, newText: 'S2' }]);
  });

  it('refuses a name that is not a code of the standard', () => {
    expect(planRename(ST1398, files, 'K5', 'K32')).toMatchObject({ ok: false, message: expect.stringContaining('K32 is not a code of ST1398') });
    expect(planRename(ST1398, files, 'K5', 'k6')).toMatchObject({ ok: false });
    expect(planRename(ST1398, files, 'K5', 'K5')).toMatchObject({ ok: false });
  });
});

describe('the standard as a document', () => {
  it('holds every KSB and duty with its official text, at the line it says', () => {
    const doc = standardDocument(ST1398);
    const lines = doc.text.split('\n');
    for (const ksb of ST1398.ksbs) {
      expect(lines[doc.lineOf.get(ksb.code)!]).toBe(`### ${ksb.code}`);
      expect(lines[doc.lineOf.get(ksb.code)! + 2]).toBe(ksb.text);
    }
    expect(doc.lineOf.size).toBe(ST1398.ksbs.length + (ST1398.duties?.length ?? 0));
    expect(lines[0]).toBe('# ST1398 Machine learning engineer');
  });
});

describe('workspace symbols', () => {
  it('a code lists the KSB and its evidence places, in any case', () => {
    const found = symbolsFor(ST1398, files, 'k5');
    expect(found[0]).toMatchObject({ kind: 'standard', code: 'K5' });
    expect(found.slice(1).map((m) => (m.kind === 'evidence' ? m.place.path : ''))).toEqual(['portfolio/week-12.md', 'portfolio/week-12.md', 'report/report.md', 'report/report.md']);
  });

  it('words find KSBs whose text holds all of them', () => {
    const codes = symbolsFor(ST1398, files, 'pipeline').map((m) => m.code);
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) expect((ST1398.byCode.get(code)?.text ?? ST1398.duties!.find((d) => d.code === code)!.text).toLowerCase()).toContain('pipeline');
    expect(symbolsFor(ST1398, files, 'stakeholder')).not.toEqual([]);
    expect(symbolsFor(ST1398, files, 'zzzz quantum')).toEqual([]);
  });
});
