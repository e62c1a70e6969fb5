// An independent oracle: markdown-it (a full CommonMark parser) must agree with our one-pass
// reader on which lines are headings (and their levels), and no tag may be read from text that
// markdown-it puts inside code. Run on the CommonMark spec's own examples and on realistic
// evidence documents.
import MarkdownIt from 'markdown-it';
import commonmark from 'commonmark-spec';
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/core/analyze';
import { ST1398, prose } from './helpers';

const md = new MarkdownIt('commonmark').enable('table');
const analyzer = createAnalyzer(ST1398);

/** Headings as markdown-it sees them: 1-based first line and level. */
function oracleHeadings(text: string): { line: number; level: number }[] {
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

/** Lines markdown-it puts in code blocks (fenced or indented), 0-based. */
function codeLines(text: string): Set<number> {
  const lines = new Set<number>();
  for (const t of md.parse(text, {})) if ((t.type === 'fence' || t.type === 'code_block') && t.map) for (let l = t.map[0]; l < t.map[1]; l++) lines.add(l);
  return lines;
}

/**
 * Spec examples where we differ on purpose, with the reason. Keys are example numbers of
 * commonmark-spec 0.31.2.
 */
const DELIBERATE: Record<number, string> = {
  96: 'A document that starts with `---` and has a later `---` line starts with YAML front matter for us (the tagging spec reads `ksbs:` there); CommonMark has no front matter and reads a thematic break then a setext heading.',
};

// every example: headings can appear in, or be broken by, any block construct
const examples = commonmark.tests;

describe('CommonMark spec examples: the same headings as markdown-it', () => {
  const results = examples.map((ex) => {
    const text = ex.markdown.replace(/→/g, '\t');
    return { ex, text, ours: ourHeadings(text), oracle: oracleHeadings(text) };
  });
  const agree = results.filter((r) => JSON.stringify(r.ours) === JSON.stringify(r.oracle));
  const differ = results.filter((r) => JSON.stringify(r.ours) !== JSON.stringify(r.oracle));

  it(`agrees on ${examples.length} examples except the listed deliberate differences`, () => {
    const unexplained = differ.filter((r) => !(r.ex.number in DELIBERATE));
    expect(
      unexplained.map((r) => ({ example: r.ex.number, section: r.ex.section, markdown: r.text, ours: r.ours, markdownIt: r.oracle })),
      `${agree.length}/${examples.length} agree`,
    ).toEqual([]);
  });

  it('every listed difference still differs (the list stays honest)', () => {
    for (const n of Object.keys(DELIBERATE).map(Number)) expect(differ.some((r) => r.ex.number === n), `example ${n}`).toBe(true);
  });
});

describe('CommonMark spec examples: no tag is read from code', () => {
  it('a tag planted on every line of every example is never read where markdown-it sees code', () => {
    const failures: string[] = [];
    for (const ex of commonmark.tests) {
      const text = ex.markdown.replace(/→/g, '\t');
      // plant a tag at the end of every line; where markdown-it says the line is code, we must not read it
      const planted = text
        .split('\n')
        .map((l, i, all) => (i === all.length - 1 && l === '' ? l : `${l} [K1]`))
        .join('\n');
      const code = codeLines(planted);
      const tagLines = new Set(analyzer.analyze(planted).tags.map((t) => t.line));
      for (const l of code) if (tagLines.has(l)) failures.push(`example ${ex.number} (${ex.section}) line ${l + 1}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('realistic evidence documents: same headings as markdown-it, nothing read in code', () => {
  const docs = {
    report: [
      '---',
      'title: Report',
      'evidence: report',
      '---',
      '# 1 Introduction [K2, S2]',
      '',
      prose(60),
      '',
      'Project background',
      '==================',
      '',
      '- item one',
      '- item two',
      '',
      '  ```yaml',
      '  # [K9] in code inside a list',
      '  ```',
      '',
      '> ## A quoted heading [K1]',
      '> with text',
      '',
      '    # indented code, not a heading [K3]',
      '',
      '<details>',
      '<summary>More</summary>',
      '',
      '## After an HTML block [S1]',
      '',
      '</details>',
      '',
      '| a | b |',
      '| - | - |',
      '| KSBs: K5 | c |',
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
      '### 3 End ###',
    ].join('\n'),
  };
  for (const [name, text] of Object.entries(docs)) {
    it(`${name}: headings`, () => {
      // markdown-it does not know front matter: compare on the body, offset by its lines
      const body = text.split('\n').slice(4).join('\n');
      expect(ourHeadings(text).map((h) => ({ ...h, line: h.line - 4 }))).toEqual(oracleHeadings(body));
    });
    it(`${name}: no tag inside code`, () => {
      const code = codeLines(text.split('\n').slice(4).join('\n'));
      const tagLines = analyzer.analyze(text).tags.filter((t) => t.form !== 'frontmatter').map((t) => t.line - 4);
      expect(tagLines.filter((l) => code.has(l))).toEqual([]);
    });
  }
});

describe('code spans over several lines, as markdown-it reads them', () => {
  const cases = [
    'Run `python train.py\n[K5] --fast` then check.\n',
    'Text ``a `b`\nKSBs: K5\nc`` end [S3].\n',
    'Open `backtick alone\n\n[K7] after a blank line is prose.\n',
    'Open `backtick\n# Heading [K8]\nclose` here\n',
    '> Quote `code\n> [K9] still code` done\n',
    '> Quote `code\n> still code` and then [K10] is a tag\n',
  ];
  it.each(cases)('%j', (text) => {
    // markdown-it's view: codes that appear outside inline code in the rendered text
    const tokens = md.parse(text, {});
    const visible = tokens
      .filter((t) => t.type === 'inline')
      .flatMap((t) => t.children ?? [])
      .filter((c) => c.type === 'text')
      .map((c) => c.content)
      .join(' ');
    const headingsText = tokens.filter((t) => t.type === 'inline').map((t) => t.content).join(' ');
    const ours = analyzer.analyze(text).tags.flatMap((t) => t.refs.map((r) => r.text));
    for (const code of ours) expect(visible.includes(code) || /^#/.test(headingsText), `${code} is read but markdown-it puts it in code`).toBe(true);
    const inCode = tokens.filter((t) => t.type === 'inline').flatMap((t) => t.children ?? []).filter((c) => c.type === 'code_inline').map((c) => c.content).join(' ');
    for (const code of ours) expect(inCode.includes(code)).toBe(false);
  });
});

