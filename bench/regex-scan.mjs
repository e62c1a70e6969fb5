// The floor for any Node process: walk the same files, read each, run one regex for tags.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const TAG = /[[(](?:KSBs?:?\s*)?[KSB]\d+(?:[\s,;/&–-]+[KSB]?\d+)*[\])]|KSBs?:\*{0,2}\s*[KSB]\d+|<!-- KSB: [^>]*-->/g;
let files = 0;
let tags = 0;
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== '.git') walk(p);
    } else if (e.name.endsWith('.md')) {
      files++;
      tags += (readFileSync(p, 'utf8').match(TAG) ?? []).length;
    }
  }
};
walk(process.argv[2]);
console.log(JSON.stringify({ files, tags, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
