// --format github and --format sarif on an apprentice's portfolio: every untagged section and
// unknown code at its file and line, the report over its limit, GitHub's escaping, and the SARIF
// log valid against the official SARIF 2.1.0 schema (shipped in @microsoft/jest-sarif).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { CoverageView } from '../../src/core/coverage';
import { findingsOf } from '../../src/core/formats/findings';
import { escapeData, escapeProperty } from '../../src/core/formats/github';
import { shortText } from '../../src/core/standard';
import { version } from '../../package.json';
import { run, tempFolders } from './cliHarness';
import { prose, ST1398 } from './helpers';

const workspace = tempFolders();

/** A report as apprentices write one: BOM, front matter, CRLF, a bold label line, section numbers, references. */
const REPORT_LINES = [
  '\ufeff---',
  'title: Demand forecasting for the contact centre',
  '---',
  '# 1 Introduction [K2, S2]',
  '',
  prose(60),
  '',
  '## 2 Data preparation',
  '',
  '**KSBs:** K13, K24',
  '',
  prose(80, 1),
  '',
  '## 3 Results: accuracy up 12% on the baseline',
  '',
  prose(60, 2),
  '',
  '## 4 Deployment [K20, K32]',
  '',
  prose(50, 3),
  '',
  '### 4.1 Monitoring [S0]',
  '',
  prose(45, 4),
  '',
  '## 5 Reflection',
  '',
  prose(41, 5),
  '',
  '## References',
  '',
  prose(100, 6),
];
const REPORT = REPORT_LINES.join('\r\n');
const lineOf = (lines: string[], text: string) => lines.findIndex((l) => l.startsWith(text)) + 1;

/** A portfolio piece whose name needs escaping in a workflow command's properties and in a URI. */
const ODD_NAME = 'portfolio/01 audit, piece: 100%.md';
const PIECE_LINES = ['# Audit of the feature store [K1, S1, B6]', '', prose(50, 7), '', '## What I would change', '', prose(55, 8)];

function portfolio(): string {
  return workspace({
    '.ksb-evidence.yaml': 'standard: ST1398\nwordLimit: 300\n',
    'report/report.md': REPORT,
    [ODD_NAME]: PIECE_LINES.join('\n'),
    'portfolio/02 runbook.md': ['---', 'ksbs: [K5, S3]', '---', '# Runbook', '', prose(70, 9)].join('\n'),
  });
}

describe('escaping of workflow commands, as GitHub\'s toolkit does', () => {
  it('messages escape %, CR and LF; properties also : and ,', () => {
    expect(escapeData('50% done\r\nnext: a, b')).toBe('50%25 done%0D%0Anext: a, b');
    expect(escapeProperty('50% done\r\nnext: a, b')).toBe('50%25 done%0D%0Anext%3A a%2C b');
    expect(escapeData('%0A')).toBe('%250A'); // an escape already in the text stays text
  });
});

