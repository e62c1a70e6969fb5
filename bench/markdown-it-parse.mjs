// What a parser-based tool costs: the same walk, every file read and parsed by markdown-it into
// its token stream (no rendering), headings counted.
//   node bench/markdown-it-parse.mjs <folder>   prints {"files":…,"headings":…}
import { readFileSync } from 'node:fs';
import MarkdownIt from 'markdown-it';
import { evidenceFiles } from './walk.mjs';

const md = new MarkdownIt();
let files = 0;
let headings = 0;
for (const p of evidenceFiles(process.argv[2])) {
  files++;
  for (const t of md.parse(readFileSync(p, 'utf8'), {})) if (t.type === 'heading_open') headings++;
}
process.stdout.write(JSON.stringify({ files, headings }) + '\n');
