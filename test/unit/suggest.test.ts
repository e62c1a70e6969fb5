// KSB suggestions for a section (src/core/suggest): accuracy floors on the hand-labelled sections
// in test/fixtures/suggestions, and how the ranking treats odd input (empty, code only, BOM, CRLF,
// tags, front matter), custom standards and the optional `keywords` field of a standard file.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { bundledStandard } from '../../src/core/bundled';
import { parseStandard } from '../../src/core/standard';
import { buildSuggestIndex, sectionProse, suggestKsbs } from '../../src/core/suggest';

const REPO = path.resolve(__dirname, '../..');
interface Labelled {
  id: string;
  gold: string[];
  meaning?: boolean;
  text: string;
}
const split = (name: string): Labelled[] => parse(readFileSync(path.join(REPO, 'test/fixtures/suggestions', `${name}.yaml`), 'utf8')).sections;
const st = bundledStandard('ST1398')!;
const index = buildSuggestIndex(st);

function accuracy(sections: Labelled[]): { top1: number; top3: number } {
  let top1 = 0;
  let top3 = 0;
  for (const s of sections) {
    const codes = suggestKsbs(st, s.text, 5, index).map((r) => r.code);
    if (s.gold.includes(codes[0])) top1++;
    if (codes.slice(0, 3).some((c) => s.gold.includes(c))) top3++;
  }
  return { top1: top1 / sections.length, top3: top3 / sections.length };
}

describe('the labelled sections', () => {
  const all = ['dev', 'test', 'holdout', 'fresh', 'fresh2', 'fresh3'].flatMap(split);

  it('are well formed: unique ids, gold codes of the standard, at least 60 with a fifth linked by meaning', () => {
    expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
    for (const s of all) for (const code of s.gold) expect(st.byCode.has(code), `${s.id}: ${code}`).toBe(true);
    expect(all.length).toBeGreaterThanOrEqual(60);
    expect(all.filter((s) => s.meaning).length / all.length).toBeGreaterThanOrEqual(0.2);
    expect(new Set(all.map((s) => s.gold[0])).size).toBeGreaterThanOrEqual(35);
  });

  // Floors a little under the measured figures (bench/suggest-eval.mjs), so a change that makes
  // the ranking worse fails here. Which splits were tuned on: see the header of dev.yaml.
  it.each([
    ['dev', 0.85, 0.9],
    ['test', 0.85, 0.9],
    ['holdout', 0.85, 0.9],
    ['fresh', 0.85, 0.9],
    ['fresh2', 0.85, 0.9],
    // never tuned on: measured 87% / 90% when first scored
    ['fresh3', 0.8, 0.85],
  ])('%s: top-1 and top-3 accuracy at or above the floors', (name, top1, top3) => {
    const got = accuracy(split(name));
    expect(got.top1).toBeGreaterThanOrEqual(top1);
    expect(got.top3).toBeGreaterThanOrEqual(top3);
  });

  it('the sections linked by meaning: the gold KSB in the first three for most of them', () => {
    expect(accuracy(all.filter((s) => s.meaning)).top3).toBeGreaterThanOrEqual(0.75);
  });
});

