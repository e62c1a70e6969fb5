// The reader against shared/spec/tagging.md, rule by rule: what counts as a tag and what does
// not, sections, untagged and excluded sections, ignore comments, words, BOM and CRLF.
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

describe('sections', () => {
  it('ATX headings of every level, closing #s stripped, tags removed from the heading text', () => {
    const r = read(['# One', '## Two ##', '### Three [K5] ###', '#### Four', '##### Five', '###### Six', '####### Seven is text', '#5 is text', '   ## Indented three', '    ## Indented four is code'].join('\n\n'));
    expect(r.headings).toEqual([
      { level: 1, line: 1, heading: 'One' },
      { level: 2, line: 3, heading: 'Two' },
      { level: 3, line: 5, heading: 'Three' },
      { level: 4, line: 7, heading: 'Four' },
      { level: 5, line: 9, heading: 'Five' },
      { level: 6, line: 11, heading: 'Six' },
      { level: 2, line: 17, heading: 'Indented three' },
    ]);
    expect(r.report.files[0].sections).toBe(7);
  });

  it('setext headings, including a heading of two lines, are sections from their first line', () => {
    const r = read(`Project report\n==============\n\n${prose(5)}\n\nData sources [K13]\nand their owners\n----\n\n${prose(5)}\n`);
    expect(r.headings).toEqual([
      { level: 1, line: 1, heading: 'Project report' },
      { level: 2, line: 6, heading: 'Data sources and their owners' },
    ]);
    expect(r.evidence).toEqual([{ code: 'K13', line: 6, section: 'Data sources and their owners' }]);
  });

  it('--- after a blank line is a thematic break, not a heading; `- - -` never underlines', () => {
    const r = read(`# A\n\nParagraph.\n\n---\n\nMore.\n- - -\n`);
    expect(r.headings.map((h) => h.heading)).toEqual(['A']);
  });

  it('headings inside block quotes and list items are headings (CommonMark)', () => {
    const r = read(`> # Quoted [K1]\n\n- ## In a list [K2]\n`);
    expect(r.headings.map((h) => h.heading)).toEqual(['Quoted', 'In a list']);
    expect(r.codes).toEqual(['K1', 'K2']);
  });

  it('a # line inside fenced code is not a heading', () => {
    expect(read('```bash\n# install\npip install x\n```\n').headings).toEqual([]);
  });

  it('the text before the first heading is a section of its own, and is not counted in files[].sections', () => {
    const r = read(`${prose(45)}\n\n# 1 Introduction [K2]\n\n${prose(5)}\n`);
    expect(r.untagged).toEqual([{ line: 1, heading: '', words: 45 }]);
    expect(r.report.files[0].sections).toBe(1);
  });

  it('after front matter, the text before the first heading is told from its first non-blank line', () => {
    expect(read(`---\ntitle: x\n---\n\n\n${prose(45)}\n\n# A [K1]\n`).untagged).toEqual([{ line: 6, heading: '', words: 45 }]);
  });

  it("a parent heading's tag does not cover its subsections", () => {
    const r = read(`# 4 Deployment [K12]\n\n${prose(10)}\n\n## 4.1 Containers\n\n${prose(60)}\n`);
    expect(r.untagged).toEqual([{ line: 5, heading: '4.1 Containers', words: 60 }]);
  });
});

