// Shared by the code-server runner (run.mjs) and the desktop runner (scripts/test-electron.mjs):
// compile the suite, and make a throw-away copy of the workspace the tests open.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SUITE_OUT = path.join(REPO, 'out/test/suite');
/** The entry VS Code loads as extensionTestsPath. */
export const SUITE_ENTRY = path.join(SUITE_OUT, 'index.js');

/** Builds the extension (dist/, as `npm run build`) and compiles the suite into out/test/suite. */
export async function compileSuite({ buildExtension = true } = {}) {
  if (buildExtension) {
    const cwd = process.cwd();
    process.chdir(REPO); // esbuild.mjs uses paths relative to the repository
    try {
      await import(pathToFileURL(path.join(REPO, 'esbuild.mjs')).href); // builds as it loads
    } finally {
      process.chdir(cwd);
    }
  }
  const suiteDir = path.join(REPO, 'test/integration/suite');
  rmSync(SUITE_OUT, { recursive: true, force: true });
  // One bundle per test file (helpers are bundled into each); vscode and mocha stay external:
  // the extension host provides vscode, and mocha resolves from the repository's node_modules.
  await build({
    entryPoints: readdirSync(suiteDir).filter((f) => f.endsWith('.ts') && f !== 'helpers.ts').map((f) => path.join(suiteDir, f)),
    outdir: SUITE_OUT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}

/** Options the suite's index.js reads (the extension host does not get the runner's environment). */
export function writeSuiteOptions(options) {
  writeFileSync(path.join(SUITE_OUT, 'options.json'), JSON.stringify(options));
}

/**
 * A throw-away state folder holding a copy of examples/ml-engineer-portfolio (or, if that is
 * missing, test/integration/fixtures/minimal-workspace). With multiRoot, a second folder (a
 * custom standard) joins it in a .code-workspace. Returns the paths, and `target`: what to open.
 */
export function prepareWorkspace({ multiRoot = false, untrusted = false, prefix = 'ksb-it-' } = {}) {
  const state = mkdtempSync(path.join(tmpdir(), prefix));
  const root = path.join(state, 'workspace');
  const example = path.join(REPO, 'examples/ml-engineer-portfolio');
  const source = existsSync(example) ? example : path.join(REPO, 'test/integration/fixtures/minimal-workspace');
  const folder = path.join(root, path.basename(source));
  cpSync(source, folder, { recursive: true });
  let target = { kind: 'folder', path: folder };
  if (untrusted) {
    // the untrusted pass: the config names a valid standard outside the folder, which must not be read
    const outside = path.join(state, 'provider-standards', 'custom.yaml');
    mkdirSync(path.dirname(outside), { recursive: true });
    cpSync(path.join(REPO, 'test/fixtures/custom-standard-workspace/standards/custom.yaml'), outside);
    const config = path.join(folder, '.ksb-evidence.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace(/^standard: .*$/m, `standard: ${outside.split(path.sep).join('/')}`));
  }
  if (multiRoot) {
    const second = path.join(root, 'custom-standard');
    cpSync(path.join(REPO, 'test/fixtures/custom-standard-workspace'), second, { recursive: true });
    const file = path.join(state, 'evidence.code-workspace');
    writeFileSync(file, JSON.stringify({ folders: [{ path: folder }, { path: second }] }));
    target = { kind: 'workspace', path: file };
  }
  return { state, root, folder, target };
}
