// The tagging spec, rule by rule: what counts as a tag and what does not.
import { describe, expect, it } from 'vitest';
import { parseStandard } from '../../src/core/standard';
import { prose, read } from './helpers';

const section = (body: string) => `# 2 Method\n\n${body}\n`;

describe('bracket groups', () => {
  it.each([
    ['[K5]', ['K5']],
    ['[K5, S3]', ['K5', 'S3']],
    ['(K5; S3 & B1)', ['B1', 'K5', 'S3']],
    ['[KSBs: K5, S3]', ['K5', 'S3']],
    ['[KSB: K5]', ['K5']],
    ['[KSB K5 / S3]', ['K5', 'S3']],
    ['(S1-S4)', ['S1', 'S2', 'S3', 'S4']],
    ['(S1–S4)', ['S1', 'S2', 'S3', 'S4']],
    ['[K5 and S3]', ['K5', 'S3']],
    ['[K1,K2,K3]', ['K1', 'K2', 'K3']],
  ])('%s is a tag', (tag, codes) => {
    const r = read(section(`We retrained the forecasting model every four weeks ${tag} and compared it with the live one.`));
    expect(r.codes).toEqual(codes);
    expect(r.evidence.every((e) => e.line === 3 && e.section === '2 Method')).toBe(true);
  });

  it.each([
    ['(the S3 bucket)'],
    ['[see K5 below]'],
    ['[k5]'],
    ['(K5 mostly)'],
    ['[X5]'],
    ['(2019)'],
    ['[1]'],
    ['(K1-S4)'],
  ])('%s is not a tag', (text) => {
    const r = read(section(`We kept the raw extracts ${text} for ninety days before deleting them.`));
    expect(r.codes).toEqual([]);
    expect(r.unknown).toEqual([]);
  });

  it('a tag at the end of an ATX heading tags that section, on the heading line', () => {
    const r = read(`# 1 Intro\n\n${prose(10)}\n\n## 3.2 Feature engineering [K9, S3]\n\n${prose(60)}\n`);
    expect(r.evidence).toEqual([
      { code: 'K9', line: 5, section: '3.2 Feature engineering' },
      { code: 'S3', line: 5, section: '3.2 Feature engineering' },
    ]);
    expect(r.untagged).toEqual([]);
  });

  it('one entry per tag occurrence; a code named twice in one tag counts once there', () => {
    const r = read(section(`First claim [K5, K5, K5-K6] and a second one (K5).`));
    expect(r.evidence.filter((e) => e.code === 'K5')).toHaveLength(2);
    expect(r.report.files[0].tags).toBe(2);
  });

  it('a range names every code between its ends, in either order', () => {
    expect(read(section('Text (S4-S1).')).codes).toEqual(['S1', 'S2', 'S3', 'S4']);
    expect(read(section('Text (S1 - S3).')).codes).toEqual(['S1', 'S2', 'S3']);
  });
});

describe('label lines', () => {
  it.each([
    ['KSBs: K5, S3', ['K5', 'S3']],
    ['**KSBs:** K1, S1, S16', ['K1', 'S1', 'S16']],
    ['**KSBs**: K1, S1', ['K1', 'S1']],
    ['*KSB:* K7', ['K7']],
    ['__KSBs:__ K7', ['K7']],
    ['**Primary KSB:** S19 — design for live operation', ['S19']],
    ['KSBs demonstrated: K5', ['K5']],
    ['ksbs: K5', ['K5']],
    ['- KSBs: K9, S3', ['K9', 'S3']],
    ['1. KSBs: K9', ['K9']],
    ['> KSBs: K12', ['K12']],
    ['**KSBs:** K5, S5 (Distinction: justify)', ['K5', 'S5']],
    ['KSBs: K5 and S3, then more words follow here', ['K5', 'S3']],
  ])('%s', (line, codes) => {
    expect(read(section(line)).codes).toEqual(codes);
  });

  it('in a table cell', () => {
    const r = read(section('| Activity | Evidence |\n| --- | --- |\n| Pipeline audit | KSBs: K13, S17 |\n| Workshop | **KSB:** S27 |'));
    expect(r.codes).toEqual(['K13', 'S17', 'S27']);
    expect(r.evidence.find((e) => e.code === 'S27')?.line).toBe(6);
  });

  it.each([
    ['Our five KSB mapping notes: K5'],
    ['Summary: K5 was covered'],
    ['KSBs: none yet'],
    ['The KSBs I want to show later include K5'],
  ])('%s is not a label line', (line) => {
    expect(read(section(line)).codes).toEqual([]);
  });

  it('text after the codes is prose, counted as words', () => {
    const r = read(section('**KSBs:** K5, S5 (Distinction: justify)'));
    expect(r.analysis.sections[1].words).toBe(2);
  });
});

describe('comments', () => {
  it.each([['<!-- KSB: K5, S3 -->'], ['<!-- ksb: K5, S3 -->'], ['<!-- KSBs: K5 S3 -->'], ['<!--KSB:K5,S3-->']])('%s', (c) => {
    expect(read(section(`${prose(12)} ${c} ${prose(5)}`)).codes.sort()).toEqual(c.includes('S3') ? ['K5', 'S3'] : ['K5']);
  });

  it('a comment on its own line (an HTML block) and across lines', () => {
    expect(read(section('<!-- KSB: K24, S11 -->')).codes).toEqual(['K24', 'S11']);
    expect(read(section('<!--\nKSB: K24\n-->')).codes).toEqual(['K24']);
  });

  it('other comments and HTML are not read', () => {
    const r = read(section('<!-- TODO: add K5 -->\n\n<div>\n[K7] inside a div\n</div>\n\nText <span title="[K8]">x</span>.'));
    expect(r.codes).toEqual([]);
  });
});