describe('untagged sections', () => {
  it('40 words need a tag, 39 do not (minWords default)', () => {
    expect(read(`# A\n\n${prose(40)}\n`).untagged).toEqual([{ line: 1, heading: 'A', words: 40 }]);
    expect(read(`# A\n\n${prose(39)}\n`).untagged).toEqual([]);
  });

  it('minWords is configurable', () => {
    expect(read(`# A\n\n${prose(40)}\n`, { minWords: 41 }).untagged).toEqual([]);
  });

  it('the heading words do not count towards minWords', () => {
    expect(read(`# A long heading with many words in it\n\n${prose(35)}\n`).untagged).toEqual([]);
  });

  it('a tag anywhere in the section text tags it', () => {
    expect(read(`# A\n\n${prose(30)}\n\n${prose(30)} <!-- KSB: K5 -->\n`).untagged).toEqual([]);
  });

  it.each([['Abstract'], ['Contents'], ['Table of Contents'], ['Glossary'], ['Acknowledgements'], ['6 References'], ['Bibliography'], ['Appendix A: Model card'], ['A. Appendices'], ['6.2 references and further reading']])(
    '"%s" is excluded, and so is everything under it',
    (heading) => {
      const r = read(`# ${heading}\n\n${prose(60)}\n\n## Sub part\n\n${prose(60)}\n\n# Next [K1]\n\n${prose(60)}\n`);
      expect(r.untagged).toEqual([]);
      expect(r.words).toBe(1 + 60); // only "Next" and its text
    },
  );

  it('"Referencing strategy" is not excluded: a whole word must match', () => {
    expect(read(`# Referencing strategy\n\n${prose(60)}\n`).untagged).toHaveLength(1);
  });

  it('excluded headings are configurable', () => {
    const r = read(`# Executive summary\n\n${prose(60)}\n\n# References\n\n${prose(60)}\n`, { excludedHeadings: ['Executive summary'] });
    expect(r.untagged.map((u) => u.heading)).toEqual(['References']);
  });

  it('<!-- ksb-ignore --> silences its section only; <!-- ksb-ignore-file --> the file', () => {
    const doc = `# A\n\n<!-- ksb-ignore -->\n\n${prose(60)}\n\n# B\n\n${prose(60)}\n`;
    expect(read(doc).untagged.map((u) => u.heading)).toEqual(['B']);
    expect(read(`<!-- ksb-ignore-file -->\n${doc}`).untagged).toEqual([]);
  });
});

describe('words', () => {
  it('counts prose words, including headings', () => {
    expect(read('# Two words\n\nThree more words.\n').words).toBe(5);
  });

  it('does not count code, front matter, comments, tags, tables, link or image destinations', () => {
    const doc = [
      '---',
      'title: Ten words of front matter that do not count at all',
      '---',
      '# Title [K5, S3]',
      '',
      'One two `code span here` three <!-- a comment of several words --> four (K1) five.',
      '',
      '```',
      'code block words are not counted',
      '```',
      '',
      '| Table | Words |',
      '| --- | --- |',
      '| are | not counted |',
      '',
      'See [the plan](https://example.com/a/long/path "title words") and ![alt text](img.png).',
      '',
      'KSBs: K1, K2',
    ].join('\n');
    // Title(1) + One two three four five(5) + See the plan and(4) + .(0)
    expect(read(doc).words).toBe(10);
  });

  it('hyphenated words and numbers are one word each; punctuation alone is none', () => {
    expect(read('State-of-the-art, 4,812 words — and 7.9% error.\n').words).toBe(6);
  });

  it('list markers and quote markers are not words', () => {
    expect(read('- one\n- two\n\n> three\n\n1. four\n').words).toBe(4);
  });
});

describe('encodings: BOM and CRLF read the same as LF', () => {
  const doc = `---\nksbs: [K1]\n---\n# 1 Intro [K2]\n\n${prose(50)}\n\nSetext [S3]\n------\n\n\`\`\`\n[K9]\n\`\`\`\n\n## Untagged\n\n${prose(45)}\n`;
  const strip = (r: ReturnType<typeof read>) => ({ evidence: r.evidence, untagged: r.untagged, unknown: r.unknown, words: r.words, headings: r.headings });

  it('CRLF', () => {
    expect(strip(read(doc.replace(/\n/g, '\r\n')))).toEqual(strip(read(doc)));
  });
  it('BOM', () => {
    expect(strip(read('\ufeff' + doc))).toEqual(strip(read(doc)));
  });
  it('BOM and CRLF', () => {
    const r = read('\ufeff' + doc.replace(/\n/g, '\r\n'));
    expect(strip(r)).toEqual(strip(read(doc)));
    expect(r.headings[0].heading).toBe('1 Intro');
  });
});
