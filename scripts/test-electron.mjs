// The integration suite in desktop VS Code, for contributors with the internet:
// @vscode/test-electron downloads VS Code 1.100.x from Microsoft (CI machines cannot, so CI uses
// test/integration/run.mjs with code-server instead; both run the same compiled suite).
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { runTests } from '@vscode/test-electron';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(REPO);
await import(path.join(REPO, 'esbuild.mjs'));
const suiteDir = path.join(REPO, 'test/integration/suite');
const outDir = path.join(REPO, 'out/test/suite');
await build({
  entryPoints: readdirSync(suiteDir).filter((f) => f.endsWith('.ts') && f !== 'helpers.ts').map((f) => path.join(suiteDir, f)),
  outdir: outDir, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode', 'mocha'], logLevel: 'warning',
});
const state = mkdtempSync(path.join(tmpdir(), 'ksb-electron-'));
const workspace = path.join(state, 'workspace');
cpSync(path.join(REPO, 'examples/ml-engineer-portfolio'), workspace, { recursive: true });
const log = path.join(state, 'mocha.log');
writeFileSync(log, '');
writeFileSync(path.join(outDir, 'options.json'), JSON.stringify({ log }));
let code = 0;
try {
  await runTests({
    version: '1.100.3',
    extensionDevelopmentPath: REPO,
    extensionTestsPath: path.join(outDir, 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (e) {
  console.error(e);
  code = 1;
}
process.stdout.write(readFileSync(log, 'utf8'));
process.exit(code);
