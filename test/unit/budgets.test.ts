import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/core/analyze';
import { headingBudget, plannedWords, sectionBudgets } from '../../src/core/budgets';
import { ST1398, prose } from './helpers';

const analyzer = createAnalyzer(ST1398);

describe('a heading\'s budget marker', () => {
  it('reads the ways reports write a budget', () => {
    expect(headingBudget('1. Introduction (350 words)')?.budget).toBe(350);
    expect(headingBudget('Design (c. 1,200 words) [K27, S19]')?.budget).toBe(1200);
    expect(headingBudget('Results (~600 Words)')?.budget).toBe(600);
    expect(headingBudget('Evaluation [max 400 words]')?.budget).toBe(400);
    expect(headingBudget('Summary (250-word)')?.budget).toBe(250);
  });

  it('is not fooled by numbers that are not budgets', () => {
    expect(headingBudget('6.2 Design (400): K27')).toBeUndefined();
    expect(headingBudget('Reduced latency by 350 words per minute')).toBeUndefined();
    expect(headingBudget('Top 10 words (by frequency)')).toBeUndefined();
    expect(headingBudget('Empty (0 words)')).toBeUndefined();
  });
});

const REPORT = [
  '# Fraud detection: EPA project report',
  '',
  '## 1. Introduction (350 words) [K1]',
  '',
  prose(300),
  '',
  '## 2. Data and features (800 words)',
  '',
  prose(200, 1),
  '',
  '### 2.1 Sources [S1]',
  '',
  prose(500, 2),
  '',
  '### 2.2 Feature store (300 words) [K9]',
  '',
  prose(320, 3),
  '',
  '## 3. Evaluation',
  '',
  prose(120, 4),
  '',
  '## References',
  '',
  prose(90, 5),
].join('\r\n');

describe('section budgets', () => {
  const { sections } = analyzer.analyze(REPORT);

  it('counts a chapter with its subsections, and says how far over it is', () => {
    const budgets = sectionBudgets(sections, {}, 10);
    expect(budgets.map((b) => [b.heading, b.words, b.budget, b.status])).toEqual([
      ['1. Introduction (350 words)', 300, 350, 'within'],
      ['2. Data and features (800 words)', 1020, 800, 'over-tolerance'],
      ['2.2 Feature store (300 words)', 320, 300, 'over-budget'],
    ]);
    expect(budgets[0].line).toBe(2);
  });

  it('takes budgets from the project by heading, with or without the section number', () => {
    const budgets = sectionBudgets(sections, { Evaluation: 100, '2.1 Sources': 600, '1. Introduction': 999 }, 10);
    const byHeading = Object.fromEntries(budgets.map((b) => [b.heading, [b.budget, b.source]]));
    expect(byHeading['3. Evaluation']).toEqual([100, 'config']);
    expect(byHeading['2.1 Sources']).toEqual([600, 'config']);
    expect(byHeading['1. Introduction (350 words)']).toEqual([350, 'heading']);
  });

  it('adds up the plan once per chapter, for the check against the report limit', () => {
    const budgets = sectionBudgets(sections, { Evaluation: 4000 });
    expect(plannedWords(budgets, sections)).toBe(350 + 800 + 4000);
  });
});

describe('budgets in .ksb-evidence.yaml', () => {
  it('reads a map of heading to words, and names the line of a bad entry', async () => {
    const { parseConfig } = await import('../../src/core/config');
    const { config, problems } = parseConfig('budgets:\n  "1. Introduction": 350\n  Evaluation: lots\n  Design: 600\n', '.ksb-evidence.yaml');
    expect(config.budgets).toEqual({ '1. Introduction': 350, Design: 600 });
    expect(problems).toMatchObject([{ line: 3, severity: 'error', message: expect.stringContaining('left out') }]);
    expect(parseConfig('budgets: 350\n', 'c.yaml').problems[0]).toMatchObject({ line: 1, message: expect.stringContaining('must map headings') });
  });
});

describe('the budget marker is not writing', () => {
  it('leaves the marker out of the heading words and the report total', () => {
    const withMarker = analyzer.analyze('# Report\n\n## 1. Introduction (c. 1,200 words) [K1]\n\nWe built a churn model.\n');
    const without = analyzer.analyze('# Report\n\n## 1. Introduction [K1]\n\nWe built a churn model.\n');
    expect(withMarker.sections[2].headingWords).toBe(2);
    expect(withMarker.words).toBe(without.words);
    expect(withMarker.sections[2].heading).toBe('1. Introduction (c. 1,200 words)');
  });
});

describe('budgets from the command line', () => {
  it('lists every budgeted section in the JSON and the ones over budget in the table', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { main } = await import('../../src/cli/main');
    const root = mkdtempSync(path.join(tmpdir(), 'ksb-budgets-'));
    try {
      mkdirSync(path.join(root, 'report'));
      writeFileSync(path.join(root, '.ksb-evidence.yaml'), 'budgets:\n  Evaluation: 100\n');
      writeFileSync(path.join(root, 'report/report.md'), ['# Report', '', '## 1. Introduction (50 words) [K1]', '', prose(80), '', '## 2. Evaluation [K2]', '', prose(104, 1), ''].join('\n'));
      const run = async (format: string) => {
        let out = '';
        await main([root, '--format', format], { stdout: { write: (s: string | Uint8Array) => (out += String(s)) }, stderr: { write: () => true }, cwd: root, env: {} });
        return out;
      };
      const json = JSON.parse(await run('json'));
      expect(json.budgets).toEqual([
        { path: 'report/report.md', line: 3, heading: '1. Introduction (50 words)', words: 80, budget: 50, status: 'over-tolerance' },
        { path: 'report/report.md', line: 7, heading: '2. Evaluation', words: 104, budget: 100, status: 'over-budget' },
      ]);
      const table = await run('table');
      expect(table).toContain('Sections over their word budget (2):');
      expect(table).toMatch(/report\/report\.md:3\s+1\. Introduction \(50 words\)\s+80 \/ 50 words/);
      expect(table).toMatch(/report\/report\.md:7\s+2\. Evaluation\s+104 \/ 100 words, within the tolerance/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
