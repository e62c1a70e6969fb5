// The command line on portfolios written to temp folders: the JSON shape, the formats, the exit
// codes and the walk (ignored folders, links, odd names, files that are not text).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { run } from './cliHarness';
import { prose, ST1398 } from './helpers';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function workspace(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'ksb-cli-'));
  dirs.push(root);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
  return root;
}

const REPORT = [
  '---',
  'title: Forecasting report',
  '---',
  '# 1 Introduction [K2, S2]',
  '',
  prose(50),
  '',
  '## 1.1 Data',
  '',
  'KSBs: K13, K24',
  '',
  prose(50),
  '',
  'Results',
  '-------',
  '',
  prose(45),
  '',
  '## 1.2 Typo (K32)',
  '',
  'We stored the extracts in an S3 bucket (the S3 bucket).',
].join('\n');

const PIECE = ['---', 'evidence: portfolio', 'ksbs: [K1, S1]', '---', '# Audit', '', prose(60)].join('\n');

describe('--format json: the spec shape', () => {
  it('files, ksbs (all 70 in order), untagged, unknown and summary', async () => {
    const root = workspace({ 'report/report.md': REPORT, 'portfolio/01 audit piece.md': PIECE, 'notes.md': '# Notes\n' });
    const { code, stdout, stderr } = await run([root, '--format', 'json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.standard).toEqual({ id: 'ST1398', title: 'Machine learning engineer', version: '1.0' });
    expect(json.files).toEqual([
      { path: 'notes.md', kind: 'other', words: 1, sections: 1, tags: 0 },
      { path: 'portfolio/01 audit piece.md', kind: 'portfolio', words: 61, sections: 1, tags: 1 },
      { path: 'report/report.md', kind: 'report', words: expect.any(Number), sections: 4, tags: 2 },
    ]);
    expect(json.ksbs).toHaveLength(70);
    expect(json.ksbs[0]).toMatchObject({ code: 'K1', category: 'knowledge', covered: true, evidence: [{ path: 'portfolio/01 audit piece.md', line: 1, section: '', kind: 'portfolio' }] });
    expect(json.ksbs.find((k: { code: string }) => k.code === 'K13').evidence).toEqual([{ path: 'report/report.md', line: 10, section: '1.1 Data', kind: 'report' }]);
    expect(json.ksbs.find((k: { code: string }) => k.code === 'S3').covered).toBe(false);
    expect(json.untagged).toMatchObject([{ path: 'report/report.md', line: 14, heading: 'Results', words: 45 }]);
    // the five KSBs that best fit the section, best first, every one a code of the standard
    expect(json.untagged[0].suggestions).toHaveLength(5);
    for (const code of json.untagged[0].suggestions) expect(ST1398.byCode.has(code)).toBe(true);
    expect(json.budgets).toEqual([]);
    expect(json.unknown).toEqual([{ path: 'report/report.md', line: 19, code: 'K32' }]);
    expect(json.summary).toMatchObject({
      total: 70,
      covered: 6,
      byCategory: { knowledge: { total: 31, covered: 4 }, skills: { total: 34, covered: 2 }, behaviours: { total: 5, covered: 0 } },
    });
  });
});

describe('other formats', () => {
  const root = workspace({ 'report.md': '# Intro [K5]\n\nText.\n' });

  it('table: coverage, what is missing, no colour when not a terminal', async () => {
    const { stdout, code } = await run([root]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/KSB coverage: ST1398 Machine learning engineer/);
    expect(stdout).toMatch(/Knowledge .* 1\/31/);
    expect(stdout).toMatch(/Not yet evidenced \(69\)/);
    expect(stdout).not.toMatch(/\x1b\[/);
  });

  it('table in colour when forced', async () => {
    expect((await run([root], process.cwd(), { FORCE_COLOR: '1' })).stdout).toMatch(/\x1b\[/);
  });

  it('markdown: one row per KSB, pipes and HTML escaped', async () => {
    const { stdout } = await run([root, '-f', 'markdown']);
    const rows = stdout.split('\n').filter((l) => /^\| [KSB]\d+ \|/.test(l));
    expect(rows).toHaveLength(70);
    expect(rows[4]).toMatch(/^\| K5 \| Differences and applications.* \| report\.md § Intro \|$/);
    const custom = workspace({
      'std.yaml': 'id: X\ntitle: "A <b>bold</b> | title"\nksbs:\n  - { code: K1, category: knowledge, text: "Uses <script>x</script> | pipes" }\n',
      'report.md': '# A | B [K1]\n',
    });
    const out = (await run([custom, '-f', 'markdown', '--standard', path.join(custom, 'std.yaml')])).stdout;
    expect(out).toContain('Uses &lt;script&gt;x&lt;/script&gt; \\| pipes');
    expect(out).not.toContain('<script>');
  });

  it('csv: quoted, and never a formula in a spreadsheet', async () => {
    const custom = workspace({
      'std.yaml': 'id: X\ntitle: T\nksbs:\n  - { code: K1, category: knowledge, text: "=HYPERLINK(\\"http://x\\")" }\n  - { code: K2, category: knowledge, text: "+1, -2 @3" }\n',
      'report.md': '# A [K1]\n',
    });
    const { stdout } = await run([custom, '-f', 'csv', '--standard', path.join(custom, 'std.yaml')]);
    expect(stdout.startsWith('\ufeff')).toBe(true);
    const lines = stdout.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('code,category,text,covered,report,portfolio,other,evidence');
    expect(lines[1]).toBe('K1,knowledge,"\'=HYPERLINK(""http://x"")",yes,1,0,0,report.md:1');
    expect(lines[2]).toMatch(/^K2,knowledge,"'\+1, -2 @3",no,0,0,0,$/);
  });
});

describe('exit codes', () => {
  const root = workspace({ 'report.md': `# Intro [K5]\n\n${prose(10)}\n\n# Untagged\n\n${prose(50)}\n\n# Typo [K99]\n` });

  it('0 normally', async () => expect((await run([root])).code).toBe(0));
  it('1 when --fail-under is not met, 0 when it is', async () => {
    const under = await run([root, '--fail-under', '50']);
    expect(under.code).toBe(1);
    expect(under.stderr).toMatch(/coverage 1\.4% is under --fail-under 50%/);
    expect((await run([root, '--fail-under', '1'])).code).toBe(0);
  });
  it('1 with --strict when there are unknown codes or untagged sections', async () => {
    const strict = await run([root, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/1 unknown code\(s\), 1 untagged section\(s\)/);
    expect((await run([workspace({ 'a.md': '# A [K1]\n' }), '--strict'])).code).toBe(0);
  });
  it.each([
    [['--bogus'], /Unknown option/],
    [['--format', 'xml'], /unknown format "xml"/],
    [['--fail-under', 'lots'], /--fail-under takes a percentage/],
    [['/no/such/folder'], /no such file or folder/],
    [['--standard', 'ST9999'], /unknown standard "ST9999"/],
  ])('2 on bad usage: %s', async (args, message) => {
    const r = await run([root, ...args].filter((a, i) => !(i === 0 && args[0] === '/no/such/folder')));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
  it('2 on a malformed config, naming the file and line', async () => {
    const bad = workspace({ '.ksb-evidence.yaml': 'standard: ST1398\nminWords: lots\n', 'a.md': '# A\n' });
    const r = await run([bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.ksb-evidence\.yaml:2:\d+: error: `minWords` must be a number/);
    expect(r.stdout).toBe('');
  });
  it('2 on a malformed standard, naming the file and line', async () => {
    const bad = workspace({ '.ksb-evidence.yaml': 'standard: std.yaml\n', 'std.yaml': 'id: X\ntitle: T\nksbs:\n  - { code: K1, category: knowledge }\n', 'a.md': '# A\n' });
    const r = await run([bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/std\.yaml:4:\d+: error: missing `text` of K1/);
  });
  it('--help and --version', async () => {
    expect((await run(['--help'])).stdout).toMatch(/Usage: ksb-evidence/);
    expect((await run(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('the walk', () => {
  it('skips node_modules, .git and the configured ignores; reads .md, .markdown and .qmd', async () => {
    const root = workspace({
      '.ksb-evidence.yaml': 'ignore: ["drafts/**"]\n',
      'a.md': '# A [K1]\n',
      'b.markdown': '# B [K2]\n',
      'c.qmd': '# C [K3]\n',
      'd.txt': '# D [K4]\n',
      'node_modules/pkg/README.md': '# N [K5]\n',
      '.git/x.md': '# G [K6]\n',
      'drafts/old.md': '# O [K7]\n',
    });
    const json = JSON.parse((await run([root, '-f', 'json'])).stdout);
    expect(json.files.map((f: { path: string }) => f.path)).toEqual(['a.md', 'b.markdown', 'c.qmd']);
  });

  it('a symbolic link loop ends, and linked files are read once', async () => {
    const root = workspace({ 'portfolio/a.md': '# A [K1]\n' });
    symlinkSync(root, path.join(root, 'portfolio', 'loop'));
    symlinkSync(path.join(root, 'missing'), path.join(root, 'dangling'));
    const r = await run([root, '-f', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.files.map((f: { path: string }) => f.path)).toEqual(['portfolio/a.md']);
  });

  it('paths with spaces and non-ASCII names', async () => {
    const root = workspace({ 'portfolio/Évaluation du modèle/pièce 1.md': '# Pièce [K1]\n', 'report/rapport final (v2).md': '# R [K2]\n' });
    const json = JSON.parse((await run([root, '-f', 'json'])).stdout);
    expect(json.files.map((f: { path: string }) => f.path)).toEqual(['portfolio/Évaluation du modèle/pièce 1.md', 'report/rapport final (v2).md']);
  });

  it('a binary .md file and invalid UTF-8 get a warning; the rest is counted', async () => {
    const root = workspace({
      'a.md': '# A [K1]\n',
      'image.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a]),
      'latin1.md': Buffer.concat([Buffer.from('# Caf'), Buffer.from([0xe9]), Buffer.from(' [K2]\n')]),
    });
    const r = await run([root, '-f', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.summary.covered).toBe(2);
    expect(json.warnings).toEqual([
      { path: 'image.md', message: expect.stringMatching(/binary file/) },
      { path: 'latin1.md', message: expect.stringMatching(/not valid UTF-8/) },
    ]);
    expect((await run([root])).stdout).toMatch(/Files not read as evidence|latin1\.md: not valid UTF-8/);
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable file gets a warning; the rest is counted', async () => {
    const root = workspace({ 'a.md': '# A [K1]\n', 'secret.md': '# S [K2]\n' });
    chmodSync(path.join(root, 'secret.md'), 0);
    const json = JSON.parse((await run([root, '-f', 'json'])).stdout);
    expect(json.summary.covered).toBe(1);
    expect(json.warnings[0]).toMatchObject({ path: 'secret.md', message: expect.stringMatching(/cannot read/) });
  });

  it('a 100,000-line file and a 50 MB file are read', async () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => (i % 50 === 0 ? `## Part ${i} [K${(i % 31) + 1}]` : `Line ${i} of the log with words.`));
    const big = 'x'.repeat(50 * 1024 * 1024 - 20);
    const root = workspace({ 'long.md': lines.join('\n'), 'huge.md': `# Huge [S1]\n\n${big}\n` });
    const t0 = Date.now();
    const r = await run([root, '-f', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.files.find((f: { path: string }) => f.path === 'long.md').sections).toBe(2000);
    expect(json.summary.covered).toBe(32);
    expect(Date.now() - t0).toBeLessThan(20_000);
  }, 60_000);

  it('one file given: paths stay relative to the current folder, and its config applies', async () => {
    const root = workspace({ '.ksb-evidence.yaml': 'minWords: 5\n', 'report/r.md': `# R\n\n${prose(6)}\n` });
    const json = JSON.parse((await run(['report/r.md', '-f', 'json'], root)).stdout);
    expect(json.files[0].path).toBe('report/r.md');
    expect(json.untagged).toHaveLength(1);
  });
});

describe('nothing is lost: the CLI never writes to the workspace', () => {
  it('every file hashes the same before and after every format', async () => {
    const root = workspace({ 'report/report.md': REPORT, 'portfolio/a.md': PIECE, '.ksb-evidence.yaml': 'minWords: 40\n' });
    const hash = () => {
      const out: Record<string, string> = {};
      const walk = (d: string) => {
        for (const n of readdirSync(d)) {
          const p = path.join(d, n);
          if (statSync(p).isDirectory()) walk(p);
          else out[path.relative(root, p)] = createHash('sha256').update(readFileSync(p)).digest('hex') + statSync(p).mtimeMs;
        }
      };
      walk(root);
      return out;
    };
    const before = hash();
    for (const f of ['table', 'json', 'markdown', 'csv']) await run([root, '-f', f, '--strict', '--fail-under', '99']);
    expect(hash()).toEqual(before);
  });
});

describe('the JSON, rule by rule of the spec', () => {
  const STANDARD_ORDER = [...Array.from({ length: 31 }, (_, i) => `K${i + 1}`), ...Array.from({ length: 34 }, (_, i) => `S${i + 1}`), ...Array.from({ length: 5 }, (_, i) => `B${i + 1}`)];
  const REPORT_2 = [
    '# 1 Introduction [K1, K1, S2] ##',
    '',
    'We forecast weekly contact volumes for the rota planner (K1).',
    '',
    '## 2 Typos [K32]',
    '',
    'A tag naming only an unknown code is not a tag occurrence that counts [S0], but (K32, K5) is.',
    '',
    '```',
    '[K6]',
    '```',
    '',
    'Setext heading <!-- KSB: B1 -->',
    '==============',
  ].join('\n');

  it('evidence: one entry per tag occurrence, in path then line order; files[].tags counts tags naming a valid code', async () => {
    const root = workspace({ 'report/report.md': REPORT_2, 'portfolio/pieces/b.md': '# B [K1]\n', 'portfolio/a.md': '---\nksbs: K1\n---\n# A\n' });
    const json = JSON.parse((await run([root, '-f', 'json'])).stdout);
    expect(json.ksbs.map((k: { code: string }) => k.code)).toEqual(STANDARD_ORDER);
    const k1 = json.ksbs[0];
    expect(k1.evidence).toEqual([
      { path: 'portfolio/a.md', line: 1, section: '', kind: 'portfolio' },
      { path: 'portfolio/pieces/b.md', line: 1, section: 'B', kind: 'portfolio' },
      { path: 'report/report.md', line: 1, section: '1 Introduction', kind: 'report' },
      { path: 'report/report.md', line: 3, section: '1 Introduction', kind: 'report' },
    ]);
    expect(json.ksbs.find((k: { code: string }) => k.code === 'K5').evidence).toEqual([{ path: 'report/report.md', line: 7, section: '2 Typos', kind: 'report' }]);
    expect(json.ksbs.find((k: { code: string }) => k.code === 'B1').evidence).toEqual([{ path: 'report/report.md', line: 13, section: 'Setext heading', kind: 'report' }]);
    expect(json.ksbs.find((k: { code: string }) => k.code === 'K6').covered).toBe(false);
    // [K1, K1, S2], (K1), (K32, K5), <!-- KSB: B1 --> — not [K32] nor [S0]
    expect(json.files.find((f: { path: string }) => f.path === 'report/report.md')).toMatchObject({ sections: 3, tags: 4 });
    expect(json.unknown).toEqual([
      { path: 'report/report.md', line: 5, code: 'K32' },
      { path: 'report/report.md', line: 7, code: 'S0' },
      { path: 'report/report.md', line: 7, code: 'K32' },
    ]);
    expect(json.summary.byCategory).toEqual({ knowledge: { total: 31, covered: 2 }, skills: { total: 34, covered: 1 }, behaviours: { total: 5, covered: 1 } });
    expect(json.summary.total).toBe(70);
    expect(json.summary.covered).toBe(4);
    // the keys the spec names, never renamed
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['standard', 'files', 'ksbs', 'untagged', 'unknown', 'summary']));
    for (const k of json.ksbs) expect(Object.keys(k)).toEqual(expect.arrayContaining(['code', 'category', 'covered', 'evidence']));
  });

  it('paths are relative to the folder scanned, with /, wherever the command runs from', async () => {
    const root = workspace({ 'epa/report/ch1/intro.md': '# I [K1]\n' });
    const a = JSON.parse((await run([path.join(root, 'epa'), '-f', 'json'])).stdout);
    const b = JSON.parse((await run(['epa', '-f', 'json'], root)).stdout);
    expect(a.files.map((f: { path: string }) => f.path)).toEqual(['report/ch1/intro.md']);
    expect(b.files).toEqual(a.files);
  });

  it('several paths: relative to the current folder, each walked', async () => {
    const root = workspace({ 'report/r.md': '# R [K1]\n', 'portfolio/p.md': '# P [S1]\n', 'notes/n.md': '# N [B1]\n' });
    const json = JSON.parse((await run(['report', 'portfolio/p.md', '-f', 'json'], root)).stdout);
    expect(json.files.map((f: { path: string; kind: string }) => [f.path, f.kind])).toEqual([
      ['portfolio/p.md', 'portfolio'],
      ['report/r.md', 'report'],
    ]);
  });
});

describe('formats: escaping of what the apprentice wrote', () => {
  it('markdown escapes pipes and HTML in headings and paths', async () => {
    const root = workspace({ 'report/a|b.md': '# Results <b>draft</b> | v2 [K1]\n' });
    const out = (await run([root, '-f', 'markdown'])).stdout;
    const row = out.split('\n').find((l) => l.startsWith('| K1 |'))!;
    expect(row).toContain('report/a\\|b.md § Results &lt;b&gt;draft&lt;/b&gt; \\| v2');
    expect(row.split(/(?<!\\)\|/).length).toBe(5); // 3 cells: the escaped pipes split nothing
  });

  it('csv: a file name or heading that looks like a formula is never one', async () => {
    const root = workspace({ '=1+2.md': '# A [K1]\n', '@SUM(A1).md': '# B [K2]\n', '-3.md': '# C [K3]\n' });
    const rows = parseCsv((await run([root, '-f', 'csv'])).stdout.slice(1));
    expect(rows[1].at(-1)).toBe("'=1+2.md:1");
    expect(rows[2].at(-1)).toBe("'@SUM(A1).md:1");
    expect(rows[3].at(-1)).toBe("'-3.md:1");
    // as a spreadsheet reads the cells: none starts a formula
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(rows).toHaveLength(80); // a header, 70 KSBs, then 9 duties (tagging v2)
  });
});

/** RFC 4180, as a spreadsheet reads it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    } else cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

describe('--fail-under, --strict and exit codes: more', () => {
  // 7 of 70 KSBs: exactly 10%
  const root = workspace({ 'report.md': `# A [K1, K2, K3, S1, S2, S3, B1]\n\n${prose(10)}\n` });
  it.each([
    ['10', 0],
    ['10%', 0],
    ['10.1', 1],
    ['0', 0],
    ['100', 1],
  ])('--fail-under %s → %i at 10%% coverage', async (pct, code) => {
    expect((await run([root, '--fail-under', pct])).code).toBe(code);
  });
  it.each([['-1'], ['101'], ['ten']])('--fail-under %s is bad usage (2)', async (pct) => {
    const r = await run([root, '--fail-under', pct]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });
  it('--strict passes a clean portfolio and fails on an untagged section alone', async () => {
    expect((await run([root, '--strict'])).code).toBe(0);
    const untagged = workspace({ 'report.md': `# A [K1]\n\n# B\n\n${prose(40)}\n` });
    const r = await run([untagged, '--strict']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/0 unknown code\(s\), 1 untagged section\(s\)/);
    expect(r.stdout).toMatch(/report\.md:3\s+B\s+40 words/);
  });
});

describe('--config and --standard', () => {
  it('--config FILE: its settings apply and its standard path is relative to it', async () => {
    const root = workspace({
      'settings/ksb.yaml': 'standard: ../standards/provider.yaml\nminWords: 5\nportfolio: ["evidence/**"]\n',
      'standards/provider.yaml': 'id: PROV\ntitle: Provider standard\nversion: "2"\nksbs:\n  - { code: K4.1, category: knowledge, text: One. }\n  - { code: K4.2, category: knowledge, text: Two. }\n',
      'evidence/a.md': `# A [K4.1]\n\n# B\n\n${prose(6)}\n`,
      '.ksb-evidence.yaml': 'minWords: 100\n',
    });
    const r = await run([root, '-f', 'json', '--config', path.join(root, 'settings/ksb.yaml')]);
    expect(r.stderr).toBe('');
    const json = JSON.parse(r.stdout);
    expect(json.standard).toEqual({ id: 'PROV', title: 'Provider standard', version: '2' });
    expect(json.files).toEqual([{ path: 'evidence/a.md', kind: 'portfolio', words: expect.any(Number), sections: 2, tags: 1 }]);
    expect(json.untagged).toEqual([{ path: 'evidence/a.md', line: 3, heading: 'B', words: 6, suggestions: [] }]);
    expect(json.summary.total).toBe(2);
  });

  it('--config naming no file is bad usage', async () => {
    const root = workspace({ 'a.md': '# A\n' });
    const r = await run([root, '--config', path.join(root, 'missing.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--config: no such file/);
  });

  it('a malformed --config file: 2, file:line, nothing counted', async () => {
    const root = workspace({ 'cfg.yaml': 'standard: ST1398\nreport: "report/[draft"\n', 'a.md': '# A [K1]\n' });
    const r = await run([root, '--config', path.join(root, 'cfg.yaml'), '-f', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cfg\.yaml:2:\d+: error: `report`: bad glob/);
    expect(r.stdout).toBe('');
  });

  it('--standard FILE with a custom YAML, relative to the current folder; a malformed one is 2 with file:line', async () => {
    const root = workspace({
      'std/good.yaml': 'id: X\ntitle: Custom\nksbs:\n  - { code: K1, category: knowledge, text: A. }\n  - { code: S1, category: skills, text: B. }\n',
      'std/bad.yaml': 'id: X\ntitle: Custom\nksbs:\n  - { code: K1, category: knowledge, text: A. }\n  - { code: K1, category: skills, text: B. }\n',
      'work/a.md': '# A [K1] and [K5]\n',
    });
    const good = JSON.parse((await run(['work', '-f', 'json', '--standard', 'std/good.yaml'], root)).stdout);
    expect(good.summary).toMatchObject({ total: 2, covered: 1 });
    expect(good.unknown).toEqual([{ path: 'a.md', line: 1, code: 'K5' }]);
    const bad = await run(['work', '--standard', 'std/bad.yaml'], root);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.yaml:5:\d+: error: duplicate KSB code K1/);
    expect((await run(['work', '--standard', 'std/none.yaml'], root)).code).toBe(2);
  });

  it('--standard st1398 (any case) is the bundled standard', async () => {
    const root = workspace({ 'a.md': '# A [K1]\n' });
    expect(JSON.parse((await run([root, '-f', 'json', '--standard', 'st1398'])).stdout).standard.id).toBe('ST1398');
  });
});

describe('many files, some not evidence', () => {
  const files: Record<string, string | Buffer> = {};
  for (let i = 0; i < 40; i++) {
    const dir = i % 3 === 0 ? 'report' : 'portfolio';
    files[`${dir}/${String(i).padStart(2, '0')}-piece.md`] = [
      `# ${i} Piece ${i % 4 === 0 ? '' : `[K${(i % 31) + 1}, S${(i % 34) + 1}]`}`,
      '',
      prose(30 + i),
      '',
      `## ${i}.1 More`,
      '',
      i % 5 === 0 ? 'A typo: (K32).' : `KSBs: B${(i % 5) + 1}`,
      '',
      prose(45),
    ].join('\n');
  }
  files['portfolio/binary.md'] = Buffer.from([0x23, 0x20, 0x00, 0x01]);
  files['portfolio/latin1.md'] = Buffer.from('# Caf\xe9 [K1]\n', 'latin1');
  const root = workspace(files);

  it('every file is read; the ones that are not UTF-8 text are warnings, in path order', async () => {
    const r = await run([root, '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.files).toHaveLength(41);
    expect(report.warnings.map((w: { path: string }) => w.path)).toEqual(['portfolio/binary.md', 'portfolio/latin1.md']);
    expect(report.unknown.length).toBeGreaterThan(0);
  });

  it('--threads is no longer an option (files are read in one thread)', async () => {
    const r = await run([root, '--threads', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--threads/);
  });
});

describe('the bundled CLI (dist/cli.js, built by npm test), where yaml is loaded lazily', () => {
  it('prints what the source prints: JSON, table and CSV', async () => {
    const files: Record<string, string | Buffer> = {
      'report/report.md': REPORT,
      'portfolio/01-span.md': `---\nksbs: [K1, "S2"]\nevidence: portfolio\n---\n# Piece\n\nA \`span that\nruns on\` [K3] and <span class="x"\ntitle="y">tag</span> (S4).\n`,
      'portfolio/02-setext.md': `Setext [K5]\n===\n\n> quoted **KSBs:** S5, S6\n\n| KSB: K7 | x |\n|---|---|\n| K8 | y |\n\n<!-- KSB: B1 -->\n`,
      'portfolio/binary.md': Buffer.from([0x23, 0x20, 0x00, 0x01]),
      'portfolio/latin1.md': Buffer.from('# Caf\xe9 [K1]\n', 'latin1'),
    };
    const root = workspace(files);
    const cli = path.resolve(__dirname, '../../dist/cli.js');
    for (const target of [root, path.resolve(__dirname, '../../examples/ml-engineer-portfolio')]) {
      for (const format of ['json', 'table', 'csv']) {
        const bundled = spawnSync(process.execPath, [cli, target, '--format', format], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
        const source = await run([target, '--format', format]);
        expect(bundled.status, bundled.stderr).toBe(0);
        expect(bundled.stdout).toBe(source.stdout);
        expect(bundled.stderr).toBe(source.stderr);
      }
    }
  });

  it('a standard whose aliases explode: file and line, exit 2 (the error path uses yaml.isPair through the stand-in)', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
    const root = workspace({ 'bomb.yaml': bomb.join('\n') + '\nid: X\ntitle: T\nksbs: *i\n', 'report.md': '# 1 Intro [K1]\n' });
    const r = spawnSync(process.execPath, [path.resolve(__dirname, '../../dist/cli.js'), '.', '--standard', 'bomb.yaml'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bomb\.yaml:4:\d+: error: YAML: Excessive alias count/);
    expect(r.stderr).not.toMatch(/is not a function/);
  });
});

describe('dist/cli.js starts the bundle from V8\'s code cache (src/cli/launch.ts)', () => {
  // a copy of the built CLI in a folder of its own, without the cache the build wrote
  const copy = (): string => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ksb-launch-'));
    for (const f of ['cli.js', 'cli-main.js', 'yaml.js']) writeFileSync(path.join(dir, f), readFileSync(path.resolve(__dirname, '../../dist', f)));
    return dir;
  };
  const caches = (dir: string) => readdirSync(dir).filter((f) => /^cli-main\.[0-9a-f]{16}\.cache$/.test(f));
  const example = path.resolve(__dirname, '../../examples/ml-engineer-portfolio');
  const run = (dir: string, ...args: string[]) => spawnSync(process.execPath, [path.join(dir, 'cli.js'), ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  it('the first run writes the cache, named by the bundle\'s hash; later runs read it and print the same', () => {
    const dir = copy();
    const first = run(dir, example, '--format', 'json');
    expect(first.status, first.stderr).toBe(0);
    expect(caches(dir)).toHaveLength(1);
    const [cache] = caches(dir);
    const written = statSync(path.join(dir, cache)).mtimeMs;
    const second = run(dir, example, '--format', 'json');
    expect(second.stdout).toBe(first.stdout);
    // accepted, so not written again
    expect(statSync(path.join(dir, cache)).mtimeMs).toBe(written);
    expect(readdirSync(dir).filter((f) => f.includes('.cache.'))).toEqual([]);
  });

  it('a damaged cache is refused by V8 and written again; the output is the same', () => {
    const dir = copy();
    const good = run(dir, example, '--format', 'table');
    const [cache] = caches(dir);
    writeFileSync(path.join(dir, cache), Buffer.from('not a code cache at all'));
    const again = run(dir, example, '--format', 'table');
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toBe(good.stdout);
    expect(readFileSync(path.join(dir, cache)).length).toBeGreaterThan(1000);
  });

  it.skipIf(process.getuid?.() === 0)('a folder it cannot write to (not as root, who writes anywhere): no cache, the same output, nothing on stderr', () => {
    const dir = copy();
    chmodSync(dir, 0o555);
    try {
      const r = run(dir, example, '--format', 'json');
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
      expect(caches(dir)).toEqual([]);
    } finally {
      chmodSync(dir, 0o755);
    }
  });

});
