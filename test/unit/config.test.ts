// .ksb-evidence.yaml: every way it can be right or wrong (each problem names the file and the
// line), and how files are classified as report, portfolio or other.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import picomatch from 'picomatch';
import { ALWAYS_IGNORED, createClassifier, defaultConfig, GLOB_OPTIONS, globsTest, parseConfig } from '../../src/core/config';

describe('a malformed config', () => {
  it('valid settings', () => {
    const { config, problems } = parseConfig('standard: standards/custom.yaml\nreport: "epa/*.md"\nportfolio: [evidence/**]\nignore: [drafts/**]\nminWords: 60\nexcludedHeadings: [References]\nwordLimit: 4000\nwordTolerancePercent: 5\n', '.ksb-evidence.yaml');
    expect(problems).toEqual([]);
    expect(config).toMatchObject({ standard: 'standards/custom.yaml', report: ['epa/*.md'], portfolio: ['evidence/**'], ignore: ['drafts/**'], minWords: 60, excludedHeadings: ['References'], wordLimit: 4000, wordTolerancePercent: 5 });
  });

  it('an empty file is the defaults', () => {
    const { config, problems } = parseConfig('', '.ksb-evidence.yaml');
    expect(problems).toEqual([]);
    expect(config.standard).toBe('ST1398');
    expect(config.minWords).toBe(40);
  });

  it.each([
    ['a wrong type (text for a number)', 'standard: ST1398\nminWords: many\n', 2, /`minWords` must be a number/],
    ['a negative number', 'minWords: -5\n', 1, /`minWords` must be a number of zero or more/],
    ['numbers for globs', 'report: [1, 2]\n', 1, /`report` must be a glob or a list of globs/],
    ['an empty glob', 'portfolio: ["evidence/**", ""]\n', 1, /`portfolio` must be a glob/],
    ['a list for the standard', 'standard: [ST1398]\n', 1, /`standard` must be a bundled standard id/],
    ['a mapping for excludedHeadings', 'excludedHeadings:\n  References: true\n', 2, /`excludedHeadings` must be a list of heading words/],
    ['a key with no value', 'minWords: 40\nignore:\n', 2, /`ignore` has no value/],
    ['a duplicate key', 'standard: ST1398\nstandard: ST1398\n', 2, /YAML syntax: Map keys must be unique/],
    ['bad indentation', 'minWords: 40\n  bad indent: here\n', 1, /YAML syntax: Nested mappings/],
    ['an unclosed quote', 'standard: ST1398\nreport: "report/**\nminWords: 40\n', 2, /YAML syntax: Missing closing "quote \(opened here, still open at line 4\)/],
    ['not a mapping', '- a list\n', 1, /must be a mapping/],
    ['a bad glob: unclosed [', 'minWords: 40\nreport:\n  - ok/**\n  - "report/[draft"\n', 4, /`report`: bad glob "report\/\[draft": Missing closing: "\]"/],
    ['a bad glob: unclosed {', 'ignore: ["drafts/**/*.{md,qmd"]\n', 1, /`ignore`: bad glob .*Missing closing: "\}"/],
    ['a bad glob: an absolute path', 'portfolio: /home/me/portfolio/**\n', 1, /`portfolio`: bad glob .*relative to its root/],
    ['a bad glob: outside the workspace', 'portfolio: ../portfolio/**\n', 1, /`portfolio`: bad glob .*relative to its root/],
    ['a bad glob: a Windows drive', 'report: "C:\\\\epa\\\\report.md"\n', 1, /`report`: bad glob .*relative to its root/],
  ])('%s', (_name, text, line, message) => {
    const { config, problems } = parseConfig(text, 'epa/.ksb-evidence.yaml');
    const errors = problems.filter((p) => p.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatchObject({ file: 'epa/.ksb-evidence.yaml', line });
    expect(errors[0].message).toMatch(message);
    // the setting in error keeps its default
    const defaults = defaultConfig();
    for (const key of ['report', 'portfolio', 'ignore', 'excludedHeadings'] as const) if (text.includes(key)) expect(config[key]).toEqual(defaults[key]);
  });

  it.each([
    ['minwords', 'minWords'],
    ['min_words', 'minWords'],
    ['portfollio', 'portfolio'],
    ['excludeHeadings', 'excludedHeadings'],
    ['ignores', 'ignore'],
    ['wordlimit', 'wordLimit'],
  ])('an unknown setting %s is a warning: did you mean %s?', (key, near) => {
    const { problems, config } = parseConfig(`standard: ST1398\n${key}: 1\n`, '.ksb-evidence.yaml');
    expect(problems).toEqual([{ file: '.ksb-evidence.yaml', line: 2, column: 1, severity: 'warning', message: expect.stringContaining(`did you mean \`${near}\`?`), replacement: { length: key.length, text: near } }]);
    expect(config.standard).toBe('ST1398');
  });

  it('an unknown setting like nothing known lists the settings', () => {
    const { problems } = parseConfig('colour: blue\n', '.ksb-evidence.yaml');
    expect(problems).toEqual([expect.objectContaining({ line: 1, severity: 'warning', message: expect.stringMatching(/unknown setting `colour` is ignored; settings are standard, report, portfolio/) })]);
  });

  it('a single glob is a list of one; comments and a BOM are fine', () => {
    const { config, problems } = parseConfig('\ufeff# project settings\nreport: epa/final.md   # the report\n', '.ksb-evidence.yaml');
    expect(problems).toEqual([]);
    expect(config.report).toEqual(['epa/final.md']);
  });

  it('an alias bomb and a huge file get a clear error, fast, and the defaults apply', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
    const t0 = Date.now();
    const exploded = parseConfig(bomb.join('\n') + '\nignore: *i\n', '.ksb-evidence.yaml');
    expect(Date.now() - t0).toBeLessThan(2000);
    // aliases are never expanded in a config: the alias is simply not a glob, on its own line
    expect(exploded.problems.filter((p) => p.severity === 'error')).toEqual([expect.objectContaining({ file: '.ksb-evidence.yaml', line: 10 })]);
    expect(exploded.config.ignore).toEqual([]);
    const huge = parseConfig('minWords: 40\n# ' + 'x'.repeat(3 * 1024 * 1024), '.ksb-evidence.yaml');
    expect(huge.problems[0]).toMatchObject({ file: '.ksb-evidence.yaml', line: 1, severity: 'error', message: expect.stringMatching(/at most 2 MB/) });
    expect(huge.config.minWords).toBe(40);
  });

  it('an unknown setting is a warning with a suggestion; the rest still applies', () => {
    const { config, problems } = parseConfig('minwords: 10\nwordLimit: 3000\n', '.ksb-evidence.yaml');
    expect(problems).toEqual([expect.objectContaining({ line: 1, severity: 'warning', message: expect.stringMatching(/unknown setting `minwords`.*did you mean `minWords`/) })]);
    expect(config.wordLimit).toBe(3000);
    expect(config.minWords).toBe(40);
  });

  it('a bad value keeps that setting at its default and the others apply', () => {
    const { config } = parseConfig('minWords: -5\nwordLimit: 3000\n', '.ksb-evidence.yaml');
    expect(config.minWords).toBe(40);
    expect(config.wordLimit).toBe(3000);
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
    ['Final-REPORT.MD', 'report'],
    ['docs/Report/ch1.qmd', 'report'],
    ['Portfolio/02-monitoring.md', 'portfolio'],
    ['portfolio/report/summary.md', 'portfolio'],
    ['evidence/incident-report.md', 'report'],
    ['my-portfolio.md', 'other'],
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

describe('globsTest: picomatch\'s answer without its matcher', () => {
  const GLOBS = [...defaultConfig().report, ...defaultConfig().portfolio, ...ALWAYS_IGNORED, 'epa/main.md', 'drafts/**', '*.qmd', 'a[1].md', 'notes/{x,y}/*.md', 'x/{a,b}.md', '@(a|b).md', '!(skip)*.md', 'Report?.md', '**/.hidden/**'];
  const segment = fc.constantFrom('report', 'Report', 'portfolio', 'PORTFOLIO', 'notes', 'epa', 'main.md', 'drafts', 'a[1].md', 'x', 'y', '.hidden', '.git', 'node_modules', 'skip.md', 'Report1.md', 'my-report.md', 'ch1.qmd', 'a.md', 'x/{a,b}.md', '@(a|b).md', 'b.md', '');
  const paths = fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => parts.join('/'));

  it('agrees with picomatch on every glob alone and on all of them together, for random paths (and the empty one)', () => {
    const tests = GLOBS.map((g) => [globsTest([g]), picomatch(g, GLOB_OPTIONS)] as const);
    const all = globsTest(GLOBS);
    const allPico = picomatch(GLOBS, GLOB_OPTIONS);
    fc.assert(
      fc.property(paths, (p) => {
        for (const [ours, theirs] of tests) expect(ours(p)).toBe(theirs(p));
        expect(all(p)).toBe(allPico(p));
      }),
      { numRuns: 3000, examples: [[''], ['a[1].md'], ['report.md'], ['epa/main.md']] },
    );
  });

  it('a path equal to a glob matches it, as in picomatch, even where the glob\'s pattern would not', () => {
    expect(picomatch.makeRe('x/{a,b}.md', GLOB_OPTIONS).test('x/{a,b}.md')).toBe(false);
    expect(globsTest(['x/{a,b}.md'])('x/{a,b}.md')).toBe(true);
    expect(globsTest(['x/{a,b}.md'])('x/b.md')).toBe(true);
  });
});

describe('classification end to end: front matter beats the globs', () => {
  it('a file outside report/ and portfolio/ that says `evidence: portfolio` is portfolio; one under portfolio/ that says report is report', async () => {
    const { createAnalyzer } = await import('../../src/core/analyze');
    const { bundledStandard } = await import('../../src/core/bundled');
    const analyzer = createAnalyzer(bundledStandard()!);
    const c = createClassifier(defaultConfig());
    const kindOf = (path: string, text: string) => c.kind(path, analyzer.analyze(text).frontMatter?.evidence);
    expect(kindOf('notes/workshop.md', '---\nevidence: portfolio\n---\n# Workshop\n')).toBe('portfolio');
    expect(kindOf('portfolio/final.md', '---\nevidence: Report\n---\n# Final\n')).toBe('report');
    expect(kindOf('portfolio/final.md', '---\nevidence: draft\n---\n# Final\n')).toBe('portfolio');
    // lower down, `evidence:` is prose
    expect(kindOf('notes/a.md', '# A\n\nevidence: portfolio\n')).toBe('other');
  });
});
