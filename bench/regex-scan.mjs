// The floor for any Node process: the same walk, every file read and decoded, one regex for tags.
//   node bench/regex-scan.mjs <folder>   prints {"files":…,"tags":…}
import { readFileSync } from 'node:fs';
import { evidenceFiles, TAG_PATTERN } from './walk.mjs';

const TAG = new RegExp(TAG_PATTERN, 'g');
let files = 0;
let tags = 0;
for (const p of evidenceFiles(process.argv[2])) {
  files++;
  const text = readFileSync(p, 'utf8');
  TAG.lastIndex = 0;
  while (TAG.exec(text) !== null) tags++;
}
process.stdout.write(JSON.stringify({ files, tags }) + '\n');
