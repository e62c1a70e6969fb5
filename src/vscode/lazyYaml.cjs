// The extension's stand-in for the `yaml` package: the real one (a third of the bundle) is only
// required when a config or custom standard file is read, so activation never pays for it.
// esbuild.mjs points `yaml` here for the extension and builds dist/yaml.js beside it.
let lib;
const load = () => (lib ??= require('./yaml.js'));
exports.parseDocument = (...args) => load().parseDocument(...args);
exports.LineCounter = function LineCounter() {
  return new (load().LineCounter)();
};
exports.isMap = (node) => load().isMap(node);
exports.isScalar = (node) => load().isScalar(node);
exports.isSeq = (node) => load().isSeq(node);
