// The tagging spec: sections, untagged sections, excluded headings, ignore comments, words,
// encodings (BOM, CRLF) and report/portfolio classification.
import { describe, expect, it } from 'vitest';
import { createClassifier, defaultConfig, parseConfig } from '../../src/core/config';
import { prose, read } from './helpers';

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

describe('report, portfolio and other', () => {
  const classify = createClassifier(defaultConfig());
  it.each([
    ['report.md', 'report'],
    ['EPA-Report-final.md', 'report'],
    ['report/03-results.md', 'report'],
    ['docs/report/appendix.md', 'report'],
    ['portfolio/01-audit.md', 'portfolio'],
    ['evidence/portfolio/workshop.md', 'portfolio'],
    ['portfolio/incident-report.md', 'portfolio'],
    ['notes.md', 'other'],
    ['reports-archive/notes.md', 'other'],
  ])('%s is %s by default', (path, kind) => {
    expect(classify.kind(path)).toBe(kind);
  });

  it('front matter `evidence:` wins over the globs', () => {
    expect(classify.kind('portfolio/x.md', 'report')).toBe('report');
    expect(classify.kind('report.md', 'portfolio')).toBe('portfolio');
  });

  it('configured globs and ignores', () => {
    const { config } = parseConfig('report: ["epa/main.md"]\nportfolio: ["evidence/**"]\nignore: ["drafts/**"]\n', '.ksb-evidence.yaml');
    const c = createClassifier(config);
    expect(c.kind('epa/main.md')).toBe('report');
    expect(c.kind('report.md')).toBe('other');
    expect(c.kind('evidence/a.md')).toBe('portfolio');
    expect(c.ignored('drafts/a.md')).toBe(true);
    expect(c.ignored('node_modules/x/readme.md')).toBe(true);
    expect(c.ignored('evidence/a.md')).toBe(false);
  });
});
