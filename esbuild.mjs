// Bundles the CLI and the extension. Standard YAML files imported from src/ are parsed here,
// at bundle time, so neither the CLI nor the extension parses YAML to load a bundled standard.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { parse } from 'yaml';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** `import st1398 from '../../standards/st1398.yaml'` becomes the parsed object as JSON. */
const yamlAsJson = {
  name: 'yaml-as-json',
  setup(build) {
    build.onLoad({ filter: /\.ya?ml$/ }, async (args) => ({
      contents: JSON.stringify(parse(await readFile(args.path, 'utf8'))),
      loader: 'json',
    }));
  },
};

/** The extension requires `yaml` lazily through src/vscode/lazyYaml.cjs (see there). */
const lazyYaml = {
  name: 'lazy-yaml',
  setup(build) {
    build.onResolve({ filter: /^yaml$/ }, (args) =>
      args.importer.endsWith('lazyYaml.cjs') ? undefined : { path: new URL('./src/vscode/lazyYaml.cjs', import.meta.url).pathname },
    );
    build.onResolve({ filter: /^\.\/yaml\.js$/ }, () => ({ path: './yaml.js', external: true }));
  },
};

/**
 * The desktop extension loads what a first analysis needs, not activation, from files beside its
 * bundle: a bundled standard's data (dist/standards/*.json, read when a project is first loaded)
 * and picomatch (src/vscode/lazyPicomatch.cjs), as it does yaml. Activation compiles less.
 */
const lazyData = {
  name: 'lazy-data',
  setup(build) {
    build.onLoad({ filter: /\.ya?ml$/ }, async (args) => {
      const name = args.path.split('/').pop().replace(/\.ya?ml$/, '.json');
      await mkdir('dist/standards', { recursive: true });
      await writeFile(`dist/standards/${name}`, JSON.stringify(parse(await readFile(args.path, 'utf8'))));
      // a getter, so the file is read where the data is first used, not when the bundle loads
      return { contents: `let data; module.exports = { __esModule: true, get default() { return (data ??= require('./standards/${name}')); } };`, loader: 'js' };
    });
    build.onResolve({ filter: /^\.\/standards\/.*\.json$/ }, (args) => ({ path: args.path, external: true }));
    build.onResolve({ filter: /^picomatch$/ }, (args) =>
      args.importer.endsWith('lazyPicomatch.cjs') ? undefined : { path: new URL('./src/vscode/lazyPicomatch.cjs', import.meta.url).pathname },
    );
    build.onResolve({ filter: /^\.\/picomatch\.js$/ }, () => ({ path: './picomatch.js', external: true }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  legalComments: 'none',
  plugins: [yamlAsJson],
  logLevel: 'warning',
};

const builds = [
  // The CLI is minified (keeping its names, for stack traces and profiles) and loads yaml only
  // when a config or standard file is read, as the extension does, so a run starts sooner.
  // dist/cli.js (src/cli/launch.ts, built after it: see cliLauncher) runs it from V8's code cache.
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli-main.js', minifyWhitespace: true, minifySyntax: true, plugins: [yamlAsJson, lazyYaml] },
  { ...common, entryPoints: ['src/vscode/extension.node.ts'], outfile: 'dist/extension.js', external: ['vscode'], minify: true, plugins: [lazyData, lazyYaml] },
  // the web worker extension host (vscode.dev, github.dev): no Node, so no node:fs (the entry
  // gives none) and no require of dist/yaml.js: yaml is bundled in
  { ...common, entryPoints: ['src/vscode/extension.browser.ts'], outfile: 'dist/web/extension.js', platform: 'browser', target: 'es2022', mainFields: ['browser', 'module', 'main'], external: ['vscode'], minify: true },
  { ...common, stdin: { contents: "module.exports = require('yaml');", resolveDir: '.' }, outfile: 'dist/yaml.js', minify: true },
  { ...common, stdin: { contents: "module.exports = require('picomatch');", resolveDir: '.' }, outfile: 'dist/picomatch.js', minify: true },
];

/**
 * dist/cli.js, once dist/cli-main.js is built: the launcher, told the bundle's hash (its code
 * cache's name). Old caches go; one run over the example workspace writes the new one, so the
 * first real run is as quick as the rest.
 */
async function cliLauncher({ warm }) {
  const hash = createHash('sha256').update(await readFile('dist/cli-main.js')).digest('hex').slice(0, 16);
  await esbuild.build({ ...common, entryPoints: ['src/cli/launch.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, sourcemap: false, minify: true, define: { CLI_MAIN_HASH: JSON.stringify(hash) } });
  for (const f of await readdir('dist')) if (/^cli-main\.[0-9a-f]+\.cache/.test(f) && !f.startsWith(`cli-main.${hash}.cache`)) await rm(`dist/${f}`, { force: true });
  if (warm) spawnSync(process.execPath, ['dist/cli.js', 'examples/ml-engineer-portfolio', '--format', 'json'], { stdio: 'ignore' });
}

/** syntaxes/ksb-tags.injection.tmLanguage.json, made from the reader's grammar (src/core/reader/textmate.ts). */
async function textMateGrammar() {
  const out = await esbuild.build({ ...common, entryPoints: ['src/core/reader/textmate.ts'], write: false, sourcemap: false, minify: false, outfile: 'grammar.cjs' });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(module, module.exports, createRequire(import.meta.url));
  await writeFile('syntaxes/ksb-tags.injection.tmLanguage.json', JSON.stringify(module.exports.injectionGrammar(), null, 2) + '\n');
}
await textMateGrammar();

if (watch) {
  for (const options of builds) await (await esbuild.context({ ...options, plugins: [...options.plugins, ...(options.outfile === 'dist/cli-main.js' ? [{ name: 'cli-launcher', setup: (b) => b.onEnd(() => cliLauncher({ warm: false })) }] : [])] })).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  await cliLauncher({ warm: true });
}
