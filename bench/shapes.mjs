// Corpora of other shapes than corpus.mjs's, to check the CLI's ratios do not hang on one corpus:
//   node bench/shapes.mjs DIR prose|dense|small [FILES]   (default 2,000 files; deterministic)
// prose: long paragraphs, one tag a section (~27 KB a file); dense: a tag in every form in every
// section, setext headings, tables, code fences, front matter (~13 KB, ~140 evidence places a
// file); small: one short paragraph (~400 B). Files sit one to a folder, 3,758 folders, so the
// walk costs more than in corpus.mjs. Then time them as the bench does, for example:
//   node bench/regex-scan.mjs DIR  against  node dist/cli.js DIR --format json
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const [dir, style, n] = [process.argv[2], process.argv[3], Number(process.argv[4] ?? 2000)];
if (!dir || !['prose', 'dense', 'small'].includes(style)) {
  console.error('usage: node bench/shapes.mjs DIR prose|dense|small [FILES]');
  process.exit(2);
}
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const pick = (a) => a[Math.floor(random() * a.length)];
const WORDS = 'the model data pipeline training validation feature drift monitoring deployment stakeholder evaluation bias fairness metric latency throughput experiment baseline hyperparameter regression classifier dataset schema governance ethics privacy cloud container API endpoint version rollback incident retrospective – “quoted” naïve café'.split(' ');
/** One to four of ST1398's codes. */
const codes = () =>
  Array.from({ length: 1 + Math.floor(random() * 4) }, () => {
    const prefix = pick(['K', 'S', 'B']);
    return prefix + (1 + Math.floor(random() * (prefix === 'B' ? 5 : 31)));
  }).join(', ');
const sentence = () => {
  const s = Array.from({ length: 8 + Math.floor(random() * 20) }, () => pick(WORDS)).join(' ');
  return s[0].toUpperCase() + s.slice(1) + pick(['.', '.', '.', ',', ';', ':', '?']);
};
const paragraph = (sentences) => Array.from({ length: sentences }, sentence).join(' ');

for (let f = 0; f < n; f++) {
  const kind = f % 2 ? 'portfolio' : 'report';
  const folder = path.join(dir, `c${f % 7}`, `a${Math.floor(f / 8)}`, kind);
  mkdirSync(folder, { recursive: true });
  let text = '';
  if (style === 'prose') {
    text = `# ${sentence()}\n\n`;
    for (let s = 0; s < 5; s++) {
      text += `## ${pick(WORDS)} ${pick(WORDS)} [${codes()}]\n\n`;
      for (let p = 0; p < 4; p++) text += paragraph(6) + '\n\n';
    }
  } else if (style === 'dense') {
    text = `---\ntitle: x\nevidence: ${kind}\n---\n\n`;
    for (let s = 0; s < 14; s++) {
      text += s % 3 ? `## ${pick(WORDS)} ${pick(WORDS)}\n\n` : `${pick(WORDS)} ${pick(WORDS)}\n----------\n\n`;
      text += `KSBs: ${codes()}\n\n${paragraph(2)} (${codes()}) ${paragraph(1)}\n\n| KSB | note |\n|---|---|\n| ${codes()} | ${pick(WORDS)} |\n\n`;
      text += `- ${sentence()} [${codes()}]\n- ${sentence()}\n\n\`\`\`python\nx = 1  # K5\n\`\`\`\n\n<!-- ksb: ${codes()} -->\n\n`;
    }
  } else {
    text = `# ${pick(WORDS)}\n\n${paragraph(2)} [${codes()}]\n`;
  }
  writeFileSync(path.join(folder, `${String(f).padStart(5, '0')}-${pick(WORDS)}.md`), text);
}
console.log(`${n} ${style} files in ${dir}`);