describe('--format github', () => {
  it('one command per finding at its file and line, then the coverage summary', async () => {
    const root = portfolio();
    const { code, stdout, stderr } = await run([root, '--format', 'github']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    const near = (codes: string[], text: (c: string) => string) => codes.map((c) => `${c} (${shortText(text(c), 70)})`).join('; ');
    const ksbText = (c: string) => ST1398.byCode.get(c)!.text;
    const prefix = path.relative(process.cwd(), root).split(path.sep).join('/');
    const f = (p: string) => escapeProperty(`${prefix}/${p}`);
    expect(lines.slice(0, 7)).toEqual([
      `::warning file=${f('portfolio/01 audit, piece: 100%.md')},line=${lineOf(PIECE_LINES, '## What')},title=Untagged section::Section "What I would change" has 55 words of prose and no KSB tag, so it evidences nothing. Tag it with the KSBs it evidences, such as [K5, S3] at the end of its heading, or add <!-- ksb-ignore --> if it evidences none.`,
      `::warning file=${f('report/report.md')},line=${lineOf(REPORT_LINES, '## 3 Results')},title=Untagged section::Section "3 Results: accuracy up 12%25 on the baseline" has 60 words of prose and no KSB tag, so it evidences nothing. Tag it with the KSBs it evidences, such as [K5, S3] at the end of its heading, or add <!-- ksb-ignore --> if it evidences none.`,
      `::warning file=${f('report/report.md')},line=${lineOf(REPORT_LINES, '## 5 Reflection')},title=Untagged section::Section "5 Reflection" has 41 words of prose and no KSB tag, so it evidences nothing. Tag it with the KSBs it evidences, such as [K5, S3] at the end of its heading, or add <!-- ksb-ignore --> if it evidences none.`,
      `::error file=${f('portfolio/01 audit, piece: 100%.md')},line=1,title=Unknown code B6::B6 is not a KSB of ST1398 Machine learning engineer, so it is not counted. Nearest valid codes: ${near(['B5', 'B4', 'B3'], ksbText)}.`,
      `::error file=${f('report/report.md')},line=${lineOf(REPORT_LINES, '## 4 Deployment')},title=Unknown code K32::K32 is not a KSB of ST1398 Machine learning engineer, so it is not counted. Nearest valid codes: ${near(['K31', 'K30', 'K22'], ksbText)}.`,
      `::error file=${f('report/report.md')},line=${lineOf(REPORT_LINES, '### 4.1')},title=Unknown code S0::S0 is not a KSB of ST1398 Machine learning engineer, so it is not counted. Nearest valid codes: ${near(['S1', 'S2', 'S3'], ksbText)}.`,
      `::warning file=${f('report/report.md')},line=1,title=Report over its word limit::The report has 355 words; the limit for ST1398's project report is 300: 55 words over the limit and its 10%25 tolerance (at most 330).`,
    ]);
    expect(lines.slice(7)).toEqual([
      expect.stringMatching(/^KSB coverage, ST1398 Machine learning engineer: 9 of 70 KSBs evidenced \(12\.9%\)$/),
      'Knowledge 6/31, Skills 3/34, Behaviours 0/5',
      'Report: 355 / 300 words (at most 330 with 10% tolerance)',
      expect.stringMatching(/^Not yet evidenced \(61\): K3, K4, K6, /),
      '3 untagged sections, 3 unknown codes, 3 files read',
    ]);
  });

  it('every untagged section and unknown code of the JSON report, and nothing else, with the same file and line', async () => {
    const root = path.resolve(__dirname, '../../examples/ml-engineer-portfolio');
    const json = JSON.parse((await run([root, '--format', 'json'])).stdout);
    const { stdout } = await run(['.', '--format', 'github'], root);
    const commands = stdout.split('\n').filter((l) => l.startsWith('::'));
    const found = commands.map((c) => /^::(\w+) file=([^,]+),line=(\d+)/.exec(c)!.slice(1, 4).join(' '));
    expect(found).toEqual([
      ...json.untagged.map((u: { path: string; line: number }) => `warning ${escapeProperty(u.path)} ${u.line}`),
      ...json.unknown.map((u: { path: string; line: number }) => `error ${escapeProperty(u.path)} ${u.line}`),
    ]);
    expect(found.length).toBeGreaterThan(1);
  });

  it('over the limit but within its tolerance: a notice, as the editor reports it (information)', async () => {
    const root = portfolio();
    workspace({ '.ksb-evidence.yaml': 'wordLimit: 340\n' }, root);
    const { stdout } = await run(['.', '--format', 'github'], root);
    expect(stdout.split('\n').filter((l) => l.includes('word limit'))).toEqual([
      "::notice file=report/report.md,line=1,title=Report over its word limit::The report has 355 words; the limit for ST1398's project report is 340: 15 words over the limit, within its 10%25 tolerance (at most 374).",
    ]);
  });

  it('a clean portfolio gives no commands, only the summary', async () => {
    const root = workspace({ 'report.md': `# 1 Aims [K1]\n\n${prose(50)}\n` });
    const { code, stdout } = await run(['.', '--format', 'github'], root);
    expect(code).toBe(0);
    expect(stdout).not.toContain('::');
    expect(stdout).toContain('1 of 70 KSBs evidenced (1.4%)');
  });

  it('--fail-under still sets the exit code', async () => {
    const root = portfolio();
    const { code, stderr } = await run([root, '--format', 'github', '--fail-under', '80']);
    expect(code).toBe(1);
    expect(stderr).toBe('ksb-evidence: coverage 12.9% is under --fail-under 80%\n');
  });
});

const schema = JSON.parse(readFileSync(path.resolve(__dirname, '../../node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
// The published 2.1.0 schema is draft-04 and has one pattern JavaScript reads only without the u flag.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

describe('--format sarif', () => {
  it('is valid SARIF 2.1.0 by the official schema', async () => {
    const { code, stdout } = await run(['.', '--format', 'sarif'], portfolio());
    expect(code).toBe(0);
    const log = JSON.parse(stdout);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    // the validator itself rejects a broken log
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
    expect(validate({ ...log, runs: [{ ...log.runs[0], results: [{ ...log.runs[0].results[0], level: 'fatal' }] }] })).toBe(false);
  });

  it('a rule per kind of finding, the tool, and each result at its file and 1-based line', async () => {
    const { stdout } = await run(['.', '--format', 'sarif'], portfolio());
    const run0 = JSON.parse(stdout).runs[0];
    expect(run0.tool.driver).toMatchObject({ name: 'ksb-evidence', version, informationUri: 'https://github.com/ksb-evidence/ksb-evidence' });
    expect(run0.tool.driver.rules.map((r: { id: string; defaultConfiguration: { level: string } }) => [r.id, r.defaultConfiguration.level])).toEqual([
      ['ksb-evidence/untagged-section', 'warning'],
      ['ksb-evidence/unknown-code', 'error'],
      ['ksb-evidence/word-limit', 'warning'],
    ]);
    const where = run0.results.map((r: { ruleId: string; ruleIndex: number; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }) => {
      const loc = r.locations[0].physicalLocation;
      return `${r.ruleIndex} ${r.ruleId.split('/')[1]} ${loc.artifactLocation.uri}:${loc.region.startLine}`;
    });
    const odd = 'portfolio/01%20audit%2C%20piece%3A%20100%25.md';
    expect(where).toEqual([
      `0 untagged-section ${odd}:${lineOf(PIECE_LINES, '## What')}`,
      `0 untagged-section report/report.md:${lineOf(REPORT_LINES, '## 3 Results')}`,
      `0 untagged-section report/report.md:${lineOf(REPORT_LINES, '## 5 Reflection')}`,
      `1 unknown-code ${odd}:1`,
      `1 unknown-code report/report.md:${lineOf(REPORT_LINES, '## 4 Deployment')}`,
      `1 unknown-code report/report.md:${lineOf(REPORT_LINES, '### 4.1')}`,
      '2 word-limit report/report.md:1',
    ]);
    const k32 = run0.results[4];
    expect(k32.message.text).toContain(`Nearest valid codes: K31 (${shortText(ST1398.byCode.get('K31')!.text, 70)})`);
    expect(k32.properties).toEqual({ code: 'K32', nearest: ['K31', 'K30', 'K22'] });
    expect(run0.properties.summary).toMatchObject({ total: 70, covered: 9 });
    expect(run0.properties.missing).toHaveLength(61);
  });

  it('paths from the folder the command runs in, so code scanning finds the repository\'s file', async () => {
    const root = portfolio();
    const { stdout } = await run([path.basename(root), '--format', 'sarif'], path.dirname(root));
    const uris = JSON.parse(stdout).runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0].physicalLocation.artifactLocation.uri);
    expect(uris.every((u: string) => u.startsWith(`${encodeURIComponent(path.basename(root))}/`))).toBe(true);
  });

  it('an empty folder is a valid log with no results', async () => {
    const root = workspace({ 'notes.txt': 'not evidence' });
    const log = JSON.parse((await run(['.', '--format', 'sarif'], root)).stdout);
    expect(validate(log)).toBe(true);
    expect(log.runs[0].results).toEqual([]);
  });
});

describe('findings from the coverage data alone', () => {
  const view = (over: Partial<CoverageView>): CoverageView => ({
    standard: { id: 'ST1398', title: 'Machine learning engineer', version: '1.0' },
    files: [],
    ksbs: [],
    untagged: [],
    unknown: [],
    budgets: [],
    summary: { total: 70, covered: 0, byCategory: { knowledge: { total: 31, covered: 0 }, skills: { total: 34, covered: 0 }, behaviours: { total: 5, covered: 0 } }, byKind: { report: { total: 70, covered: 0 }, portfolio: { total: 70, covered: 0 } }, byMethod: [] },
    warnings: [],
    ...over,
  });

  it('an unknown duty code is offered the nearest duties, with their text', () => {
    const [f] = findingsOf(view({ unknown: [{ path: 'report.md', line: 3, code: 'D12' }] }), ST1398);
    expect(f.properties).toEqual({ code: 'D12', nearest: ['D9', 'D8', 'D7'] });
    expect(f.message).toContain(`D9 (${shortText(ST1398.duties!.find((d) => d.code === 'D9')!.text, 70)})`);
  });

  it('a report in chapters over the limit, within tolerance: the chapter that takes it past the limit', () => {
    const files = [
      { path: 'report/1-intro.md', kind: 'report' as const, words: 2600, sections: 3, tags: 4 },
      { path: 'report/2-method.md', kind: 'report' as const, words: 2600, sections: 5, tags: 6 },
      { path: 'report/3-results.md', kind: 'report' as const, words: 0, sections: 1, tags: 0 },
    ];
    const base = view({});
    const findings = findingsOf(view({ files, summary: { ...base.summary, report: { words: 5200, limit: 5000, tolerancePercent: 10, maximum: 5500, status: 'over-limit' } } }), ST1398, 'apprentice');
    expect(findings).toEqual([
      {
        kind: 'word-limit',
        level: 'note', // within the tolerance: information, as in the editor
        path: 'apprentice/report/2-method.md',
        line: 1,
        title: 'Report over its word limit',
        message: "The report has 5,200 words in 3 report files (this one takes it past the limit); the limit for ST1398's project report is 5,000: 200 words over the limit, within its 10% tolerance (at most 5,500).",
        properties: { words: 5200, limit: 5000, maximum: 5500, status: 'over-limit' },
      },
    ]);
  });

  it('a report within its limit gives no finding', () => {
    const base = view({});
    expect(findingsOf(view({ files: [{ path: 'report.md', kind: 'report', words: 10, sections: 1, tags: 1 }], summary: { ...base.summary, report: { words: 10, limit: 5000, tolerancePercent: 10, maximum: 5500, status: 'within' } } }), ST1398)).toEqual([]);
  });
});

describe('the new formats and --cohort in the usage', () => {
  it('--help names them; an unknown format lists them', async () => {
    const help = (await run(['--help'])).stdout;
    expect(help).toContain('github (annotations in GitHub Actions) or sarif (SARIF 2.1.0)');
    expect(help).toContain('--cohort DIR');
    const bad = await run(['.', '--format', 'junit'], workspace({}));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('ksb-evidence: unknown format "junit": use table, json, markdown, csv, github, sarif\nTry ksb-evidence --help\n');
  });
});
