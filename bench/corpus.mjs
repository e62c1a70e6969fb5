// Deterministic corpora of realistic evidence (seeded PRNG): apprentices' folders, each with a
// report split into chapters and portfolio pieces; ~12 KB a file on average, tags in every form,
// fenced code, tables, lists, links and front matter. Cached by seed and size.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SENTENCES = [
  'We retrained the gradient-boosted model every four weeks and compared it with the live version on the last eight weeks of data.',
  'The drift monitor measured the population stability index of each input and warned the on-call engineer above 0.2.',
  'I agreed the success measures with the planning lead: a mean absolute percentage error below 10% for every hub.',
  'Raw extracts were kept in an S3 bucket for ninety days before the lifecycle rule deleted them.',
  'The pipeline runs its data quality checks before every training job, and a failing check stops the release.',
  'Stakeholders from operations, finance and security reviewed the design at the end of each two-week iteration.',
  'Feature importance from SHAP values showed that the 52-week lag and the promotion flags carried most of the signal.',
  'The container image is built and signed in CI, deployed to staging, and released after a manual approval.',
  'I wrote the model card and the runbook beside the code so that they change with it.',
  'Latency at the 95th percentile stayed under 41 ms during the load test at three times the normal volume.',
];
const CODES = [...Array.from({ length: 31 }, (_, i) => `K${i + 1}`), ...Array.from({ length: 34 }, (_, i) => `S${i + 1}`), ...Array.from({ length: 5 }, (_, i) => `B${i + 1}`)];

function document(rand, kind) {
  const pick = (a) => a[Math.floor(rand() * a.length)];
  const codes = (n) => Array.from({ length: n }, () => pick(CODES)).join(', ');
  const target = 6000 + Math.floor(rand() * 12000);
  let out = kind === 'portfolio' && rand() < 0.5 ? `---\ntitle: Portfolio piece\nevidence: portfolio\nksbs: [${codes(3)}]\n---\n\n` : '';
  let n = 0;
  while (out.length < target) {
    n++;
    const form = rand();
    out += form < 0.5 ? `## ${n} ${pick(['Context', 'Method', 'Results', 'Monitoring', 'Reflection', 'Deployment'])} [${codes(2)}]\n\n` : `## ${n} ${pick(['Data sources', 'Evaluation', 'Security', 'Stakeholders'])}\n\n`;
    if (form >= 0.5 && form < 0.7) out += `**KSBs:** ${codes(3)}\n\n`;
    else if (form >= 0.7 && form < 0.85) out += `<!-- KSB: ${codes(2)} -->\n\n`;
    else if (form >= 0.85) out += `We followed the plan (S${1 + Math.floor(rand() * 30)}-S${31 + Math.floor(rand() * 4)}).\n\n`;
    for (let p = 0; p < 3; p++) out += Array.from({ length: 3 + Math.floor(rand() * 3) }, () => pick(SENTENCES)).join(' ') + '\n\n';
    const extra = rand();
    if (extra < 0.2) out += '```python\n# [K5] in code is not a tag\nmodel.fit(X_train, y_train)\n```\n\n';
    else if (extra < 0.35) out += '| Model | MAPE |\n| --- | --- |\n| LightGBM | 7.9% |\n| Prophet | 11.6% |\n\n';
    else if (extra < 0.5) out += `- See [the runbook](docs/runbook.md) for ${pick(['alerts', 'rollbacks'])}.\n- KSBs demonstrated: ${codes(2)}\n\n`;
  }
  return out;
}

/** Writes (or reuses) a corpus of about `files` files; returns its folder and size. */
export function corpus(files, seed = 1398) {
  const dir = path.join(tmpdir(), `ksb-bench-corpus-${seed}-${files}`);
  const marker = path.join(dir, '.complete');
  if (existsSync(marker)) return dir;
  const rand = prng(seed + files);
  const perApprentice = 10;
  for (let a = 0; a < Math.ceil(files / perApprentice); a++) {
    for (let f = 0; f < perApprentice && a * perApprentice + f < files; f++) {
      const kind = f < 4 ? 'report' : 'portfolio';
      const p = path.join(dir, `apprentice-${String(a).padStart(5, '0')}`, kind, `${kind === 'report' ? 'chapter' : 'piece'}-${f}.md`);
      mkdirSync(path.dirname(p), { recursive: true });
      writeFileSync(p, document(rand, kind));
    }
  }
  writeFileSync(marker, '');
  return dir;
}

export { document, prng };
