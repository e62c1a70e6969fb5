// What a parser-based tool costs: markdown-it parses every file (the same walk).
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt();
let files = 0;
let headings = 0;
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== '.git') walk(p);
    } else if (e.name.endsWith('.md')) {
      files++;
      for (const t of md.parse(readFileSync(p, 'utf8'), {})) if (t.type === 'heading_open') headings++;
    }
  }
};
walk(process.argv[2]);
console.log(JSON.stringify({ files, headings, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
