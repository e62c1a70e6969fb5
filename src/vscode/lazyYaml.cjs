// The stand-in for the `yaml` package in the bundles: the real one (a third of the bundle) is only
// required when a config or custom standard file is read, so activation never pays for it.
// esbuild.mjs points `yaml` here for the desktop extension and the CLI and builds dist/yaml.js beside
// them; the browser build (no require of files there) bundles yaml itself.
let lib;
const load = () => (lib ??= require('./yaml.js'));
exports.parseDocument = (...args) => load().parseDocument(...args);
exports.LineCounter = function LineCounter() {
  return new (load().LineCounter)();
};
exports.isMap = (node) => load().isMap(node);
exports.isScalar = (node) => load().isScalar(node);
exports.isSeq = (node) => load().isSeq(node);
exports.isPair = (node) => load().isPair(node);
