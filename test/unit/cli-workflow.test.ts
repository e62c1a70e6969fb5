// The ready GitHub Actions workflow in examples/github-actions: it runs on every push and pull
// request, and its steps' commands, run here in bash as the runner runs them (with the bundled CLI
// for `npx ksb-evidence`), write the summary, annotate, and fail under the coverage.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { version } from '../../package.json';
import { CLI, tempFolders } from './cliHarness';

const workspace = tempFolders();
const WORKFLOW = path.resolve(__dirname, '../../examples/github-actions/ksb-evidence.yml');
const EXAMPLE = path.resolve(__dirname, '../../examples/ml-engineer-portfolio');

interface Workflow {
  on: Record<string, unknown>;
  env: Record<string, string | number>;
  jobs: Record<string, { steps: { name?: string; run?: string; uses?: string }[] }>;
}
const workflow = parse(readFileSync(WORKFLOW, 'utf8')) as Workflow;
const steps = workflow.jobs['ksb-evidence'].steps;
const runStep = (flag: string) => steps.find((s) => s.run?.includes(flag))!.run!;

/** A step's command in bash, as the runner runs it, with the workflow's env and the bundled CLI. */
function runLikeActions(command: string, env: Record<string, string>) {
  const summary = path.join(workspace({ 'summary.md': '' }), 'summary.md');
  const r = spawnSync('bash', ['-e', '-c', command], {
    encoding: 'utf8',
    cwd: EXAMPLE,
    // KSB_EVIDENCE is split into words by the shell, as the workflow's `npx --yes ksb-evidence@…` is
    env: { ...process.env, ...Object.fromEntries(Object.entries(workflow.env).map(([k, v]) => [k, String(v)])), KSB_EVIDENCE: `${process.execPath} ${CLI}`, GITHUB_STEP_SUMMARY: summary, ...env },
  });
  return { ...r, summary: readFileSync(summary, 'utf8') };
}

describe('examples/github-actions/ksb-evidence.yml', () => {
  it('runs on every push and pull request, with read-only permissions', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect(steps.map((s) => s.uses).filter(Boolean)).toEqual(['actions/checkout@v4', 'actions/setup-node@v4']);
    expect(workflow.env).toMatchObject({ MIN_COVERAGE: 80, EVIDENCE_FOLDER: '.' });
  });

  it('pins the version of the CLI this repository builds', () => {
    expect(workflow.env.KSB_EVIDENCE).toBe(`npx --yes ksb-evidence@${version}`);
  });

  describe.skipIf(!existsSync(CLI))('its commands, with dist/cli.js', () => {
    it('the summary step writes the KSB mapping table to the run summary', () => {
      const r = runLikeActions(runStep('--format markdown'), {});
      expect(r.status).toBe(0);
      expect(r.summary).toMatch(/^## KSB mapping: ST1398 Machine learning engineer\n\n64 of 70 KSBs evidenced \(91\.4%\)\./);
    });

    it('the check step annotates each finding and passes at 80%', () => {
      const r = runLikeActions(runStep('--format github'), {});
      expect(r.status).toBe(0);
      expect(r.stdout.split('\n').filter((l) => l.startsWith('::'))).toEqual([
        expect.stringMatching(/^::warning file=report\/report\.md,line=\d+,title=Untagged section::Section "5\.4 Lessons from the pilot"/),
        expect.stringMatching(/^::error file=portfolio\/02-model-monitoring-runbook\.md,line=\d+,title=Unknown code K32::K32 is not a KSB/),
      ]);
      expect(r.stderr).toBe('');
    });

    it('and fails (exit code 1) under the coverage set', () => {
      const r = runLikeActions(runStep('--format github'), { MIN_COVERAGE: '95' });
      expect(r.status).toBe(1);
      expect(r.stderr).toBe('ksb-evidence: coverage 91.4% is under --fail-under 95%\n');
    });
  });
});
