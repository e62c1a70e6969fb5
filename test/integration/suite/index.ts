// Runs inside the real extension host: VS Code loads this file as extensionTestsPath and waits
// on run(). The extension host's console is not the runner's, so a small reporter writes the
// results to a log file that the runner prints (its path, and an optional grep, come in
// options.json beside this file: code-server does not pass its environment to the host).
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

interface Options {
  log: string;
  grep?: string;
}

function fileReporter(log: string) {
  const out = (line: string) => appendFileSync(log, line + '\n');
  return class FileReporter {
    constructor(runner: Mocha.Runner) {
      let passed = 0;
      const failed: string[] = [];
      runner.on('suite', (s: Mocha.Suite) => s.title && out(`\n${s.title}`));
      runner.on('pass', (t: Mocha.Test) => {
        passed++;
        out(`  ✓ ${t.title} (${t.duration ?? 0} ms)`);
      });
      runner.on('fail', (t: Mocha.Test, err: Error) => {
        failed.push(t.fullTitle());
        out(`  ✗ ${t.title}\n      ${String(err.stack ?? err).split('\n').slice(0, 6).join('\n      ')}`);
      });
      runner.on('pending', (t: Mocha.Test) => out(`  - ${t.title} (skipped)`));
      runner.on('end', () => out(`\n${passed} passing, ${failed.length} failing${failed.length ? `:\n  ${failed.join('\n  ')}` : ''}`));
    }
  };
}

export function run(): Promise<void> {
  const options = JSON.parse(readFileSync(path.join(__dirname, 'options.json'), 'utf8')) as Options;
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: fileReporter(options.log) as unknown as Mocha.ReporterConstructor });
  if (options.grep) mocha.grep(options.grep);
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(__dirname, file));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