describe('front matter', () => {
  it('a list tags the whole file, once, at line 1 with section ""', () => {
    const r = read(`---\ntitle: Audit\nksbs:\n  - K13\n  - S17\n---\n# Audit\n\n${prose(50)}\n\n## Findings\n\n${prose(50)}\n`, { kind: 'portfolio' });
    expect(r.evidence).toEqual([
      { code: 'K13', line: 1, section: '' },
      { code: 'S17', line: 1, section: '' },
    ]);
    expect(r.untagged).toEqual([]);
    expect(r.report.files[0].tags).toBe(1);
  });

  it.each([['ksbs: K21, K22, S27'], ['ksbs: "K21, K22, S27"'], ["ksbs: ['K21', 'K22', 'S27']"], ['ksbs: [K21, K22, S27]'], ['KSBs: [K21, K22, S27]']])('%s', (line) => {
    expect(read(`---\n${line}\n---\n# Workshop\n`).codes).toEqual(['K21', 'K22', 'S27']);
  });

  it('other keys are not read, and `evidence:` decides the kind', () => {
    const r = read(`---\ntitle: "[K5] in a title"\nsummary: K7 and S3\nevidence: portfolio\n---\n# Piece\n`);
    expect(r.codes).toEqual([]);
    expect(r.analysis.frontMatter?.evidence).toBe('portfolio');
  });

  it('only at the very top: lower down, `---` is a rule or a setext underline', () => {
    const r = read(`# Title\n\n${prose(45)}\n\n---\nevidence: portfolio\n---\n`);
    expect(r.analysis.frontMatter).toBeUndefined();
    expect(r.headings.map((h) => h.heading)).toEqual(['Title', 'evidence: portfolio']);
    expect(r.untagged.map((u) => u.heading)).toEqual(['Title']);
  });
});

describe('unknown codes', () => {
  it('[K32] and [S0] are reported with their line and never counted', () => {
    const r = read(section(`A typo [K32] and another (S0, K5).`));
    expect(r.unknown).toEqual([
      { line: 3, code: 'K32' },
      { line: 3, code: 'S0' },
    ]);
    expect(r.codes).toEqual(['K5']);
    expect(r.report.files[0].tags).toBe(1);
  });

  it('in a label line, a comment and front matter', () => {
    const r = read(`---\nksbs: [K40]\n---\n# A\n\nKSBs: B6\n\n<!-- KSB: S35 -->\n`);
    expect(r.unknown.map((u) => u.code).sort()).toEqual(['B6', 'K40', 'S35']);
    expect(r.unknown.find((u) => u.code === 'K40')?.line).toBe(2);
  });

  it('the end of a range outside the standard', () => {
    const r = read(section('Range (S33-S36).'));
    expect(r.codes).toEqual(['S33', 'S34']);
    expect(r.unknown).toEqual([{ line: 3, code: 'S36' }]);
  });

  it('codes come from the loaded standard: dotted codes in a custom one', () => {
    const { standard } = parseStandard(
      'id: X1\ntitle: Custom\nksbs:\n  - { code: K4.1, category: knowledge, text: One. }\n  - { code: K4.2, category: knowledge, text: Two. }\n  - { code: A1, category: behaviours, text: Three. }\n',
      'custom.yaml',
    );
    const r = read(section('Both [K4.1, A1] and a range (K4.1-K4.2) and a typo [K4.3] and [K5].'), { standard });
    expect(r.codes).toEqual(['A1', 'K4.1', 'K4.2']);
    expect(r.unknown.map((u) => u.code)).toEqual(['K4.3', 'K5']);
  });
});

describe('nothing inside code, link destinations or other HTML is read', () => {
  it('fenced code (backticks and tildes, longer closing fences), indented code, code spans', () => {
    const doc = section(
      [
        '```python',
        '# [K1] KSBs: K2',
        '```',
        '',
        '~~~~',
        '<!-- KSB: K3 -->',
        '~~~~~~',
        '',
        '    [K4] indented code',
        '',
        'Inline `[K5]` and ``a `[K6]` b`` only.',
      ].join('\n'),
    );
    const r = read(doc);
    expect(r.codes).toEqual([]);
    expect(r.analysis.bareCodes).toEqual([]);
  });

  it('an unclosed fence runs to the end of the document', () => {
    expect(read(section('```\n[K5]\n\n# Not a heading [K6]\n')).codes).toEqual([]);
  });

  it('link destinations and images', () => {
    const r = read(section('See [the plan](docs/K5.md "K6") and ![diagram](img/[K7].png) and <https://example.com/K8>.'));
    expect(r.codes).toEqual([]);
  });

  it('a tag used as link text still counts; its destination does not', () => {
    expect(read(section('Evidence [K5](#k5-notes) here.')).codes).toEqual(['K5']);
  });

  it('a bare code in prose is not a tag, but is found for the editor', () => {
    const r = read(section('This shows K5 and we stored data in an S3 bucket.'));
    expect(r.codes).toEqual([]);
    expect(r.analysis.bareCodes.map((b) => b.code)).toEqual(['K5', 'S3']);
  });
});
