// In-process figures: the one-document analysis (what the editor runs per keystroke) on 1,000-,
// 10,000- and 50,000-word documents; the extension bundle's size and its activation time.
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { document, prng } from './corpus.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = mkdtempSync(path.join(tmpdir(), 'ksb-bench-'));
const require = createRequire(import.meta.url);

// the core, bundled as the extension bundles it (standards parsed at build time)
await build({
  stdin: { contents: "export { createAnalyzer } from './src/core/analyze'; export { bundledStandard } from './src/core/bundled';", resolveDir: REPO, loader: 'ts' },
  bundle: true, platform: 'node', format: 'cjs', outfile: path.join(out, 'core.cjs'), logLevel: 'error',
  plugins: [{ name: 'yaml', setup: (b) => b.onLoad({ filter: /\.ya?ml$/ }, (a) => ({ contents: JSON.stringify(parse(readFileSync(a.path, 'utf8'))), loader: 'json' })) }],
});
const { createAnalyzer, bundledStandard } = require(path.join(out, 'core.cjs'));
const analyzer = createAnalyzer(bundledStandard());

const rand = prng(42);
const docOfWords = (words) => {
  let text = '---\ntitle: Report\nevidence: report\n---\n\n';
  while (analyzer.analyze(text).words < words) text += document(rand, 'report');
  return text;
};

console.log('\nOne-document analysis (warm; the editor runs it per keystroke, debounced):');
for (const words of [1000, 10000, 50000]) {
  const text = docOfWords(words);
  const n = words >= 50000 ? 200 : 1000;
  for (let i = 0; i < 100; i++) analyzer.analyze(text);
  const times = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    analyzer.analyze(text);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const a = analyzer.analyze(text);
  console.log(
    `  ${String(a.words).padStart(6)} words (${(text.length / 1024).toFixed(0)} KB): median ${times[n >> 1].toFixed(3)} ms, p99 ${times[Math.floor(n * 0.99)].toFixed(3)} ms, max ${times[n - 1].toFixed(3)} ms` +
      (words === 10000 ? `  [target: median < 1 ms: ${times[n >> 1] < 1 ? 'PASS' : 'FAIL'}]` : ''),
  );
}

// the extension: bundle size, and require + activate() against a stand-in vscode API
const bundle = path.join(REPO, 'dist/extension.js');
const size = statSync(bundle).size;
console.log(`\nExtension bundle (dist/extension.js, minified): ${(size / 1024).toFixed(1)} KB  [target < 150 KB: ${size < 150 * 1024 ? 'PASS' : 'FAIL'}]`);
console.log(`  plus dist/yaml.js ${(statSync(path.join(REPO, 'dist/yaml.js')).size / 1024).toFixed(1)} KB, loaded only when a config or custom standard file is read`);

/** A vscode API that accepts every call: enough to time loading and activate(), no more. */
function stub() {
  const fn = function () {
    return proxy;
  };
  const proxy = new Proxy(fn, {
    get: (_t, key) => (key === Symbol.iterator ? function* () {} : key === Symbol.toPrimitive ? () => 0 : key === 'then' || typeof key === 'symbol' ? undefined : key === 'length' ? 0 : proxy),
    apply: () => proxy,
    construct: () => proxy,
    set: () => true,
  });
  return proxy;
}
const Module = require('node:module');
const originalLoad = Module._load;
// the module object: bundlers copy its own keys, so it lists the API names the extension uses
const API = ['window', 'workspace', 'languages', 'commands', 'extensions', 'env', 'EventEmitter', 'Disposable', 'DiagnosticSeverity', 'Diagnostic', 'Range', 'Position', 'Uri', 'RelativePattern',
  'FileSystemError', 'ThemeIcon', 'ThemeColor', 'TreeItem', 'TreeItemCollapsibleState', 'MarkdownString', 'CompletionItem', 'CompletionItemKind', 'CompletionList', 'Hover', 'CodeAction',
  'CodeActionKind', 'WorkspaceEdit', 'StatusBarAlignment', 'ProgressLocation', 'QuickPickItemKind', 'EndOfLine'];
const vscodeModule = Object.fromEntries(API.map((k) => [k, stub()]));
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscodeModule : originalLoad.call(this, request, ...rest);
};
const t0 = performance.now();
const ext = require(bundle);
const t1 = performance.now();
ext.activate({ subscriptions: [] });
const t2 = performance.now();
Module._load = originalLoad;
const activation = t2 - t0;
console.log(`Activation: require ${(t1 - t0).toFixed(1)} ms + activate() ${(t2 - t1).toFixed(1)} ms = ${activation.toFixed(1)} ms  [target < 30 ms: ${activation < 30 ? 'PASS' : 'FAIL'}]`);
console.log('  (activate() reads no files: the workspace is indexed in the background when a feature first needs it)');
writeFileSync(path.join(out, 'done'), '');
