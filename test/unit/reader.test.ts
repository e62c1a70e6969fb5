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

  it('text after the codes is prose, counted as words; an aside after a code is part of the tag (v2)', () => {
    expect(read(section('**KSBs:** K5, S5 — justified the choice')).analysis.sections[1].words).toBe(3);
    const r = read(section('**KSBs:** K5, S5 (Distinction: justify)'));
    expect(r.analysis.sections[1].words).toBe(0);
    expect(r.codes).toEqual(['K5', 'S5']);
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

// ---------------------------------------------------------------------------------------------
// More of the spec, on realistic paragraphs

const P1 = 'The weekly demand forecast fed the rota planner, so a late or wrong forecast left the contact centre short of staff on Monday mornings.';
const P2 = 'I rebuilt the feature pipeline in Python, added data quality checks before training, and moved the model behind a versioned API that the planner calls.';

describe('bracket groups: more of rule 1', () => {
  it.each([
    ['(K5 and S3)', ['K5', 'S3']],
    ['[KSBs: K5 and S3; B1]', ['B1', 'K5', 'S3']],
    ['[KSB: S1–S4]', ['S1', 'S2', 'S3', 'S4']],
    ['(S1 – S4)', ['S1', 'S2', 'S3', 'S4']],
    ['[K5 /S3]', ['K5', 'S3']],
  ])('%s', (tag, codes) => {
    expect(read(section(`${P1} ${tag}`)).codes).toEqual(codes);
  });

  it.each([
    ['[KSBs:]', 'a label and no code'],
    ['[KSB]', 'a label and no code'],
    ['(S1—S4)', 'an em dash is not a range'],
    ['[K5 &amp; S3]', 'an entity is a word'],
    ['[K5 (S3)]', 'the outer group holds a bracket; only the inner one is a tag'],
  ])('%s: %s', (tag) => {
    const r = read(section(`${P1} ${tag}`));
    expect(r.codes.filter((c) => c !== 'S3')).toEqual([]);
  });

  it('the columns of a tag and of each code are where they are written', () => {
    const line = `Retrained weekly (K5; S1-S3) as agreed.`;
    const { analysis } = read(`# A\n\n${line}\n`);
    const [tag] = analysis.tags;
    expect(line.slice(tag.start, tag.end)).toBe('(K5; S1-S3)');
    expect(tag.refs.map((r) => line.slice(r.start, r.end))).toEqual(['K5', 'S1-S3']);
    expect(tag.codes).toEqual(['K5', 'S1', 'S2', 'S3']);
  });
});

describe('label lines: more of rule 2', () => {
  it.each([
    ['My main KSBs evidenced: K5', ['K5'], 'four words'],
    ['- > **KSBs:** K5, S3', ['K5', 'S3'], 'a block quote inside a list item'],
    ['1) KSB: K5', ['K5'], 'an ordered item with a parenthesis'],
    ['***KSBs:*** K9', ['K9'], 'bold italic'],
    ['KSB mapping: K5, S3 and B1 — see the appendix', ['B1', 'K5', 'S3'], 'text after the codes'],
  ])('%s (%s)', (line, codes) => {
    expect(read(section(line)).codes).toEqual(codes);
  });

  it.each([
    ['My two main KSBs evidenced: K5', 'five words'],
    ['Notes on KSB mapping for the project: K5', 'seven words'],
    ['The mapping: K5, S3', 'no KSB word'],
    ['KSBs: k5, s3', 'lower-case codes are not codes'],
  ])('%s is not a label line (%s)', (line) => {
    const r = read(section(line));
    expect(r.codes).toEqual([]);
  });

  it('a label line reads codes up to the first other word; an unknown code there is reported', () => {
    const r = read(section('KSBs: K32, K5 then S3 later'));
    expect(r.codes).toEqual(['K5']);
    expect(r.unknown).toEqual([{ line: 3, code: 'K32' }]);
  });
});

describe('comments: more of rule 3', () => {
  it.each([['<!-- Ksbs: K5 -->'], ['<!-- KSB K5 -->'], ['<!--   KSB:   K5   -->']])('%s, mid-paragraph', (c) => {
    const r = read(section(`${P1} ${c} ${P2}`));
    expect(r.codes).toEqual(['K5']);
    // invisible when rendered: not words
    expect(r.analysis.sections[1].words).toBe(read(section(`${P1} ${P2}`)).analysis.sections[1].words);
  });

  it('a comment inside a code span or fenced code is code', () => {
    expect(read(section('Write `<!-- KSB: K5 -->` to tag a section.\n\n```html\n<!-- KSB: S3 -->\n```')).codes).toEqual([]);
  });

  it('a comment inside an HTML block is still a comment (the div is not read)', () => {
    expect(read(section('<div class="note">\n<!-- KSB: K24 -->\n[K25] inside the div\n</div>')).codes).toEqual(['K24']);
  });
});

describe('front matter: more of rule 4', () => {
  it.each([
    ['a flow list over two lines', 'ksbs: [K21,\n  K22, S27]'],
    ['a list at column 0', 'ksbs:\n- K21\n- K22\n- S27'],
    ['a list with comments', 'ksbs: # codes\n  - K21 # main\n  - K22\n  - S27'],
    ['a folded string', 'ksbs: >\n  K21, K22,\n  S27'],
    ['a plain string over two lines', 'ksbs: K21, K22,\n  S27'],
  ])('%s', (_name, yaml) => {
    const r = read(`---\ntitle: Stakeholder workshop\n${yaml}\nevidence: portfolio\n---\n# Workshop\n\n${prose(50)}\n`);
    expect(r.codes).toEqual(['K21', 'K22', 'S27']);
    expect(r.evidence.every((e) => e.line === 1 && e.section === '')).toBe(true);
    expect(r.analysis.frontMatter?.evidence).toBe('portfolio');
    expect(r.untagged).toEqual([]);
  });

  it('codes under another key, or nested, are not read', () => {
    expect(read('---\nmeta:\n  ksbs: [K5]\nnotes:\n  - K6\ntitle: A long title about K7\n---\n# A\n').codes).toEqual([]);
  });

  it('an unknown code in front matter is reported on its own line', () => {
    expect(read('---\ntitle: x\nksbs:\n  - K5\n  - K40\n---\n').unknown).toEqual([{ line: 5, code: 'K40' }]);
  });

  it('a `---` first line that is never closed is a thematic break; what follows is body text', () => {
    const r = read('---\nksbs: K5\n# Title\n');
    expect(r.analysis.frontMatter).toBeUndefined();
    expect(r.headings).toEqual([{ level: 1, line: 3, heading: 'Title' }]);
  });
});

describe('unknown codes: more', () => {
  it('the start of a range outside the standard', () => {
    const r = read(section('Range (S0-S2).'));
    expect(r.codes).toEqual(['S1', 'S2']);
    expect(r.unknown).toEqual([{ line: 3, code: 'S0' }]);
  });

  it('a section whose only tag names unknown codes is not also called untagged', () => {
    const r = read(`# 3 Monitoring [K32]\n\n${prose(60)}\n`);
    expect(r.unknown).toEqual([{ line: 1, code: 'K32' }]);
    expect(r.untagged).toEqual([]);
    expect(r.report.files[0].tags).toBe(0);
  });

  it('unknown codes are never evidence, even with valid ones beside them', () => {
    const r = read(section('Both (K32, K5) and [B6].'));
    expect(r.evidence).toEqual([{ code: 'K5', line: 3, section: '2 Method' }]);
    expect(r.report.summary.covered).toBe(1);
  });
});

describe('nothing read in code, HTML or link destinations: more', () => {
  it.each([
    ['``` closed by a longer fence', '```\n[K5]\n`````\nAfter [S3].'],
    ['~~~ is not closed by ```', '~~~\n[K5]\n```\n[K6]\n~~~\nAfter [S3].'],
    ['```` is not closed by ```', '````\n[K5]\n```\n[K6]\n````\nAfter [S3].'],
    ['a fence with an info string', '```python title="train.py"\n# [K5]\n```\nAfter [S3].'],
    ['a fence indented three spaces', '   ```\n[K5]\n   ```\nAfter [S3].'],
    ['a fence in a block quote', '> ```\n> [K5]\n> ```\n> After [S3].'],
    ['a fence in a list item', '- Step one\n\n  ```bash\n  make [K5]\n  ```\n\nAfter [S3].'],
    ['indented code after a blank line', 'Text.\n\n    [K5] = 1\n\nAfter [S3].'],
    ['indented code in a list item', '- Item\n\n      [K5] = 1\n\nAfter [S3].'],
    ['an HTML block (div)', '<div align="center">\n[K5]\n</div>\n\nAfter [S3].'],
    ['a <script> block with blank lines', '<script>\nconst a = "[K5]";\n\nconst b = "[K6]";\n</script>\nAfter [S3].'],
    ['a custom element block, to the blank line', '<ksb-note>\n[K5]\n\nAfter [S3].'],
    ['an HTML tag over two lines in a paragraph', 'The <img alt="pipeline\n[K5] diagram" src="p.png"> figure. After [S3].'],
    ['a code span of two backticks holding one', 'Use ``a `[K5]` b`` here. After [S3].'],
    ['a code span over two lines', 'Run `train.py\n[K5]` here. After [S3].'],
    ['an autolink', '<https://example.com/[K5]> After [S3].'],
    ['a link destination and title', '[the plan](plans/K5.md "[K6]") After [S3].'],
    ['an image', '![Figure [K5]](img/K6.png) After [S3].'],
    ['a reference definition', '[plan]: https://example.com/[K5] "[K6]"\n\nAfter [S3].'],
  ])('%s', (_name, body) => {
    const r = read(section(body));
    expect(r.codes).toEqual(['S3']);
    expect(r.unknown).toEqual([]);
  });

  it('an unclosed backtick is a literal backtick: the tag after it is read', () => {
    expect(read(section('A stray ` backtick then [K5].')).codes).toEqual(['K5']);
  });

  it('an unclosed fence runs to the end: later headings and tags are code', () => {
    const r = read(`# 1 Setup [K16]\n\n~~~\n[K5]\n\n# 2 Not a heading [K6]\n`);
    expect(r.codes).toEqual(['K16']);
    expect(r.headings.map((h) => h.heading)).toEqual(['1 Setup']);
  });
});

describe('sections: more', () => {
  it('the section text: no # marks, closing #s, tags or comments; code spans kept', () => {
    const r = read('## 3.2 Feature engineering [K9] ##\n\n# Title <!-- KSB: K5 -->\n\n#\tTabbed heading [S3]\n\n# Use `[K6]` in C#\n');
    expect(r.headings.map((h) => h.heading)).toEqual(['3.2 Feature engineering', 'Title', 'Tabbed heading', 'Use `[K6]` in C#']);
    expect(new Set(r.evidence.map((e) => `${e.code}:${e.section}`))).toEqual(new Set(['K9:3.2 Feature engineering', 'K5:Title', 'S3:Tabbed heading']));
  });

  it('a setext underline after a paragraph vs a thematic break vs front matter', () => {
    const doc = `---\nevidence: report\n---\nSummary of the project\n---\n\n${prose(10)}\n\n---\n\n${prose(10)}\n***\n`;
    const r = read(doc);
    expect(r.analysis.frontMatter?.evidence).toBe('report');
    expect(r.headings).toEqual([{ level: 2, line: 4, heading: 'Summary of the project' }]);
  });

  it('a setext heading inside a list item and inside a block quote', () => {
    const r = read('- Data sources [K13]\n  ---\n\n> Quoted title\n> ===\n');
    expect(r.headings).toEqual([
      { level: 2, line: 1, heading: 'Data sources' },
      { level: 1, line: 4, heading: 'Quoted title' },
    ]);
  });

  it('the tag on a setext heading tags that heading, not the section before', () => {
    const r = read(`# Intro [K1]\n\n${prose(45)}\n\nResults\n[S7]\n-------\n\n${prose(45)}\n`);
    expect(r.evidence).toEqual([
      { code: 'K1', line: 1, section: 'Intro' },
      { code: 'S7', line: 6, section: 'Results' },
    ]);
    expect(r.untagged).toEqual([]);
  });

  it('sections end where the next heading starts, at any level', () => {
    const { analysis } = read(`Preamble text here.\n\n# A\n\ntext\n\n### B\n\ntext\n\n## C\n`);
    expect(analysis.sections.map((s) => [s.level, s.line, s.endLine])).toEqual([
      [0, 0, 1],
      [1, 2, 5],
      [3, 6, 9],
      [2, 10, 11],
    ]);
  });
});

describe('untagged and excluded: more', () => {
  it.each([['**References**'], ['6 **Appendices**'], ['_Appendix B_ – data dictionary'], ['[References](#refs)'], ['6. References'], ['A.1 Glossary of terms'], ['ACKNOWLEDGEMENTS']])(
    '"%s" is excluded (the heading as rendered starts with an excluded word)',
    (heading) => {
      const r = read(`# ${heading}\n\n${prose(60)}\n`);
      expect(r.untagged).toEqual([]);
      expect(r.words).toBe(0);
    },
  );

  it.each([['Referencing strategy'], ['Contentsharing between teams'], ['Appendixes are not here'], ['Abstraction layers'], ['Glossaries of the data team']])('"%s" is not excluded', (heading) => {
    expect(read(`# ${heading}\n\n${prose(60)}\n`).untagged).toHaveLength(1);
  });

  it('a setext excluded heading and its subsections are excluded; the next sibling is not', () => {
    const r = read(`Appendix A: Model card\n======================\n\n${prose(60)}\n\n## A.1 Metrics\n\n${prose(60)}\n\n### A.1.1 Thresholds\n\n${prose(60)}\n\n# 7 Reflection\n\n${prose(60)}\n`);
    expect(r.untagged.map((u) => u.heading)).toEqual(['7 Reflection']);
    expect(r.words).toBe(2 + 60);
  });

  it('tags in an excluded section are still evidence', () => {
    const r = read(`# Appendix B: Pipeline audit [S17]\n\n${prose(60)}\n`);
    expect(r.codes).toEqual(['S17']);
    expect(r.words).toBe(0);
  });

  it('<!-- ksb-ignore --> in any case and anywhere in the section; ksb-ignore-file anywhere in the file', () => {
    expect(read(`# A\n\n${prose(50)} <!-- KSB-IGNORE -->\n`).untagged).toEqual([]);
    expect(read(`# A\n\n${prose(50)}\n\n# B\n\n${prose(50)}\n\n<!-- ksb-ignore-file -->\n`).untagged).toEqual([]);
    // an ignore marker in code is code
    expect(read(`# A\n\n${prose(50)}\n\n\`\`\`\n<!-- ksb-ignore -->\n\`\`\`\n`).untagged).toHaveLength(1);
  });
});

describe('words: more', () => {
  it('realistic paragraph: every rule at once', () => {
    const doc = [
      '# 2 Data sources [K13]', // 3 words
      '',
      `${P1}`, // 24 words
      '',
      '<!-- KSB: K24 -->',
      '',
      'See [the retention policy](https://intranet.example.com/policies/data-retention "Data retention policy v4") and ![flow](img/flow.png).', // See the retention policy and = 5
      '',
      '```python',
      'df = pd.read_parquet("claims.parquet")',
      '```',
      '',
      '| Source | Owner |',
      '| --- | --- |',
      '| Claims | Finance |',
      '',
      'KSBs: K24, S11', // 0
      '',
      '# References',
      '',
      'Smith, J. (2021) Forecasting at scale. London: Example Press.',
    ].join('\n');
    expect(read(doc).words).toBe(3 + 24 + 5);
  });

  it('words of an HTML tag running over lines are not counted', () => {
    expect(read('One <img alt="a long\ndescription here" src="x.png"> two.\n').words).toBe(2);
  });
});

describe('CRLF and BOM: lines, columns and words', () => {
  it('a realistic report with CRLF, a BOM and both reads exactly as with LF', () => {
    const lf = [
      '---',
      'title: Report',
      'ksbs: [K2]',
      '---',
      '# 1 Introduction [K1, S2]',
      '',
      P1,
      '',
      'Results',
      '-------',
      '',
      `${P2} <!-- KSB: S7 -->`,
      '',
      '| Step | KSBs |',
      '| --- | --- |',
      '| Audit | KSBs: K13 |',
      '',
      '```',
      '[K9]',
      '```',
      '',
      '## Untagged',
      '',
      prose(45),
      '',
    ].join('\n');
    const shape = (text: string) => {
      const { analysis, report } = read(text);
      return {
        tags: analysis.tags.map((t) => [t.form, t.line, t.start, t.end, t.codes]),
        sections: analysis.sections.map((s) => [s.heading, s.level, s.line, s.endLine, s.words, s.untagged]),
        words: analysis.words,
        json: report,
      };
    };
    const expected = shape(lf);
    expect(shape(lf.replace(/\n/g, '\r\n'))).toEqual(expected);
    expect(shape('\ufeff' + lf)).toEqual(expected);
    expect(shape('\ufeff' + lf.replace(/\n/g, '\r\n'))).toEqual(expected);
  });
});

describe('a huge document', () => {
  it('100,000 lines are read without error in reasonable time', () => {
    const parts: string[] = [];
    for (let i = 0; i < 12_000; i++) {
      parts.push(`## ${i} Iteration of the retraining job [K${(i % 31) + 1}]`, '', P1, P2, '', i % 3 === 0 ? '```\n[S1]\n```' : `KSBs: S${(i % 34) + 1}`, '', '> ' + P1);
    }
    const text = parts.join('\n');
    expect(text.split('\n').length).toBeGreaterThanOrEqual(100_000);
    const t0 = performance.now();
    const r = read(text);
    const ms = performance.now() - t0;
    expect(r.analysis.headings).toBe(12_000);
    expect(r.codes.filter((c) => c.startsWith('K'))).toHaveLength(31);
    expect(ms).toBeLessThan(10_000);
  });
});

describe('list items, as CommonMark closes them (found by the property tests)', () => {
  it('an empty list item followed by a blank line is closed: indented text after it is code', () => {
    const r = read('* Model\n-\n\n    (K32-K33) = config\n\n# Next [K5]\n');
    expect(r.unknown).toEqual([]);
    expect(r.codes).toEqual(['K5']);
    expect(r.headings).toEqual([{ level: 1, line: 6, heading: 'Next' }]);
  });

  it('an empty item or a `2.` item starts a new list after a paragraph of another list item (not a lazy line)', () => {
    const r = read('- The model improved by\n2. Retraining [K5]\n\n- Drift checks\n-\n\n    # code, not a heading [K6]\n');
    expect(r.codes).toEqual(['K5']);
    expect(r.headings).toEqual([]);
  });
});