describe('suggestKsbs', () => {
  const monitoring = [
    '## 6.1 Watching the model after go-live',
    '',
    'After deployment I set up a dashboard with alerts on latency and on the share of referrals',
    'confirmed each week, and the on-call engineer is paged when precision drops below 0.6.',
  ].join('\n');

  it('puts the KSB a section evidences first, with scores best first', () => {
    const got = suggestKsbs(st, monitoring);
    expect(got[0].code).toBe('S10');
    expect(got.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < got.length; i++) expect(got[i - 1].score).toBeGreaterThanOrEqual(got[i].score);
  });

  it('bridges by meaning: a canary rollout with a rollback runbook points at moving to the live environment', () => {
    const text = 'I set up a canary rollout: five percent of traffic first, then half, then all of it, with a rollback runbook the on-call engineer rehearsed.';
    expect(suggestKsbs(st, text, 3).map((s) => s.code)).toContain('S16');
  });

  it('builds the same ranking with or without a kept index, and is deterministic', () => {
    const once = suggestKsbs(st, monitoring, 10);
    expect(suggestKsbs(st, monitoring, 10, buildSuggestIndex(st))).toEqual(once);
    expect(suggestKsbs(st, monitoring, 10, index)).toEqual(once);
  });

  it('honours max, and 0 gives none', () => {
    expect(suggestKsbs(st, monitoring, 2)).toHaveLength(2);
    expect(suggestKsbs(st, monitoring, 0)).toEqual([]);
    expect(suggestKsbs(st, monitoring, 100).length).toBeLessThanOrEqual(70);
  });

  it('suggests nothing for an empty section, a heading alone with stop words, or only code and a table', () => {
    expect(suggestKsbs(st, '')).toEqual([]);
    expect(suggestKsbs(st, '   \n\n')).toEqual([]);
    expect(suggestKsbs(st, '## 2. And then we were there')).toEqual([]);
    const codeOnly = ['```python', 'model.fit(X_train, y_train)  # monitoring deployment pipeline', '```', '', '| metric | value |', '| --- | --- |', '| recall | 0.91 |', '', '    indented code about drift'].join('\n');
    expect(sectionProse(codeOnly).trim()).toBe('');
    expect(suggestKsbs(st, codeOnly)).toEqual([]);
  });

  it('reads through a BOM, CRLF, front matter, comments, links and KSB tags as prose only', () => {
    const lf = monitoring;
    const crlf = '\uFEFF---\r\ntitle: Report\r\n---\r\n' + lf.replace(/\n/g, '\r\n') + '\r\n<!-- note to self: feature engineering -->\r\n';
    expect(suggestKsbs(st, crlf)).toEqual(suggestKsbs(st, lf));
    const tagged = lf.replace('## 6.1 Watching the model after go-live', '## 6.1 Watching the model after go-live [K9, S3]') + '\n\nKSBs: K13\n\nSee [the runbook](https://example.com/feature-engineering).';
    expect(suggestKsbs(st, tagged).map((s) => s.code)).toEqual(suggestKsbs(st, lf + '\n\nSee the runbook.').map((s) => s.code));
  });

  it("reads American spelling as the standard's British: optimize, analyze, behavior, modeling", () => {
    const british = 'I optimised the hyperparameters, analysed the residuals and standardised the inputs after modelling the behaviour of the labelled data.';
    const american = 'I optimized the hyperparameters, analyzed the residuals and standardized the inputs after modeling the behavior of the labeled data.';
    expect(suggestKsbs(st, american, 10)).toEqual(suggestKsbs(st, british, 10));
  });

  it('never suggests a code the standard lacks, and works on a custom standard without keywords', () => {
    const codes = new Set(st.ksbs.map((k) => k.code));
    for (const s of split('fresh')) for (const r of suggestKsbs(st, s.text, 70, index)) expect(codes.has(r.code)).toBe(true);
    const yaml = [
      'id: X9',
      'title: Data technician',
      'ksbs:',
      '  - { code: K1, category: knowledge, text: Data cleansing and validation techniques. }',
      '  - { code: S1, category: skills, text: Present findings to stakeholders with charts. }',
    ].join('\n');
    const custom = parseStandard(yaml, 'standards/custom.yaml').standard!;
    const got = suggestKsbs(custom, 'I presented the findings to the finance stakeholders using two charts.');
    expect(got.map((s) => s.code)).toEqual(['S1']);
    expect(suggestKsbs(custom, 'I validated every column and cleansed the duplicates.')[0].code).toBe('K1');
  });
});

describe('keywords in a standard file', () => {
  const valid = (ksb: string) => `id: X9\ntitle: Test\nksbs:\n${ksb}`;

  it('are read as a list of texts and used by the ranking, never as the KSB text', () => {
    const { standard, problems } = parseStandard(valid('  - code: K1\n    category: knowledge\n    text: Deployment approaches.\n    keywords: [canary release, blue-green]\n  - { code: K2, category: knowledge, text: Data quality. }\n'), 'custom.yaml');
    expect(problems).toEqual([]);
    expect(standard!.byCode.get('K1')).toEqual({ code: 'K1', category: 'knowledge', text: 'Deployment approaches.', keywords: ['canary release', 'blue-green'] });
    expect(standard!.byCode.get('K2')).not.toHaveProperty('keywords');
    expect(suggestKsbs(standard!, 'We did a blue-green swap.')[0].code).toBe('K1');
  });

  it.each([
    ['not a list', '    keywords: canary\n', 7],
    ['a list holding a mapping', '    keywords:\n      - blue-green\n      - { term: canary }\n', 9],
  ])('a wrong shape (%s) is an error naming the file and line', (_name, keywords, line) => {
    const { standard, problems } = parseStandard(valid(`  - code: K1\n    category: knowledge\n    text: Deployment approaches.\n${keywords}`), 'custom.yaml');
    expect(standard).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ file: 'custom.yaml', line, severity: 'error', message: '`keywords` of K1 must be a list of texts' })]);
  });

  // (test/unit/standard.test.ts checks the official texts against the published standard)
  it('ST1398 has keywords for every KSB', () => {
    for (const k of st.ksbs) expect(k.keywords?.length, k.code).toBeGreaterThan(0);
  });
});
