import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/core/analyze';
import { buildCoverage } from '../../src/core/coverage';
import { exportFileName, mappingExport } from '../../src/core/mappingExport';
import { prose, read, ST1398 } from './helpers';

/** A realistic workspace's coverage: a report with sections tagged several ways, and a portfolio piece. */
function coverage() {
  const analyzer = createAnalyzer(ST1398);
  const report = `---\nevidence: report\n---\n# 1 Introduction (500 words) [K1, S1]\n\n${prose(60)}\n\n## 2 Data [K5, S3]\n\n${prose(50, 1)}\n\n## 3 Stakeholders | scope\n\nKSBs: K22, S27 (Distinction: manage expectations)\n\n${prose(45, 2)}\n\n## 4 Untagged reflection\n\n${prose(70, 3)}\n`;
  const portfolio = `---\nksbs: [B1, S16]\n---\n# Drift monitoring log\n\n${prose(80, 4)}\n`;
  return buildCoverage(ST1398, [
    { path: 'report/report.md', kind: 'report', analysis: analyzer.analyze(report) },
    { path: 'portfolio/drift-log.md', kind: 'portfolio', analysis: analyzer.analyze(portfolio) },
  ]);
}

describe('the exported mapping table', () => {
  const text = mappingExport([{ report: coverage(), standard: ST1398 }]);

  it('starts with the ignore-file marker', () => {
    expect(text.split('\n')[0]).toBe('<!-- ksb-ignore-file -->');
  });

  it('holds the table: every KSB, with where it is evidenced', () => {
    expect(text).toContain('| K22 |');
    expect(text).toContain('report/report.md § 3 Stakeholders \\| scope');
    expect(text).toMatch(/\| K2 \| .* \| \*\*Not yet evidenced\*\* \|/);
    expect(text).toContain('8 of 70 KSBs evidenced');
  });

  it('read back as a file of the workspace, it claims nothing and counts no words', () => {
    for (const kind of ['report', 'other'] as const) {
      const r = read(text, { kind, path: kind === 'report' ? 'report/ksb-mapping.md' : 'ksb-mapping.md' });
      expect(r.codes).toEqual([]);
      expect(r.analysis.tags).toEqual([]);
      expect(r.unknown).toEqual([]);
      expect(r.words).toBe(0);
      expect(r.untagged).toEqual([]);
      expect(r.report.summary.covered).toBe(0);
    }
  });

  it('claims nothing with CRLF line ends either', () => {
    const r = read(text.replace(/\n/g, '\r\n'));
    expect(r.codes).toEqual([]);
    expect(r.words).toBe(0);
  });

  it('proposes ksb-mapping.md, or the next free name', () => {
    expect(exportFileName(() => false)).toBe('ksb-mapping.md');
    const taken = new Set(['ksb-mapping.md', 'ksb-mapping-2.md']);
    expect(exportFileName((n) => taken.has(n))).toBe('ksb-mapping-3.md');
  });
});
