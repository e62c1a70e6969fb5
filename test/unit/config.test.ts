// .ksb-evidence.yaml: every way it can be right or wrong (each problem names the file and the
// line), and how files are classified as report, portfolio or other.
import { describe, expect, it } from 'vitest';
import { createClassifier, defaultConfig, parseConfig } from '../../src/core/config';

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
    ['minWords: many\n', 1, /`minWords` must be a number/],
    ['report: [1, 2]\n', 1, /`report` must be a glob or a list of globs/],
    ['minWords: 40\nreport:\n  - "[unclosed"\n  - ok/**\n', 3, /./],
    ['standard: [ST1398]\n', 1, /`standard` must be a bundled standard id/],
    ['standard: ST1398\nstandard: ST1398\n', 2, /./],
    ['minWords: 40\n  bad indent: here\n', 1, /YAML syntax: Nested mappings/],
    ['- a list\n', 1, /must be a mapping/],
  ])('%s', (text, line, message) => {
    const { problems } = parseConfig(text, '.ksb-evidence.yaml');
    const error = problems.find((p) => p.severity === 'error');
    if (text.includes('[unclosed')) {
      // picomatch accepts most text: either a clear error or a harmless glob, never a crash
      expect(error === undefined || error.line === line).toBe(true);
      return;
    }
    expect(error).toMatchObject({ file: '.ksb-evidence.yaml', line });
    expect(error!.message).toMatch(message);
  });

  it('an alias bomb and a huge file get a clear error, fast, and the defaults apply', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
    const t0 = Date.now();
    const exploded = parseConfig(bomb.join('\n') + '\nignore: *i\n', '.ksb-evidence.yaml');
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(exploded.problems.some((p) => p.severity === 'error')).toBe(true);
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
