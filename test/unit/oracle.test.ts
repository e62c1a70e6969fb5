// An independent oracle: markdown-it (a full CommonMark parser) must agree with our one-pass
// reader on which lines are headings (and their levels), and on where a planted tag is prose:
// no tag may be read from text that markdown-it puts in code (blocks or spans) or HTML, and every
// tag markdown-it shows as text must be read. Run on the CommonMark spec's own examples and on
// realistic evidence documents.
//
// markdown-it runs with its default preset (which has GFM tables) plus `html: true` (the default
// preset turns raw HTML off, and then it could not tell us where an HTML block is), and again with
// the strict `commonmark` preset plus tables.
import MarkdownIt from 'markdown-it';
import commonmark from 'commonmark-spec';
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/core/analyze';
import { ST1398, prose } from './helpers';

const PARSERS = {
  'default preset + html': new MarkdownIt({ html: true }),
  'commonmark preset + tables': new MarkdownIt('commonmark').enable('table'),
};
const analyzer = createAnalyzer(ST1398);

type Md = InstanceType<typeof MarkdownIt>;
/** Headings as markdown-it sees them: 1-based first line and level. */
function oracleHeadings(md: Md, text: string): { line: number; level: number }[] {
  return md
    .parse(text, {})
    .filter((t) => t.type === 'heading_open')
    .map((t) => ({ line: t.map![0] + 1, level: Number(t.tag.slice(1)) }));
}

function ourHeadings(text: string): { line: number; level: number }[] {
  return analyzer
    .analyze(text)
    .sections.filter((s) => s.level > 0)
    .map((s) => ({ line: s.line + 1, level: s.level }));
}

/** Lines markdown-it puts in code blocks (fenced or indented) or HTML blocks, 0-based. */
function notProseLines(md: Md, text: string): Set<number> {
  const lines = new Set<number>();
  for (const t of md.parse(text, {})) if ((t.type === 'fence' || t.type === 'code_block' || t.type === 'html_block') && t.map) for (let l = t.map[0]; l < t.map[1]; l++) lines.add(l);
  return lines;
}

/** Plants ` [B5]` (a code the documents below never use) at the end of every line. */
const plant = (text: string) =>
  text
    .split('\n')
    .map((l, i, all) => (i === all.length - 1 && l === '' ? l : `${l} [B5]`))
    .join('\n');

/**
 * Per inline block (paragraph, heading, table cell) of markdown-it: how many `[B5]` it shows as
 * text, against how many tags we read on those lines. Returns the blocks where they differ.
 */
function plantedDifferences(md: Md, planted: string): { lines: number[]; ours: number; visible: number }[] {
  const tags = analyzer.analyze(planted).tags.filter((t) => t.form === 'bracket' && t.codes.includes('B5'));
  const out: { lines: number[]; ours: number; visible: number }[] = [];
  const counted = new Set<number>();
  for (const t of md.parse(planted, {})) {
    if (t.type !== 'inline' || !t.map) continue;
    const [from, to] = t.map;
    // table cells of one row share the row's line: count each line once
    const key = from * 100000 + to;
    const visible = (t.children ?? [])
      .filter((c) => c.type === 'text')
      .map((c) => c.content)
      .join('')
      .split('[B5]').length - 1;
    if (counted.has(key)) {
      out.push({ lines: [from + 1, to], ours: 0, visible });
      continue;
    }
    counted.add(key);
    const ours = tags.filter((g) => g.line >= from && g.line < to).length;
    out.push({ lines: [from + 1, to], ours, visible });
  }
  // merge cells of the same row
  const byLines = new Map<string, { lines: number[]; ours: number; visible: number }>();
  for (const d of out) {
    const k = d.lines.join('-');
    const e = byLines.get(k);
    if (e) (e.ours += d.ours), (e.visible += d.visible);
    else byLines.set(k, { ...d });
  }
  const code = notProseLines(md, planted);
  const inCode = tags.filter((g) => code.has(g.line)).map((g) => ({ lines: [g.line + 1], ours: 1, visible: 0 }));
  return [...[...byLines.values()].filter((d) => d.ours !== d.visible), ...inCode];
}

