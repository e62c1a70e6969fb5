// --cohort DIR: a provider's report over apprentices' folders. A cohort is generated from a seed
// with its answers known (codes evidenced, untagged sections, unknown codes, report words, each
// apprentice's own config), and the report must give them exactly; then the four formats, and
// bad input (a missing or empty cohort, a broken config among good ones).
import { chmodSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CohortRow } from '../../src/core/cohort';
import { run, tempFolders } from './cliHarness';
import { prose, ST1398 } from './helpers';

const workspace = tempFolders();

/** mulberry32: the same cohort from the same seed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CODES = ST1398.ksbs.map((k) => k.code);
const UNKNOWN_POOL = ['K32', 'S35', 'B6', 'S0', 'K40'];

interface Apprentice {
  files: Record<string, string>;
  expected: CohortRow;
}

/**
 * One apprentice's folder and its known row. Report chapters tag sections in headings; portfolio
 * pieces tag by front matter, comment or label line; a reflective log holds untagged weeks; unknown
 * codes ride beside a valid code; references are excluded. Every fourth apprentice has a config.
 */
function apprentice(rand: () => number, index: number): Apprentice {
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const codes = [...CODES].sort(() => rand() - 0.5).slice(0, int(3, 70));
  const groups: string[][] = [];
  for (let i = 0; i < codes.length; ) {
    const n = int(1, 4);
    groups.push(codes.slice(i, i + n));
    i += n;
  }
  const reportGroups = groups.slice(0, Math.ceil(groups.length / 2));
  const pieceGroups = groups.slice(reportGroups.length);
  const files: Record<string, string> = {};
  let words = 0;
  let untagged = 0;
  // the report, in one or two chapters
  const chapters = int(1, 2);
  const chapterText: string[][] = Array.from({ length: chapters }, (_, c) => ['---', `title: Chapter ${c + 1}`, '---', '']);
  reportGroups.forEach((g, i) => {
    const w = int(40, 220);
    chapterText[i % chapters].push(`## Part ${i + 1} [${g.join(', ')}]`, '', prose(w, i), '');
    words += 2 + w;
  });
  const reportUntagged = int(0, 2);
  for (let i = 0; i < reportUntagged; i++) {
    chapterText[0].push(`## Notes ${i + 1}`, '', prose(45, i + 3), '');
    words += 2 + 45;
  }
  chapterText[chapters - 1].push('## References', '', prose(60, 9), '');
  chapterText.forEach((t, c) => (files[`report/chapter-${c + 1}.md`] = t.join(c % 2 ? '\r\n' : '\n')));
  // portfolio pieces, each tagged its own way
  const unknown = [...UNKNOWN_POOL].sort(() => rand() - 0.5).slice(0, Math.min(int(0, 2), pieceGroups.length));
  pieceGroups.forEach((g, j) => {
    const tag = j % 3 === 0 ? ['---', `ksbs: [${g.join(', ')}]`, '---', `# Piece ${j + 1}`] : j % 3 === 1 ? [`# Piece ${j + 1}`, '', `<!-- KSB: ${g.join(', ')} -->`] : [`# Piece ${j + 1}`, '', `**KSBs:** ${g.join(', ')}`];
    const extra = j < unknown.length ? ['', `## Also [${g[0]}, ${unknown[j]}]`, '', prose(12, j)] : [];
    files[`portfolio/piece-${String(j + 1).padStart(2, '0')}.md`] = [...tag, '', prose(int(50, 150), j), ...extra].join('\n');
  });
  const weeks = int(0, 2);
  if (weeks) files['portfolio/reflective-log.md'] = ['# Reflective log', '', ...Array.from({ length: weeks }, (_, i) => [`## Week ${i + 1}`, '', prose(45, i), ''].join('\n'))].join('\n');
  untagged += reportUntagged + weeks;

  let limit = 5000;
  let minWords = 40;
  if (index % 4 === 1) {
    limit = Math.floor(words * (rand() < 0.5 ? 0.95 : 0.5)); // over the limit, within or past the tolerance
    files['.ksb-evidence.yaml'] = `# set by the provider for this cohort\nstandard: ST1398\nwordLimit: ${limit}\n`;
  } else if (index % 4 === 3) {
    minWords = 50; // the 45-word untagged sections are too short to warn about
    files['.ksb-evidence.yaml'] = 'minWords: 50\n';
  }
  const maximum = Math.floor(limit * 1.1);
  const set = new Set(codes);
  const count = (letter: string) => ({ total: CODES.filter((c) => c[0] === letter).length, covered: codes.filter((c) => c[0] === letter).length });
  return {
    files,
    expected: {
      apprentice: `apprentice-${String(index).padStart(3, '0')}`,
      standard: 'ST1398',
      files: Object.keys(files).filter((f) => f.endsWith('.md')).length,
      byCategory: { knowledge: count('K'), skills: count('S'), behaviours: count('B') },
      covered: codes.length,
      total: 70,
      percent: Math.round((codes.length / 70) * 1000) / 10,
      report: { words, limit, tolerancePercent: 10, maximum, status: words > maximum ? 'over-tolerance' : words > limit ? 'over-limit' : 'within' },
      untagged: minWords > 45 ? 0 : untagged,
      unknown: unknown.length,
      unknownCodes: unknown, // in path order: piece-01's first
      missing: CODES.filter((c) => !set.has(c)),
      warnings: 0,
    },
  };
}

