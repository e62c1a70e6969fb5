import { describe, expect, it } from 'vitest';
import { reportLimit } from '../../src/core/coverage';
import { reportTemplate, wordBudgets } from '../../src/core/reportTemplate';
import { buildStandard } from '../../src/core/standard';
import { read, ST1398 } from './helpers';

const limit = reportLimit(ST1398)!;

describe('the starter report', () => {
  const text = reportTemplate(ST1398, limit);

  it('claims nothing: no tags, no evidence, no unknown codes, no bare codes', () => {
    const r = read(text);
    expect(r.analysis.tags).toEqual([]);
    expect(r.codes).toEqual([]);
    expect(r.unknown).toEqual([]);
    expect(r.analysis.bareCodes).toEqual([]);
    expect(r.report.summary.covered).toBe(0);
  });

  it('asks for no tag yet: no section is untagged, and only the headings count as words', () => {
    const r = read(text);
    expect(r.untagged).toEqual([]);
    const headingWords = r.analysis.sections.filter((s) => !s.excluded).reduce((n, s) => n + s.headingWords, 0);
    expect(r.words).toBe(headingWords);
    expect(r.words).toBeLessThan(80);
  });

  it('reads the same with CRLF line ends', () => {
    const r = read(text.replace(/\n/g, '\r\n'));
    expect(r.analysis.tags).toEqual([]);
    expect(r.untagged).toEqual([]);
  });

  it("follows the report's shape: title, budgeted sections adding up to the standard's limit, references", () => {
    const r = read(text);
    const headings = r.headings.map((h) => h.heading);
    expect(headings[0]).toBe('Project title');
    const budgets = headings.map((h) => /\((\d+) words\)$/.exec(h)?.[1]).filter(Boolean).map(Number);
    expect(budgets.length).toBeGreaterThanOrEqual(6);
    expect(budgets.reduce((a, b) => a + b, 0)).toBe(5000);
    expect(headings).toContain('References');
    expect(r.analysis.sections.find((s) => s.heading === 'References')!.excluded).toBe(true);
    expect(r.analysis.frontMatter?.evidence).toBe('report');
    expect(text).toContain('at most 5,000 words (10% tolerance: up to 5,500)');
  });

  it('shows the tag forms as examples, in code spans', () => {
    expect(text).toMatch(/`\[K1, S1\]`/);
    expect(text).toMatch(/`KSBs: K1, S1`/);
  });

  it('takes the limit from the data it is given, not a constant', () => {
    const t = reportTemplate(ST1398, { limit: 3000, tolerancePercent: 5 });
    const budgets = [...t.matchAll(/\((\d+) words\)/g)].map((m) => Number(m[1]));
    expect(budgets.reduce((a, b) => a + b, 0)).toBe(3000);
    expect(t).toContain('at most 3,000 words (5% tolerance: up to 3,150)');
  });

  it('leaves budgets out when the standard has no limit, and uses its own codes in the examples', () => {
    const custom = buildStandard({ id: 'ST0000', title: 'Test', ksbs: [{ code: 'K4.1', category: 'knowledge', text: 'Something.' }, { code: 'S2', category: 'skills', text: 'Other.' }] }, 'test');
    const t = reportTemplate(custom, undefined);
    expect(t).not.toMatch(/\(\d+ words\)/);
    expect(t).toContain('`[K4.1, S2]`');
    const r = read(t, { standard: custom });
    expect(r.analysis.tags).toEqual([]);
  });

  it('budgets add up exactly for awkward limits', () => {
    for (const n of [5000, 4000, 3333, 10000, 1234]) expect(wordBudgets(n).reduce((a, b) => a + b, 0)).toBe(n);
  });
});
