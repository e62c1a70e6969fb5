/**
 * dist/cli.js, the `ksb-evidence` command: runs the bundled CLI (dist/cli-main.js) from V8's code
 * cache when there is one. Compiling the bundle (and each function it calls, at first call)
 * is a noticeable part of a small run (bench/README.md); a cached run skips it.
 *
 * The cache sits beside the bundle, named by a hash of the bundle's bytes that the build writes
 * here (V8 itself checks only the source's length, so a rebuilt bundle never meets the cache of
 * an older one). It is written after a run that had none, or whose cache V8 rejected (another
 * Node, other flags), with everything that run compiled; a folder that cannot be written to just
 * means no cache. Nothing else changes: the bundle runs as Node would run it.
 */
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Script } from 'node:vm';

declare const CLI_MAIN_HASH: string;

const main = path.join(__dirname, 'cli-main.js');
const cache = path.join(__dirname, `cli-main.${CLI_MAIN_HASH}.cache`);

let cachedData: Buffer | undefined;
try {
  cachedData = readFileSync(cache);
} catch {
  // no cache yet
}
// Node's own wrapper of a CommonJS module, on a line of its own (lineOffset keeps the bundle's line numbers)
const script = new Script(`(function (exports, require, module, __filename, __dirname) {\n${readFileSync(main, 'utf8')}\n})`, { filename: main, lineOffset: -1, cachedData });
if (cachedData === undefined || script.cachedDataRejected) {
  process.once('beforeExit', () => {
    const written = `${cache}.${process.pid}`;
    try {
      writeFileSync(written, script.createCachedData());
      renameSync(written, cache); // whole or not at all, whatever else runs at once
    } catch {
      try {
        unlinkSync(written);
      } catch {
        // nothing was written
      }
    }
  });
}
(script.runInThisContext() as (...args: unknown[]) => void)(module.exports, require, module, __filename, __dirname);
