// One-off importer: writes standards/st1398.yaml from the official standard text in
// ../shared/seeds so the KSB and duty texts are copied byte for byte, never retyped.
// Usage: node scripts/import-standard-from-seed.mjs ../shared/seeds/000_1951006b2a3bfd67.txt
import { readFileSync, writeFileSync } from 'node:fs';
import { Document } from 'yaml';

const seed = readFileSync(process.argv[2] ?? '../shared/seeds/000_1951006b2a3bfd67.txt', 'utf8');
const lines = seed.split(/\r?\n/);
const category = { K: 'knowledge', S: 'skills', B: 'behaviours' };
const ksbs = [];
for (const line of lines) {
  const m = /^([KSB])(\d+): (.*)$/.exec(line);
  if (m) ksbs.push({ code: m[1] + m[2], category: category[m[1]], text: m[3] });
}
const duties = [];
for (let i = 0; i < lines.length; i++) {
  const m = /^Duty (D\d+)$/.exec(lines[i]);
  if (!m) continue;
  let j = i + 1;
  while (lines[j] !== undefined && lines[j].trim() === '') j++;
  duties.push({ code: m[1], text: lines[j] });
}
const doc = new Document({
  id: 'ST1398',
  title: 'Machine learning engineer',
  level: 6,
  version: '1.0',
  source: 'https://www.instituteforapprenticeships.org/apprenticeship-standards/st1398-v1-0',
  categories: [
    { id: 'knowledge', prefix: 'K', label: 'Knowledge' },
    { id: 'skills', prefix: 'S', label: 'Skills' },
    { id: 'behaviours', prefix: 'B', label: 'Behaviours' },
  ],
  epa: {
    report: { wordLimit: 5000, tolerancePercent: 10 },
    methods: [
      { id: 'project', name: 'Project with report', evidence: 'report',
        details: 'Project report of at most 5000 words (10% tolerance), submitted within 8 weeks; a presentation with questions of at least 50 minutes and at least 6 questions.' },
      { id: 'discussion', name: 'Professional discussion underpinned by a portfolio of evidence', evidence: 'portfolio',
        details: 'A 90-minute professional discussion with at least 6 questions; the portfolio is compiled before the gateway.' },
    ],
  },
  ksbs,
  duties,
});
doc.commentBefore = [
  ' yaml-language-server: $schema=./standard.schema.json',
  ' ST1398 Machine learning engineer (Level 6), version 1.0, approved for delivery.',
  ' KSB and duty texts are copied exactly from the official standard (Skills England), imported by',
  ' scripts/import-standard-from-seed.mjs. EPA facts come from the apprentice EPA summary.',
  ' Which KSBs each assessment method assesses is not in our sources, so no method lists `ksbs`;',
  ' a training provider can add them in a custom standard file (see standards/README.md).',
].join('\n');
const out = doc.toString({ lineWidth: 0 });
writeFileSync(new URL('../standards/st1398.yaml', import.meta.url), out);
console.log(`wrote ${ksbs.length} KSBs and ${duties.length} duties`);
