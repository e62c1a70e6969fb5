import { statSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { version } from '../../package.json';
import { formatProblem } from '../core/problems';
import { COLOUR, formatCsv, formatMarkdown, formatTable, OUTPUT_FORMATS, PLAIN, writeJson, type OutputFormat } from '../core/format';
import { CoverageAccumulator } from '../core/coverage';
import { coverageOptions, loadProject } from '../core/project';
import { formatGithub } from '../core/formats/github';
import { formatSarif } from '../core/formats/sarif';
import { COHORT_FORMATS, CohortError, runCohort, type CohortFormat } from './cohort';
import { NodeWorkspace } from './nodeWorkspace';
import { readFiles } from './readFiles';

const HELP = `ksb-evidence: KSB coverage of apprenticeship evidence written in Markdown

Usage: ksb-evidence [paths...] [options]

  paths                  folders or files to read (default: the current folder). With one
                         folder, paths in the output are relative to it and its
                         .ksb-evidence.yaml is used.

Options:
  -f, --format FORMAT    table (default), json, markdown (a KSB mapping table), csv,
                         github (annotations in GitHub Actions) or sarif (SARIF 2.1.0)
      --cohort DIR       a provider's report: each sub-folder of DIR is one apprentice's
                         workspace (with its own .ksb-evidence.yaml); one row each, as
                         table, json, markdown or csv
  -s, --standard STD     a bundled standard id (ST1398) or a standard YAML file
  -c, --config FILE      a config file instead of <folder>/.ksb-evidence.yaml
      --fail-under PCT   exit 1 when fewer than PCT percent of the KSBs are evidenced
                         (with --cohort: for any apprentice)
      --strict           exit 1 when there are unknown codes or untagged sections
  -h, --help             show this help
  -v, --version          show the version

Exit codes: 0 done (also when the reader of the output stops early, as head does);
            1 --fail-under not met, or --strict found problems;
            2 bad usage, or a config or standard file with errors (with --cohort:
            in any apprentice's folder; the others are still reported).
`;

class UsageError extends Error {}

export interface CliIo {
  /** Strings and UTF-8 bytes (the JSON report). */
  stdout: { write(s: string | Uint8Array): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown };
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export async function main(argv: string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env }): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f' },
        standard: { type: 'string', short: 's' },
        config: { type: 'string', short: 'c' },
        cohort: { type: 'string' },
        'fail-under': { type: 'string' },
        strict: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
      },
    });
  } catch (e) {
    io.stderr.write(`ksb-evidence: ${(e as Error).message}\nTry ksb-evidence --help\n`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (values.version) {
    io.stdout.write(`${version}\n`);
    return 0;
  }
  try {
    const format = (values.format ?? 'table') as OutputFormat;
    if (!OUTPUT_FORMATS.includes(format)) throw new UsageError(`unknown format "${values.format}": use ${OUTPUT_FORMATS.join(', ')}`);
    let failUnder: number | undefined;
    if (values['fail-under'] !== undefined) {
      failUnder = Number(values['fail-under'].replace(/%$/, ''));
      if (!Number.isFinite(failUnder) || failUnder < 0 || failUnder > 100) throw new UsageError(`--fail-under takes a percentage from 0 to 100, not "${values['fail-under']}"`);
    }

    const standardOption = values.standard === undefined ? undefined : /\.ya?ml$/i.test(values.standard) ? path.resolve(io.cwd, values.standard) : values.standard;
    if (standardOption && path.isAbsolute(standardOption)) statOrUsage(standardOption, '--standard');
    if (values.cohort !== undefined) {
      if (!(COHORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--cohort prints ${COHORT_FORMATS.join(', ')}, not ${format}`);
      if (positionals.length || values.config !== undefined) throw new UsageError('--cohort DIR reads every sub-folder of DIR with its own config: give no other paths and no --config');
      const run = { format: format as CohortFormat, load: standardOption !== undefined ? { standard: standardOption } : {}, failUnder, strict: values.strict };
      return await runCohort(path.resolve(io.cwd, values.cohort), values.cohort, run, (s) => write(io.stdout, s), (s) => io.stderr.write(s));
    }

    // One folder: it is the root. Otherwise the current folder is, and the paths narrow the walk.
    const targets = positionals.length ? positionals : ['.'];
    for (const t of targets) {
      try {
        statSync(path.resolve(io.cwd, t));
      } catch {
        throw new UsageError(`no such file or folder: ${t}`);
      }
    }
    const single = targets.length === 1 && statSync(path.resolve(io.cwd, targets[0])).isDirectory();
    const root = single ? path.resolve(io.cwd, targets[0]) : io.cwd;
    const workspace = new NodeWorkspace(root, single ? [''] : targets.map((t) => path.relative(root, path.resolve(io.cwd, t))));
    const rel = (p: string) => path.relative(root, path.resolve(io.cwd, p)).split(path.sep).join('/');
    if (values.config !== undefined) statOrUsage(path.resolve(io.cwd, values.config), '--config');

    const load = {
      ...(values.config !== undefined ? { configPath: rel(values.config) } : {}),
      ...(standardOption !== undefined ? { standard: standardOption } : {}),
    };
    const project = await loadProject(workspace, load);
    for (const p of project.problems) io.stderr.write(`ksb-evidence: ${formatProblem(p)}\n`);
    if (project.problems.some((p) => p.severity === 'error')) {
      io.stderr.write('ksb-evidence: fix the file above; nothing was counted\n');
      return 2;
    }
    const paths = await workspace.listEvidenceFiles(project.classifier);
    const warnings = [...workspace.skipped];
    // suggestions are ranked only for the outputs that show them (CI's annotations do not)
    const acc = new CoverageAccumulator(project.standard, { ...coverageOptions(project, { suggestions: format === 'json' || format === 'table' }), warnings });
    warnings.push(...readFiles(root, project, paths, acc));
    const report = acc.view();

    const useColour = values.color || (!values['no-color'] && !io.env.NO_COLOR && io.stdout.isTTY === true) || (!!io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0');
    if (format === 'json') await writeJson(report, (chunk) => write(io.stdout, chunk));
    else
      io.stdout.write(
        format === 'github' ? formatGithub(report, project.standard, toPosix(path.relative(io.cwd, root)))
        : format === 'sarif' ? formatSarif(report, project.standard, { version, prefix: toPosix(path.relative(io.cwd, root)) })
        : format === 'markdown' ? formatMarkdown(report, project.standard)
        : format === 'csv' ? formatCsv(report, project.standard)
        : formatTable(report, project.standard, useColour && !values['no-color'] ? COLOUR : PLAIN),
      );

    const pct = report.summary.total ? (report.summary.covered / report.summary.total) * 100 : 100;
    let code = 0;
    if (failUnder !== undefined && pct < failUnder) {
      io.stderr.write(`ksb-evidence: coverage ${Math.round(pct * 10) / 10}% is under --fail-under ${failUnder}%\n`);
      code = 1;
    }
    if (values.strict && (report.unknown.length > 0 || report.untagged.length > 0)) {
      io.stderr.write(`ksb-evidence: --strict: ${report.unknown.length} unknown code(s), ${report.untagged.length} untagged section(s)\n`);
      code = 1;
    }
    return code;
  } catch (e) {
    if (e instanceof CohortError) {
      io.stderr.write(`ksb-evidence: ${e.message}\n`);
      return 2;
    }
    if (e instanceof UsageError) {
      io.stderr.write(`ksb-evidence: ${e.message}\nTry ksb-evidence --help\n`);
      return 2;
    }
    io.stderr.write(`ksb-evidence: ${(e as Error).message}\n`);
    return 2;
  }
}

/** Writes with back-pressure: waits for 'drain' when the stream's buffer is full. */
function write(stream: CliIo['stdout'], chunk: string): Promise<void> | void {
  const s = stream as { write(c: string): unknown; once?(event: 'drain', f: () => void): unknown };
  if (s.write(chunk) === false && s.once) return new Promise((resolve) => s.once!('drain', resolve));
}

const toPosix = (p: string) => p.split(path.sep).join('/');

/**
 * A reader that stops early (`ksb-evidence … | head`) closes the pipe: the run ends there, quietly
 * and with success, as other command-line tools do. Any other failure to write is told briefly.
 */
export function endQuietlyWhenPipeCloses(stream: NodeJS.EventEmitter, exit: (code: number) => void = (code) => process.exit(code)): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') return exit(0);
    if (stream !== process.stderr) process.stderr.write(`ksb-evidence: cannot write the output: ${e.message}\n`);
    exit(2);
  });
}

function statOrUsage(file: string, option: string): void {
  try {
    statSync(file);
  } catch {
    throw new UsageError(`${option}: no such file: ${file}`);
  }
}

if (require.main === module) {
  endQuietlyWhenPipeCloses(process.stdout);
  endQuietlyWhenPipeCloses(process.stderr);
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`ksb-evidence: ${(e as Error).stack ?? e}\n`);
      process.exitCode = 2;
    },
  );
}
