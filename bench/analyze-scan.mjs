// The reader alone over a folder, as the CLI reads: the same walk, readFileSync, then the byte
// reader (createBytesAnalyzer(...).coverageInto, what the CLI calls, into a sink that only counts) or, for what it
// leaves, the strict UTF-8 decode and the JS reader; results dropped. The CLI's time minus this is what loading the project, the
// coverage and the JSON output cost.
//   node bench/analyze-scan.mjs <core.cjs from bench/core.mjs> <folder> [--js]   prints {"files","tags","words"}
//   --js        the JS reader for every file (KSB_EVIDENCE_JS_READER=1 in the CLI)
//   --passes N  reads every file first, then analyses them all N times in this one process and
//               prints the ms of each pass: the first pass pays the JIT's warm-up, the last does not
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evidenceFiles } from './walk.mjs';

const { createAnalyzer, createBytesAnalyzer, bundledStandard } = createRequire(import.meta.url)(process.argv[2]);
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const js = process.argv.includes('--js');
const analyzer = js ? createAnalyzer(bundledStandard()) : createBytesAnalyzer(new WebAssembly.Module(readFileSync(path.join(REPO, 'src/core/wasm/reader.wasm'))), bundledStandard());
const decoder = new TextDecoder('utf-8', { fatal: true });
/** Counts what the reader hands over: the tags that name KSBs and the words, file by file. */
const counted = { tags: 0, words: 0, beginFile() {}, sectionNumber: () => 0, placeIn() {}, untaggedSection() {}, unknownCode() {}, endFile(words, _headings, tags) { this.words += words; this.tags += tags; } };
const OTHER = { kind: () => 'other' };
/** Tags and words of one file, as the CLI reads it. */
const analyze = (bytes) => {
  const before = { tags: counted.tags, words: counted.words };
  if (analyzer.coverageInto?.(bytes, 'file.md', OTHER, counted)) return { tags: counted.tags - before.tags, words: counted.words - before.words };
  const a = analyzer.analyze(decoder.decode(bytes));
  return { tags: a.tags.filter((t) => t.codes.length).length, words: a.words };
};
const passes = process.argv.includes('--passes') ? Number(process.argv[process.argv.indexOf('--passes') + 1]) : 0;
if (passes > 0) {
  const files = evidenceFiles(process.argv[3]).map((p) => readFileSync(p));
  const ms = [];
  for (let i = 0; i < passes; i++) {
    const t0 = performance.now();
    for (const bytes of files) analyze(bytes);
    ms.push(performance.now() - t0);
  }
  process.stdout.write(JSON.stringify({ files: files.length, bytes: files.reduce((a, b) => a + b.length, 0), ms }) + '\n');
} else {
  let files = 0;
  let tags = 0;
  let words = 0;
  for (const p of evidenceFiles(process.argv[3])) {
    files++;
    const a = analyze(readFileSync(p));
    tags += a.tags;
    words += a.words;
  }
  process.stdout.write(JSON.stringify({ files, tags, words }) + '\n');
}
