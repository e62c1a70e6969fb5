import { describe, expect, it } from 'vitest';
import { countsInWords } from '../../src/core/wording';

describe('countsInWords', () => {
  it('says where, leaving zero counts out', () => {
    expect(countsInWords({ report: 2, portfolio: 1, other: 0 })).toBe('2 in report, 1 in portfolio');
    expect(countsInWords({ report: 0, portfolio: 3, other: 0 })).toBe('3 in portfolio');
    expect(countsInWords({ report: 1, portfolio: 0, other: 2 })).toBe('1 in report, 2 elsewhere');
  });
  it('says missing when nowhere', () => {
    expect(countsInWords({ report: 0, portfolio: 0, other: 0 })).toBe('missing');
  });
});
