// The reader alone over a folder, as the CLI reads: the same walk, readFileSync, the strict UTF-8
// decode and analyze(); results dropped. The CLI's time minus this is what loading the project,
// the coverage and the JSON output cost.
//   node bench/analyze-scan.mjs <core.cjs from bench/core.mjs> <folder>   prints {"files","tags","words"}
//   --passes N  reads every file first, then analyses them all N times in this one process and
//               prints the ms of each pass: the first pass pays the JIT's warm-up, the last does not
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { evidenceFiles } from './walk.mjs';

const { createAnalyzer, bundledStandard } = createRequire(import.meta.url)(process.argv[2]);
const analyzer = createAnalyzer(bundledStandard());
const decoder = new TextDecoder('utf-8', { fatal: true });
/** Tags and words of one file, as the CLI reads it. */
const analyze = (bytes) => {
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
