// The stand-in for `picomatch` in the desktop extension's bundle, as lazyYaml.cjs is for `yaml`:
// the real one is required from dist/picomatch.js when a project's globs are first read, so
// activation does not compile it. The CLI and the browser build bundle picomatch itself.
let lib;
const load = () => (lib ??= require('./picomatch.js'));
module.exports = (...args) => load()(...args);
module.exports.makeRe = (...args) => load().makeRe(...args);