/**
 * Spec examples where we differ on purpose, with the reason. Keys are example numbers of
 * commonmark-spec 0.31.2.
 */
const DELIBERATE: Record<number, string> = {
  96: 'A document that starts with `---` and has a later `---` line starts with YAML front matter for us (the tagging spec reads `ksbs:` there); CommonMark has no front matter and reads a thematic break then a setext heading.',
};

const SECTIONS = ['ATX headings', 'Setext headings', 'Fenced code blocks', 'Indented code blocks', 'HTML blocks'];
const examples = commonmark.tests.map((ex) => ({ ...ex, text: ex.markdown.replace(/→/g, '\t') }));

for (const [name, md] of Object.entries(PARSERS)) {
  describe(`CommonMark spec examples, markdown-it ${name}: the same headings`, () => {
    const results = examples.map((ex) => ({ ex, ours: ourHeadings(ex.text), oracle: oracleHeadings(md, ex.text) }));
    const same = (r: (typeof results)[number]) => JSON.stringify(r.ours) === JSON.stringify(r.oracle);

    for (const section of SECTIONS) {
      const inSection = results.filter((r) => r.ex.section === section);
      const agree = inSection.filter(same).length;
      it(`${section}: ${agree}/${inSection.length} agree; the others are deliberate`, () => {
        expect(inSection.length).toBeGreaterThan(10);
        const unexplained = inSection.filter((r) => !same(r) && !(r.ex.number in DELIBERATE));
        expect(unexplained.map((r) => ({ example: r.ex.number, markdown: r.ex.text, ours: r.ours, markdownIt: r.oracle }))).toEqual([]);
      });
    }

    const agreeAll = results.filter(same).length;
    it(`all sections: ${agreeAll}/${results.length} agree; the others are deliberate`, () => {
      const unexplained = results.filter((r) => !same(r) && !(r.ex.number in DELIBERATE));
      expect(unexplained.map((r) => ({ example: r.ex.number, section: r.ex.section, markdown: r.ex.text, ours: r.ours, markdownIt: r.oracle }))).toEqual([]);
    });

    it('every listed difference still differs (the list stays honest)', () => {
      for (const n of Object.keys(DELIBERATE).map(Number)) expect(results.some((r) => r.ex.number === n && !same(r)), `example ${n}`).toBe(true);
    });
  });

  describe(`CommonMark spec examples, markdown-it ${name}: a tag planted on every line`, () => {
    for (const section of [...SECTIONS, 'all sections']) {
      const inSection = examples.filter((ex) => section === 'all sections' || ex.section === section);
      it(`${section}: read exactly where markdown-it shows it as text, never in code or HTML`, () => {
        let visible = 0;
        const failures: unknown[] = [];
        for (const ex of inSection) {
          const planted = plant(ex.text);
          const diffs = plantedDifferences(md, planted);
          visible += md.parse(planted, {}).filter((t) => t.type === 'inline').reduce((n, t) => n + (t.children ?? []).filter((c) => c.type === 'text').map((c) => c.content).join('').split('[B5]').length - 1, 0);
          if (diffs.length) failures.push({ example: ex.number, section: ex.section, planted, diffs });
        }
        expect(failures).toEqual([]);
        expect(visible).toBeGreaterThan(inSection.length / 3); // the check did compare something
      });
    }
  });
}

