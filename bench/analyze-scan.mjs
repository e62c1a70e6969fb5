// The analyzer alone over a folder: the same walk, readFileSync, the CLI's strict UTF-8 decode and
// createAnalyzer(bundledStandard()).analyze(text) per file, results dropped. The CLI's time
// minus this is what loading the project, the coverage and the JSON output cost.
//   node bench/analyze-scan.mjs <core.cjs from bench/core.mjs> <folder>   prints {"files","tags","words"}
//   ... --passes N   reads every file first, then analyses them all N times in this one process and
//                    prints the ms of each pass: the first pass pays the JIT's warm-up, the last does not
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { evidenceFiles } from './walk.mjs';

const { createAnalyzer, bundledStandard } = createRequire(import.meta.url)(process.argv[2]);
const analyzer = createAnalyzer(bundledStandard());
const decoder = new TextDecoder('utf-8', { fatal: true });
const passes = process.argv.includes('--passes') ? Number(process.argv[process.argv.indexOf('--passes') + 1]) : 0;
if (passes > 0) {
  const texts = evidenceFiles(process.argv[3]).map((p) => decoder.decode(readFileSync(p)));
  const ms = [];
  for (let i = 0; i < passes; i++) {
    const t0 = performance.now();
    for (const text of texts) analyzer.analyze(text);
    ms.push(performance.now() - t0);
  }
  process.stdout.write(JSON.stringify({ files: texts.length, bytes: texts.reduce((a, t) => a + t.length, 0), ms }) + '\n');
} else {
  let files = 0;
  let tags = 0;
  let words = 0;
  for (const p of evidenceFiles(process.argv[3])) {
    files++;
    const a = analyzer.analyze(decoder.decode(readFileSync(p)));
    for (const t of a.tags) if (t.codes.length) tags++;
    words += a.words;
  }
  process.stdout.write(JSON.stringify({ files, tags, words }) + '\n');
}