function cohort(seed: number, size: number): { dir: string; expected: CohortRow[] } {
  const rand = prng(seed);
  const dir = workspace({ 'README.md': '# Cohort 2026\n\nNot an apprentice: a file at the top is ignored.\n', '.git/HEAD': 'ref: refs/heads/main\n' });
  const expected: CohortRow[] = [];
  for (let i = 0; i < size; i++) {
    const a = apprentice(rand, i);
    workspace(Object.fromEntries(Object.entries(a.files).map(([p, t]) => [`${a.expected.apprentice}/${p}`, t])), dir);
    expected.push(a.expected);
  }
  return { dir, expected };
}

describe('--cohort on a generated cohort with known answers', () => {
  it.each([1398, 7, 2026])('seed %i: every row exactly', async (seed) => {
    const { dir, expected } = cohort(seed, 12);
    const { code, stdout, stderr } = await run(['--cohort', dir, '--format', 'json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.folder).toBe(dir);
    expect(json.problems).toEqual([]);
    expect(json.apprentices).toEqual(expected);
    // the generator made every case: configs, over the limit both ways, untagged, unknown codes
    const rows = json.apprentices as CohortRow[];
    expect(new Set(rows.map((r) => r.report!.status)).size).toBeGreaterThan(1);
    expect(rows.some((r) => r.unknown! > 0) && rows.some((r) => r.untagged! > 0)).toBe(true);
  });

  it('each row agrees with a run over that apprentice\'s folder alone', async () => {
    const { dir, expected } = cohort(99, 5);
    const rows = JSON.parse((await run(['--cohort', dir, '--format', 'json'])).stdout).apprentices as CohortRow[];
    for (const row of rows) {
      const one = JSON.parse((await run([path.join(dir, row.apprentice), '--format', 'json'])).stdout);
      expect(row.covered).toBe(one.summary.covered);
      expect(row.byCategory).toEqual(one.summary.byCategory);
      expect(row.report).toEqual(one.summary.report);
      expect(row.untagged).toBe(one.untagged.length);
      expect(row.unknownCodes).toEqual([...new Set(one.unknown.map((u: { code: string }) => u.code))]);
      expect(row.missing).toEqual(one.ksbs.filter((k: { covered: boolean }) => !k.covered).map((k: { code: string }) => k.code));
    }
    expect(rows.map((r) => r.apprentice)).toEqual(expected.map((e) => e.apprentice));
  });
});

/** A small cohort to read the formats on: a folder name that a spreadsheet would run, and a broken config. */
function smallCohort(): string {
  return workspace({
    'alice/report.md': ['# 1 Aims [K1, S1]', '', prose(50), '', '## 2 Results', '', prose(45, 1)].join('\n'),
    'alice/portfolio/audit.md': ['# Audit [K2, K32]', '', prose(10)].join('\n'),
    'bob/.ksb-evidence.yaml': 'wordLimit: 40\n',
    'bob/report/report.md': ['# Aims [B1-B5]', '', prose(50)].join('\n'),
    '=HYPERLINK("evil.example")/report.md': ['# Aims [K3]', '', prose(41)].join('\n'),
    'carol/.ksb-evidence.yaml': 'standard: ST1398\nminWords: [40\nreport: ["report/**"]\n',
    'carol/report.md': ['# Aims [K4]', '', prose(50)].join('\n'),
    'dan/notes.txt': 'no evidence yet',
    'dan/portfolio/diagram.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]), // an image renamed: not read, counted as a warning
  });
}

describe('--cohort formats', () => {
  it('table: one aligned row an apprentice, the missing KSBs last', async () => {
    const { code, stdout, stderr } = await run(['--cohort', '.'], smallCohort());
    expect(code).toBe(2);
    expect(stderr).toMatch(/^ksb-evidence: carol\/\.ksb-evidence\.yaml:2:\d+: error: YAML syntax: .*\nksb-evidence: 1 apprentice folder was not counted \(carol\): fix the files above\n$/);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('KSB coverage of 5 apprentices in . (ST1398)');
    expect(lines[2]).toBe('Apprentice                  Knowledge  Skills  Behaviours  KSBs       Report words          Untagged  Unknown codes  Still missing');
    expect(lines[3]).toMatch(/^=HYPERLINK\("evil\.example"\)  1\/31       0\/34    0\/5         1\/70 1\.4%  42\/5,000              0         0              K1, K2, K4, K5, .*, B5$/);
    expect(lines[4]).toMatch(/^alice                       2\/31       1\/34    0\/5         3\/70 4\.3%  99\/5,000              1         1: K32         K3, K4, K5, .*, S2, S3, .*, B5$/);
    expect(lines[5]).toMatch(/^bob                         0\/31       0\/34    5\/5         5\/70 7\.1%  51\/40 over tolerance  0         0              K1, K2, .*, S34$/);
    expect(lines[6]).toMatch(/^carol                       -          -       -           -          -                     -         -              not counted: carol\/\.ksb-evidence\.yaml:2:\d+: error: YAML syntax/);
    expect(lines[7]).toMatch(/^dan                         0\/31       0\/34    0\/5         0\/70 0%    no report             0         0              K1, K2, .*, B5$/);
    expect(lines).toHaveLength(9);
  });

  it('markdown: a table with its cells escaped', async () => {
    const { stdout } = await run(['--cohort', '.', '--format', 'markdown'], smallCohort());
    const lines = stdout.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      '## KSB coverage of 5 apprentices in . (ST1398)',
      '',
      '| Apprentice | Knowledge | Skills | Behaviours | KSBs | Report words | Untagged | Unknown codes | Still missing |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ]);
    expect(lines[5]).toBe(`| alice | 2/31 | 1/34 | 0/5 | 3/70 4.3% | 99/5,000 | 1 | 1: K32 | ${ST1398.ksbs.map((k) => k.code).filter((c) => !['K1', 'K2', 'S1'].includes(c)).join(', ')} |`);
    expect(lines[7]).toMatch(/^\| carol \| - \| - \| - \| - \| - \| - \| - \| not counted: carol\/\.ksb-evidence\.yaml:2:\d+: error: /);
  });

  it('csv: one line an apprentice, a folder name never read as a formula', async () => {
    const { stdout } = await run(['--cohort', '.', '--format', 'csv'], smallCohort());
    const lines = stdout.split('\r\n');
    expect(lines[0]).toBe('\ufeffapprentice,standard,files,knowledge_covered,knowledge_total,skills_covered,skills_total,behaviours_covered,behaviours_total,covered,total,percent,report_words,word_limit,word_status,untagged,unknown,unknown_codes,missing,error');
    expect(lines[1]).toMatch(/^"'=HYPERLINK\(""evil\.example""\)",ST1398,1,1,31,0,34,0,5,1,70,1\.4,42,5000,within,0,0,,K1 K2 K4 /);
    expect(lines[2]).toMatch(/^alice,ST1398,2,2,31,1,34,0,5,3,70,4\.3,99,5000,within,1,1,K32,K3 K4 .* B5,$/);
    expect(lines[3]).toMatch(/^bob,ST1398,1,0,31,0,34,5,5,5,70,7\.1,51,40,over-tolerance,0,0,,K1 K2 .* S34,$/);
    expect(lines[4]).toMatch(/^carol,,,,,,,,,,,,,,,,,,,"not counted: carol\/\.ksb-evidence\.yaml:2:\d+: error: YAML syntax/);
    expect(lines[5]).toMatch(/^dan,ST1398,0,0,31,0,34,0,5,0,70,0,,,no report,0,0,,K1 K2 .* B5,$/);
    expect(lines[6]).toBe('');
  });

  it('json: the problems with file and line, and the broken folder\'s row saying why', async () => {
    const { code, stdout } = await run(['--cohort', '.', '--format', 'json'], smallCohort());
    expect(code).toBe(2);
    const json = JSON.parse(stdout);
    expect(json.problems).toEqual([{ file: 'carol/.ksb-evidence.yaml', line: 2, column: expect.any(Number), severity: 'error', message: expect.stringMatching(/^YAML syntax/) }]);
    expect(json.apprentices.map((r: CohortRow) => r.apprentice)).toEqual(['=HYPERLINK("evil.example")', 'alice', 'bob', 'carol', 'dan']);
    expect(json.apprentices[3]).toEqual({ apprentice: 'carol', error: expect.stringMatching(/^not counted: carol\/\.ksb-evidence\.yaml:2:\d+: error: YAML syntax/) });
    expect(json.apprentices[4]).toMatchObject({ apprentice: 'dan', files: 0, report: null, warnings: 1 });
  });
});

describe('--cohort on bad input', () => {
  it('a missing cohort folder', async () => {
    const { code, stdout, stderr } = await run(['--cohort', 'no-such-cohort'], workspace({}));
    expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: '', stderr: 'ksb-evidence: --cohort: no such folder: no-such-cohort\n' });
  });

  it('a file where the cohort folder should be', async () => {
    const { code, stderr } = await run(['--cohort', 'list.csv'], workspace({ 'list.csv': 'alice,bob\n' }));
    expect(code).toBe(2);
    expect(stderr).toBe("ksb-evidence: --cohort: list.csv is a file, not a folder of apprentices' folders\n");
  });

  it('an empty cohort: no apprentice folders (hidden and tool folders, and loose files, are not apprentices)', async () => {
    const { code, stdout, stderr } = await run(['--cohort', '.'], workspace({ 'README.md': '# Cohort\n', '.git/HEAD': 'x', 'node_modules/x/readme.md': '# x [K1]\n' }));
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toBe("ksb-evidence: --cohort: . has no apprentice folders (each sub-folder of it is one apprentice's workspace)\n");
  });

  it('a link to an apprentice\'s folder is followed; a dangling one is not an apprentice', async () => {
    const elsewhere = workspace({ 'report.md': `# Aims [K7]\n\n${prose(50)}\n` });
    const dir = workspace({ 'alice/report.md': `# Aims [K1]\n\n${prose(50)}\n` });
    symlinkSync(elsewhere, path.join(dir, 'bob'));
    symlinkSync(path.join(dir, 'gone'), path.join(dir, 'carol'));
    const rows = JSON.parse((await run(['--cohort', dir, '--format', 'json'])).stdout).apprentices as CohortRow[];
    expect(rows.map((r) => [r.apprentice, r.missing!.length])).toEqual([['alice', 69], ['bob', 69]]);
  });

  it.skipIf(process.getuid?.() === 0)('an apprentice\'s folder that cannot be read: a row saying so, the others counted', async () => {
    const dir = workspace({ 'alice/report.md': `# Aims [K1]\n\n${prose(50)}\n`, 'bob/report.md': `# Aims [K2]\n\n${prose(50)}\n` });
    chmodSync(path.join(dir, 'bob'), 0);
    try {
      const { code, stdout, stderr } = await run(['--cohort', dir, '--format', 'json']);
      expect(code).toBe(2);
      expect(stderr).toContain('bob/.ksb-evidence.yaml:1:1: error: cannot read');
      expect(JSON.parse(stdout).apprentices[0]).toMatchObject({ apprentice: 'alice', covered: 1 });
    } finally {
      chmodSync(path.join(dir, 'bob'), 0o755);
    }
  });

  it('a config that cannot be read (a folder by that name): a row saying so, with the file, the others counted', async () => {
    const dir = workspace({ 'alice/report.md': `# Aims [K1]\n\n${prose(50)}\n`, 'bob/.ksb-evidence.yaml/keep': '', 'bob/report.md': `# Aims [K2]\n\n${prose(50)}\n` });
    const { code, stdout, stderr } = await run(['--cohort', dir, '--format', 'json']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^ksb-evidence: bob\/\.ksb-evidence\.yaml:1:1: error: cannot read: EISDIR/);
    const rows = JSON.parse(stdout).apprentices;
    expect(rows[0]).toMatchObject({ apprentice: 'alice', covered: 1, missing: expect.not.arrayContaining(['K1']) });
    expect(rows[1]).toEqual({ apprentice: 'bob', error: expect.stringMatching(/^not counted: bob\/\.ksb-evidence\.yaml:1:1: error: cannot read: EISDIR/) });
  });

  it('formats and options that do not go with --cohort', async () => {
    const dir = smallCohort();
    expect((await run(['--cohort', dir, '--format', 'sarif'])).stderr).toBe('ksb-evidence: --cohort prints table, json, markdown, csv, not sarif\nTry ksb-evidence --help\n');
    const other = await run(['--cohort', dir, 'alice']);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('give no other paths and no --config');
  });

  it('--fail-under and --strict name the apprentices that fail', async () => {
    const dir = workspace({ 'alice/report.md': `# Aims [K1-K31, S1-S34, B1-B5]\n\n${prose(50)}\n`, 'bob/report.md': `# Aims [K1]\n\n${prose(50)}\n\n## More\n\n${prose(50)}\n` });
    const under = await run(['--cohort', dir, '--fail-under', '80']);
    expect(under.code).toBe(1);
    expect(under.stderr).toBe('ksb-evidence: under --fail-under 80%: bob 1.4%\n');
    const strict = await run(['--cohort', dir, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toBe('ksb-evidence: --strict: unknown codes or untagged sections in bob\n');
    expect((await run(['--cohort', dir, '--fail-under', '1'])).code).toBe(0);
  });
});
