import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/core/analyze';
import { bundledStandard } from '../../src/core/bundled';
import { codeAt, listAboutKsbs, sectionAt, sectionPassingLimit, suggestCodes, tagContextAt } from '../../src/core/query';

const st = bundledStandard('ST1398')!;
const analyzer = createAnalyzer(st);

describe('tagContextAt: where completion offers codes', () => {
  it.each([
    ['## 3.2 Feature engineering [', 'bracket', '', []],
    ['## 3.2 Feature engineering [K', 'bracket', 'K', []],
    ['We rebuilt it (K5, S', 'bracket', 'S', ['K5']],
    ['We rebuilt it (K5; S3 & ', 'bracket', '', ['K5', 'S3']],
    ['[KSBs: K5, ', 'bracket', '', ['K5']],
    ['(S1-S4, B', 'bracket', 'B', ['S1', 'S4']],
    ['KSBs: ', 'label', '', []],
    ['**KSBs:** K1, S1, ', 'label', '', ['K1', 'S1']],
    ['- KSBs demonstrated: K', 'label', 'K', []],
    ['| Pipeline | KSBs: S2', 'label', 'S2', []],
    ['> **Primary KSB:** ', 'label', '', []],
    ['Text <!-- KSB: K24, ', 'comment', '', ['K24']],
  ])('%s → %s', (line, form, typed, written) => {
    const ctx = tagContextAt(line)!;
    expect(ctx).toBeDefined();
    expect(ctx.form).toBe(form);
    expect(ctx.typed).toBe(typed);
    expect(ctx.written).toEqual(written);
    expect(ctx.end).toBe(line.length);
    expect(line.slice(ctx.start, ctx.end)).toBe(typed);
  });

  it.each([
    'We stored the extracts in an S3 bucket',
    'We stored them (the S3 ',
    '[see K5 below',
    'A sentence with a colon: K',
    'Summary: ',
    '[link](http://example.com/K',
    'Done (for',
    '[K5] and then prose ',
  ])('offers nothing in prose: %s', (line) => {
    expect(tagContextAt(line)).toBeUndefined();
  });

  it.each([
    ['### 6.2 Design (400): ', 'heading', '', []],
    ['### 6.2 Design (400): K27, K', 'heading', 'K', ['K27']],
    ['### 6.4 Testing (350): K25 (Distinction: evaluate), S', 'heading', 'S', ['K25']],
    ['**Duties:** D1 · **KSBs:** K14, ', 'label', '', ['K14']],
    ['*Week 14* · **KSBs:** S', 'label', 'S', []],
    ['(Distinction K5, ', 'bracket', '', ['K5']],
  ])('v2: %s → %s', (line, form, typed, written) => {
    const ctx = tagContextAt(line)!;
    expect(ctx).toMatchObject({ form, typed, written, end: line.length });
  });

  it('v2: at the start of a list item only in a list about KSBs', () => {
    expect(tagContextAt('- **K', { ksbList: true })).toMatchObject({ form: 'list', typed: 'K' });
    expect(tagContextAt('- **K')).toBeUndefined();
    expect(tagContextAt('We', { ksbList: true })).toBeUndefined();
    const text = '## KSBs demonstrated\n\n- **K7:** Design patterns for the API\n- **K';
    const lines = text.split('\n');
    expect(listAboutKsbs(analyzer.analyze(text), (n) => lines[n], 3)).toBe(true);
    const prose = '## Sprint notes\n\nThe bucket settings:\n\n- S3: versioning on\n- S';
    const plines = prose.split('\n');
    expect(listAboutKsbs(analyzer.analyze(prose), (n) => plines[n], 5)).toBe(false);
  });

  it('front matter: only the ksbs key, when asked for front matter', () => {
    expect(tagContextAt('ksbs: [K1, ', { inFrontMatter: true })?.written).toEqual(['K1']);
    expect(tagContextAt('  - S', { inFrontMatter: true })?.typed).toBe('S');
    expect(tagContextAt('title: My K', { inFrontMatter: true })).toBeUndefined();
  });
});

describe('codeAt and sectionAt', () => {
  const doc = ['# 1 Intro [K5, S1-S3]', '', 'This shows K9 in prose and [K32] by mistake.', '', '## 1.1 Next', 'Text.'].join('\n');
  const a = analyzer.analyze(doc);

  it('finds a code in a tag, with the tag', () => {
    const found = codeAt(a, 0, doc.indexOf('K5') + 1)!;
    expect(found.code).toBe('K5');
    expect(found.tag?.form).toBe('bracket');
    expect(found.valid).toBe(true);
  });
  it('finds a range as one reference that names every code in it', () => {
    const found = codeAt(a, 0, doc.indexOf('S1-S3') + 3)!;
    expect(found.ref?.codes).toEqual(['S1', 'S2', 'S3']);
  });
  it('finds a bare code in prose, without a tag', () => {
    const line = doc.split('\n')[2];
    const found = codeAt(a, 2, line.indexOf('K9'))!;
    expect(found).toMatchObject({ code: 'K9', valid: true });
    expect(found.tag).toBeUndefined();
  });
  it('marks an unknown code as not valid', () => {
    const line = doc.split('\n')[2];
    expect(codeAt(a, 2, line.indexOf('K32') + 1)).toMatchObject({ code: 'K32', valid: false });
  });
  it('finds nothing on plain words', () => {
    expect(codeAt(a, 2, 2)).toBeUndefined();
  });
  it('sectionAt gives the section holding a line', () => {
    expect(sectionAt(a, 2)?.section.heading).toBe('1 Intro');
    expect(sectionAt(a, 5)?.section.heading).toBe('1.1 Next');
  });
});

describe('suggestCodes', () => {
  it('suggests the nearest valid codes of the same letter', () => {
    expect(suggestCodes(st, 'K32')[0]).toBe('K31');
    expect(suggestCodes(st, 'S0')[0]).toBe('S1');
    expect(suggestCodes(st, 'B6')).toContain('B5');
  });
});

describe('sectionPassingLimit', () => {
  it('finds the section where the running word count passes the limit', () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
    const doc = `# A [K1]\n\n${words(30)}\n\n# B [K2]\n\n${words(30)}\n\n# References\n\n${words(100)}\n`;
    const a = analyzer.analyze(doc);
    expect(sectionPassingLimit(a, 0, 40)?.heading).toBe('B');
    expect(sectionPassingLimit(a, 0, 1000)).toBeUndefined();
    expect(sectionPassingLimit(a, 35, 40)?.heading).toBe('A');
  });
});
