// Loads the extension bundle in a fresh process against a stand-in `vscode` module and calls
// activate() with a fake context. Prints {"requireMs", "activateMs", "error"?} as JSON.
//   node bench/activate.cjs <folder holding extension.js and yaml.js>
const Module = require('node:module');
const path = require('node:path');

/** A vscode API object that accepts every call and property: enough for loading and activate(). */
function stub() {
  const fn = function () {};
  const proxy = new Proxy(fn, {
    get: (_t, key) =>
      key === Symbol.iterator ? function* () {}
      : key === Symbol.toPrimitive ? () => 0
      : key === 'then' || typeof key === 'symbol' ? undefined
      : key === 'length' ? 0
      : proxy,
    apply: () => proxy,
    construct: () => proxy,
    set: () => true,
    has: () => true,
  });
  return proxy;
}
// the module object: bundlers copy its own keys, so it lists the API names an extension uses
const API = ['window', 'workspace', 'languages', 'commands', 'extensions', 'env', 'l10n', 'tasks', 'debug', 'EventEmitter', 'Disposable', 'DiagnosticSeverity', 'Diagnostic', 'DiagnosticTag',
  'Range', 'Position', 'Selection', 'Location', 'Uri', 'RelativePattern', 'FileSystemError', 'FileType', 'ThemeIcon', 'ThemeColor', 'TreeItem', 'TreeItemCollapsibleState', 'MarkdownString',
  'CompletionItem', 'CompletionItemKind', 'CompletionList', 'CompletionTriggerKind', 'SnippetString', 'Hover', 'CodeAction', 'CodeActionKind', 'WorkspaceEdit', 'TextEdit', 'StatusBarAlignment',
  'ProgressLocation', 'QuickPickItemKind', 'EndOfLine', 'ConfigurationTarget', 'CancellationTokenSource', 'ViewColumn', 'DocumentSymbol', 'SymbolKind'];
const vscode = Object.fromEntries(API.map((k) => [k, stub()]));
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};
const result = {};
const t0 = performance.now();
const ext = require(path.resolve(process.argv[2], 'extension.js'));
const t1 = performance.now();
result.requireMs = t1 - t0;
try {
  ext.activate({ subscriptions: [], extensionUri: stub(), extensionPath: process.argv[2], globalState: stub(), workspaceState: stub(), asAbsolutePath: (p) => p });
  result.activateMs = performance.now() - t1;
} catch (e) {
  result.error = String(e && e.message ? e.message : e);
}
process.stdout.write(JSON.stringify(result) + '\n');
process.exit(0); // background work the stub set off is not part of activation