describe('realistic evidence documents: same headings as markdown-it, planted tags read only in prose', () => {
  const FRONT = ['---', 'title: Forecasting demand for the customer contact centre', 'evidence: report', 'ksbs: [K2]', '---'];
  const docs: Record<string, string> = {
    report: [
      '# 1 Introduction [K2, S2]',
      '',
      prose(60),
      '',
      'Project background',
      '==================',
      '',
      '- The contact centre forecast was a spreadsheet updated by hand.',
      '- Staffing decisions were made a week late.',
      '',
      '  ```yaml',
      '  # [K9] in code inside a list',
      '  schedule: "0 6 * * 1"',
      '  ```',
      '',
      '> ## A quoted heading [K1]',
      '> with text that continues',
      'lazily on the next line',
      '',
      '    # indented code, not a heading [K3]',
      '',
      '<details>',
      '<summary>Model card</summary>',
      '',
      '## After an HTML block [S1]',
      '',
      '</details>',
      '',
      '| Activity | KSBs |',
      '| --- | --- |',
      '| Pipeline audit | KSBs: K13, S17 |',
      '| Stakeholder workshop | [S27] |',
      '',
      'Term',
      '---',
      '',
      '***',
      '',
      '~~~',
      '## not a heading [K4]',
      '~~~',
      '',
      'A paragraph with `inline [K5] code` and a <span title="[K6]">tooltip</span>.',
      '',
      '1. First step',
      '2. Second step',
      '',
      '   ```python',
      '   model.fit(X, y)  # [K16]',
      '   ```',
      '',
      '### 3 Results and evaluation ###',
      '',
      'Accuracy rose from 0.71 to 0.83 [K7, S7].',
    ].join('\n'),
    portfolio: [
      'Data quality audit of the claims pipeline',
      '------------------------------------------',
      '',
      '**KSBs:** K13, K24, S17 (Distinction: justify)',
      '',
      'I audited the nightly claims extract against the retention policy.',
      '',
      '```sql',
      'SELECT * FROM claims WHERE retained > 7 -- [K25]',
      '```',
      '',
      '## Findings',
      '',
      '1. Three columns held personal data with no lineage record.',
      '   KSBs: K26',
      '2. The retention job had been failing silently.',
      '',
      '<!-- KSB: S21 -->',
      '',
      '## Actions',
      '',
      '> **Primary KSB:** S19 — design for live operation',
      '',
      '    SELECT 1 -- [B4] indented',
    ].join('\n'),
  };
  for (const [name, body] of Object.entries(docs)) {
    for (const [pname, md] of Object.entries(PARSERS)) {
      it(`${name} (${pname}): headings`, () => {
        // markdown-it does not know front matter: compare on the body, offset by its lines
        const text = [...FRONT, body].join('\n');
        expect(ourHeadings(text).map((h) => ({ ...h, line: h.line - FRONT.length }))).toEqual(oracleHeadings(md, body));
        expect(ourHeadings(body)).toEqual(oracleHeadings(md, body));
      });
      it(`${name} (${pname}): tags read only in prose`, () => {
        expect(plantedDifferences(md, plant(body))).toEqual([]);
        // and the document's own tags: none in code
        const code = notProseLines(md, body);
        const tags = analyzer.analyze(body).tags.filter((t) => t.form !== 'comment');
        expect(tags.filter((t) => code.has(t.line))).toEqual([]);
      });
    }
  }
});

describe('code spans and HTML tags over several lines, as markdown-it reads them', () => {
  const md = PARSERS['default preset + html'];
  const cases = [
    'Run `python train.py\n[K5] --fast` then check.\n',
    'Text ``a `b`\nKSBs: K5\nc`` end [S3].\n',
    'Open `backtick alone\n\n[K7] after a blank line is prose.\n',
    'Open `backtick\n# Heading [K8]\nclose` here\n',
    '> Quote `code\n> [K9] still code` done\n',
    '> Quote `code\n> still code` and then [K10] is a tag\n',
    // a setext underline ends the paragraph, so the span never closes
    'Open `backtick\n===\nclose` here [K11]\n',
    'Open `backtick\n--\nclose` here [K12]\n',
    // an HTML tag whose attribute runs over lines
    'The figure <img alt="pipeline diagram\nfor [K13] reviewers" src="a.png"> shows the flow [K14].\n',
    '<a title="a lot\n[K15] of dashes"/> then [K16]\n',
  ];
  it.each(cases)('%j', (text) => {
    const tokens = md.parse(text, {});
    const children = tokens.filter((t) => t.type === 'inline').flatMap((t) => t.children ?? []);
    const visibleText = children.filter((c) => c.type === 'text').map((c) => c.content).join('');
    const visible = [...visibleText.matchAll(/\[(K\d+|S\d+)\]|KSBs: (K\d+)/g)].map((m) => m[1] ?? m[2]).sort();
    const ours = analyzer
      .analyze(text)
      .tags.flatMap((t) => t.codes)
      .sort();
    expect(ours).toEqual(visible);
  });
});
