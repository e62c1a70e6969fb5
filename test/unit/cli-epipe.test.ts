// The CLI ends quietly when the reader of its output stops early (`ksb-evidence … | head -1`):
// exit code 0 and nothing on stderr, in every format and for a cohort. Each run is the bundled CLI
// in a child process whose stdout is a real pipe that this test closes after the first chunk; the
// outputs are far larger than a pipe's buffer, so the CLI is still writing when the pipe closes.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLI, tempFolders } from './cliHarness';
import { prose } from './helpers';

const workspace = tempFolders();

/** A portfolio whose every output is large: each piece tags every KSB and holds untagged sections and an unknown code. */
function largePortfolio(): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < 500; i++)
    files[`portfolio/piece-${String(i).padStart(3, '0')}-an-account-of-the-drift-monitoring-work.md`] = [
      `# Piece ${i} [K1-K31, S1-S34, B1-B5]`,
      ...[1, 2, 3, 4].flatMap((n) => ['', `## Notes ${n}`, '', prose(45, i + n)]),
      '',
      '## Typo [K5, K32]',
      '',
      prose(10),
    ].join('\n');
  return workspace(files);
}

/** Many apprentices whose rows are long: each tags 100 codes the standard does not have. */
function largeCohort(): string {
  const unknown = Array.from({ length: 100 }, (_, i) => `K${40 + i}`).join(', ');
  const files: Record<string, string> = {};
  for (let i = 0; i < 300; i++) files[`apprentice-${String(i).padStart(3, '0')}/report.md`] = [`# Aims [K${(i % 31) + 1}, ${unknown}]`, '', prose(50, i), '', '## Results', '', prose(45, i)].join('\n');
  return workspace(files);
}

/** Runs the CLI with stdout on a pipe that is closed after the first chunk; resolves with how it ended. */
function readFirstChunk(args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; first: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    let first = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.stdout.once('data', (chunk: Buffer) => {
      first = chunk.toString('utf8');
      child.stdout.destroy(); // the reader stops, as head does after its lines
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr, first }));
  });
}

describe.skipIf(!existsSync(CLI))('a reader that closes the pipe early (dist/cli.js)', () => {
  const portfolio = largePortfolio();
  const cohort = largeCohort();
  const cases: [string, string[]][] = [
    ...['table', 'json', 'markdown', 'csv', 'github', 'sarif'].map((f): [string, string[]] => [f, [portfolio, '--format', f]]),
    ...['table', 'json', 'markdown', 'csv'].map((f): [string, string[]] => [`cohort ${f}`, ['--cohort', cohort, '--format', f]]),
  ];

  it.each(cases)('%s: exit code 0, nothing on stderr', async (_name, args) => {
    const whole = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
    expect(whole.stdout.length).toBeGreaterThan(200 * 1024); // past a pipe's buffer (64 KB) three times
    const { code, signal, stderr, first } = await readFirstChunk(args);
    expect({ code, signal, stderr }).toEqual({ code: 0, signal: null, stderr: '' });
    expect(whole.stdout.startsWith(first)).toBe(true);
  });

  it('`ksb-evidence … | head -1` in a shell: the exit status of the CLI is 0 and stderr is empty', () => {
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${CLI}" "${portfolio}" --format github 2>"$ERR" | head -1`], { encoding: 'utf8', env: { ...process.env, ERR: `${portfolio}/stderr.txt` } });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^::warning file=.*\n$/);
    expect(spawnSync('cat', [`${portfolio}/stderr.txt`], { encoding: 'utf8' }).stdout).toBe('');
  });

  it('a failure to write that is not a closed pipe is still told (stdout on a full device)', () => {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" "${portfolio}" --format json > /dev/full`], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^ksb-evidence: cannot write the output: .*ENOSPC/);
  });
});
