// The integration suite in desktop VS Code, for contributors with the internet:
// @vscode/test-electron downloads VS Code 1.100.3 from Microsoft into .vscode-test/ (CI machines
// cannot, so CI uses test/integration/run.mjs with code-server instead; both run the same
// compiled suite on the same throw-away copy of the example workspace, single-folder then
// multi-root).
//
// Usage: node scripts/test-electron.mjs [--grep PATTERN]   (npm run test:electron)
// On Linux without a display, run it under xvfb-run.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { compileSuite, prepareWorkspace, REPO, SUITE_ENTRY, writeSuiteOptions } from '../test/integration/prepare.mjs';

const grepIndex = process.argv.indexOf('--grep');
const grep = grepIndex > 0 ? process.argv[grepIndex + 1] : undefined;

await compileSuite();
let code = 0;
for (const multiRoot of [false, true]) {
  const { state, target } = prepareWorkspace({ multiRoot, prefix: 'ksb-electron-' });
  const log = path.join(state, 'mocha.log');
  writeFileSync(log, '');
  writeSuiteOptions({ log, grep });
  console.log(`\n=== ${multiRoot ? 'multi-root workspace' : 'one folder'} ===`);
  try {
    await runTests({
      version: '1.100.3',
      extensionDevelopmentPath: REPO,
      extensionTestsPath: SUITE_ENTRY,
      launchArgs: [
        target.path,
        '--disable-extensions', // other installed extensions stay out; the one under development loads
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${path.join(state, 'user-data')}`,
        `--extensions-dir=${path.join(state, 'extensions')}`,
      ],
    });
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    code = 1;
  }
  process.stdout.write(readFileSync(log, 'utf8'));
  rmSync(state, { recursive: true, force: true });
}
process.exit(code);
