// Tagging contract v2 (shared/spec/tagging.md), read sentence by sentence as tests, through the
// public API only: createAnalyzer(standard).analyze(text), buildCoverage and the CLI's JSON. Written
// apart from the reader's rewrite; where the spec leaves a choice, test/fixtures/real-style/README.md
// says which was taken, and cases no reading of the spec settles are left out rather than guessed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAnalyzer, type DocumentAnalysis, type Tag } from '../../src/core/analyze';
import { bundledStandard } from '../../src/core/bundled';
import { buildCoverage } from '../../src/core/coverage';
import { buildStandard, type Standard } from '../../src/core/standard';
import { main } from '../../src/cli/main';

const ST1398 = bundledStandard('ST1398')!;
const analyzer = createAnalyzer(ST1398, {});

/** Every code a tag reads: its KSB codes and, however the reader keeps them, its duty codes. */
function tagCodes(t: Tag): string[] {
  const duties = (t as unknown as { duties?: string[] }).duties ?? [];
  const fromRefs = t.refs.flatMap((r) => (r.valid ? r.codes : []));
  return [...new Set([...t.codes, ...duties, ...fromRefs])];
}

interface Claim {
  code: string;
  /** 1-based line of the tag. */
  line: number;
  section: string;
}

function claims(analysis: DocumentAnalysis): Claim[] {
  return analysis.tags.flatMap((t) => tagCodes(t).map((code) => ({ code, line: t.line + 1, section: analysis.sections[t.section]?.heading ?? '?' })));
}

function read(text: string) {
  const analysis = analyzer.analyze(text);
  const all = claims(analysis);
  return {
    analysis,
    claims: all,
    codes: [...new Set(all.map((c) => c.code))].sort(),
    unknown: analysis.unknown.map((u) => ({ code: u.code, line: u.line + 1 })),
    bare: analysis.bareCodes.map((b) => ({ code: b.code, line: b.line + 1 })),
  };
}

const sorted = (codes: string[]) => [...codes].sort();

/** A report section whose body starts on line 3. */
const inSection = (body: string, heading = '# 4 Implementation') => `${heading}\n\n${body}\n`;

/** Plain, deterministic prose of `n` words, as an apprentice's paragraph. */
function prose(n: number, seed = 0): string {
  const vocab = ['we', 'retrained', 'the', 'churn', 'model', 'after', 'reviewing', 'drift', 'with', 'stakeholders', 'and', 'logged', 'each', 'change', 'in', 'the', 'pipeline', 'runbook'];
  return Array.from({ length: n }, (_, i) => vocab[(i * 5 + seed) % vocab.length]).join(' ');
}

function coverageOf(text: string, filePath = 'report/report.md') {
  const analysis = analyzer.analyze(text);
  return buildCoverage(ST1398, [{ path: filePath, kind: 'report', analysis }]);
}

type DutyEntry = { code: string; covered: boolean; evidence: { path: string; line: number; section: string }[] };
const dutiesOf = (report: unknown) => (report as { duties?: DutyEntry[] }).duties;

// ---------------------------------------------------------------------------------------------

describe('code lists (every form): `·` is a separator', () => {
  it.each([
    ['[K5 · S3]', ['K5', 'S3']],
    ['(K14·S14·B3)', ['B3', 'K14', 'S14']],
    ['**KSBs:** K14 · S14 · B3', ['B3', 'K14', 'S14']],
    ['<!-- KSB: K5 · S3 -->', ['K5', 'S3']],
  ])('%s', (tag, codes) => {
    expect(read(inSection(tag)).codes).toEqual(codes);
  });
});

describe('bracket groups (v2): grade words', () => {
  it.each([
    ['(Distinction K5, S5)', ['K5', 'S5']],
    ['(Distinction: K5)', ['K5']],
    ['(K20 Distinction)', ['K20']],
    ['[Merit S7]', ['S7']],
    ['(merit: S9, S14)', ['S14', 'S9']],
    ['(PASS K2)', ['K2']],
    ['(pass: K2 & S2)', ['K2', 'S2']],
    ['[distinction S1-S3]', ['S1', 'S2', 'S3']],
    ['[KSBs: K5, S5 Distinction]', ['K5', 'S5']],
  ])('%s is a tag', (tag, codes) => {
    const r = read(inSection(`I compared the gradient-boosted model against the logistic baseline on the March hold-out ${tag} and kept the better one.`));
    expect(r.codes).toEqual(sorted(codes));
    expect(r.claims.every((c) => c.line === 3 && c.section === '4 Implementation')).toBe(true);
    expect(r.unknown).toEqual([]);
  });

  it('a grade qualifier at the end of a heading tags that heading section', () => {
    const r = read(`# 5 Evaluation\n\n${prose(20)}\n\n## 5.3 Bias testing (Distinction K20, S20)\n\n${prose(50)}\n`);
    expect(r.claims).toEqual([
      { code: 'K20', line: 5, section: '5.3 Bias testing' },
      { code: 'S20', line: 5, section: '5.3 Bias testing' },
    ]);
    expect(r.analysis.sections.find((s) => s.heading === '5.3 Bias testing')?.tagged).toBe(true);
  });

  it('an unknown code in a graded group is reported, not counted', () => {
    const r = read(inSection('Drift alerts went to the on-call channel (Distinction K32, S5).'));
    expect(r.codes).toEqual(['S5']);
    expect(r.unknown).toEqual([{ code: 'K32', line: 3 }]);
  });
});

describe('bracket groups (v2): dash descriptions', () => {
  it.each([
    ['(S17 — Secure coding)', ['S17']],
    ['(S17 – Secure coding)', ['S17']],
    ['(S17 - Secure coding)', ['S17']],
    ['[K5, S3 — choosing and preparing the data sets]', ['K5', 'S3']],
    ['(KSBs: K13, S17 - audit of the retention policy)', ['K13', 'S17']],
    ['(S1-S4 — security from inception)', ['S1', 'S2', 'S3', 'S4']],
    ['(K24 — data governance, privacy & quality)', ['K24']],
    ['(Distinction S22 — justified the GPU choice)', ['S22']],
  ])('%s is a tag', (tag, codes) => {
    const r = read(inSection(`The audit trail now records who approved each model promotion ${tag}.`));
    expect(r.codes).toEqual(sorted(codes));
    expect(r.claims.every((c) => c.line === 3)).toBe(true);
  });

  it('the description is not read for codes', () => {
    const r = read(inSection('Versioned every artefact (K14 — see also S6 and K31).'));
    expect(r.codes).toEqual(['K14']);
  });
});

describe('bracket groups: still not tags', () => {
  it.each([
    ['(the S3 bucket)'],
    ['[see K5 below]'],
    ['(150, Distinction S22)'],
    ['(Distinction)'],
    ['(S17—Secure coding)'],
    ['(S17 -Secure coding)'],
    ['(approx. 150 words, K5)'],
    ['(Distinction grade K5)'],
    ['(K5 —)'],
    ['[to do: K5]'],
  ])('%s counts for nothing', (text) => {
    const r = read(inSection(`Raw extracts land in the landing zone ${text} and are deleted after ninety days.`));
    expect(r.codes).toEqual([]);
    expect(r.unknown).toEqual([]);
  });

  it('AWS S3 in DevOps writing is never a tag', () => {
    const text = [
      '## 3.1 Storage',
      '',
      'Training data is read from an S3 bucket (the S3 bucket is versioned) and written back to S3 after each run.',
      'The Terraform module creates the bucket (S3, encrypted at rest with KMS) and a lifecycle rule.',
      '',
    ].join('\n');
    expect(read(text).codes).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('label lines (v2): bracketed asides', () => {
  it.each([
    ['**KSBs:** K2 (Version control), S9 (Code structure)', ['K2', 'S9']],
    ['**KSBs:** K5, S5 (Distinction: justify), K15, K3', ['K15', 'K3', 'K5', 'S5']],
    ['KSBs: K9 [data prep], S3', ['K9', 'S3']],
    ['KSBs: K2 (Version control) and S9', ['K2', 'S9']],
    ['- **KSBs:** K12 (deployment), S16 (prototype to live); B5', ['B5', 'K12', 'S16']],
    ['> KSBs: K24 (governance) / S11 (ethics)', ['K24', 'S11']],
    ['**KSBs:** K2 (Version control) which I applied throughout the sprint', ['K2']],
    ['KSBs: K5 (see S3), K7', ['K5', 'K7']],
    ['KSBs: S1-S4 (security by design), K3', ['K3', 'S1', 'S2', 'S3', 'S4']],
    ['**KSBs:** K2 (Version control) · S9 (Code structure) · B2', ['B2', 'K2', 'S9']],
  ])('%s', (line, codes) => {
    const r = read(inSection(line));
    expect(r.codes).toEqual(sorted(codes));
    expect(r.claims.every((c) => c.line === 3)).toBe(true);
  });

  it('in a table cell, with asides', () => {
    const r = read(inSection('| Activity | Evidence |\n| --- | --- |\n| Pipeline audit | **KSBs:** K13 (retention), S17 (audit) |'));
    expect(r.claims).toEqual([
      { code: 'K13', line: 5, section: '4 Implementation' },
      { code: 'S17', line: 5, section: '4 Implementation' },
    ]);
  });
});

describe('label lines (v2): after a middle dot', () => {
  it.each([
    ['**Duties:** D1 · **KSBs:** K14, S14', ['K14', 'S14']],
    ['Sprint 6 review · KSBs: K14, S14', ['K14', 'S14']],
    ['*12 March 2025* · **KSBs:** S10 · S24', ['S10', 'S24']],
    ['Week 14 · ksbs: K8', ['K8']],
    ['- Drift dashboard · **KSB:** S24', ['S24']],
    ['| Sprint 6 | Review · KSBs: K14 (change log) |', ['K14']],
  ])('%s', (line, codes) => {
    const r = read(inSection(line));
    for (const c of codes) expect(r.claims).toContainEqual({ code: c, line: 3, section: '4 Implementation' });
  });

  it.each([
    ['Sprint 6 review · The KSBs that I wanted to evidence here: K14'],
    ['We then listed the KSBs: K14, S14'],
    ['Sprint 6 review · notes on K14'],
  ])('%s is not a label line', (line) => {
    expect(read(inSection(line)).codes).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('heading code lists (v2)', () => {
  const report = (heading: string) => `# 6 Project\n\n${prose(20)}\n\n${heading}\n\n${prose(60, 3)}\n`;
  const sectionOf = (r: ReturnType<typeof read>, line: number) => r.analysis.sections.find((s) => s.line === line - 1);

  it.each([
    ['### 6.2 Design (400): K27, K25, S19', ['K25', 'K27', 'S19'], /^6\.2 Design \(400\):?$/],
    ['### 6.4 Testing (350): K25 (Distinction: evaluate), K27', ['K25', 'K27'], /^6\.4 Testing \(350\):?$/],
    ['## 6.5 Deployment (300): S16, S19 (Distinction: justify)', ['S16', 'S19'], /^6\.5 Deployment \(300\):?$/],
    ['## Monitoring: S10 · S24', ['S10', 'S24'], /^Monitoring:?$/],
    ['## 6.6 Security: S1-S3', ['S1', 'S2', 'S3'], /^6\.6 Security:?$/],
    ['## 6.6 Security: S1–S4', ['S1', 'S2', 'S3', 'S4'], /^6\.6 Security:?$/],
    ['## 6.7 Governance: K24 [privacy], S11', ['K24', 'S11'], /^6\.7 Governance:?$/],
    ['## S3 (Data prep): Feature selection', ['S3'], /^(?:[:—–-]\s*)?Feature selection$/],
    ['## 6.2 Design (400): K27, K25 ##', ['K25', 'K27'], /^6\.2 Design \(400\):?$/],
    ['# K11: Common vulnerabilities', ['K11'], /^(?:[:—–-]\s*)?Common vulnerabilities$/],
    ['## S3 — Data preparation', ['S3'], /^(?:[:—–-]\s*)?Data preparation$/],
    ['## S3 – Data preparation', ['S3'], /^(?:[:—–-]\s*)?Data preparation$/],
    ['## S3 - Data preparation', ['S3'], /^(?:[:—–-]\s*)?Data preparation$/],
    ['## K5, S3: Choosing the model', ['K5', 'S3'], /^(?:[:—–-]\s*)?Choosing the model$/],
    ['### S1-S4: Security by design', ['S1', 'S2', 'S3', 'S4'], /^(?:[:—–-]\s*)?Security by design$/],
  ])('%s', (heading, codes, sectionText) => {
    const r = read(report(heading));
    expect(r.codes).toEqual(sorted(codes));
    expect(r.claims.every((c) => c.line === 5)).toBe(true);
    const s = sectionOf(r, 5)!;
    expect(s.tagged).toBe(true);
    expect(s.untagged).toBe(false);
    expect(r.claims[0].section).toMatch(sectionText);
    expect(r.claims[0].section).toBe(s.heading);
  });

  it('a setext heading ending in a code list', () => {
    const r = read(`${prose(10)}\n\nDesign (400): K27, S19\n----------------------\n\n${prose(50)}\n`);
    expect(r.codes).toEqual(['K27', 'S19']);
    expect(r.claims.every((c) => c.line === 3)).toBe(true);
  });

  it('the codes tag that heading section only, not the one before or after', () => {
    const r = read(`# 6 Project\n\n${prose(50)}\n\n## 6.2 Design (400): K27\n\n${prose(50)}\n\n## 6.3 Build (500)\n\n${prose(50)}\n`);
    const at = (line: number) => r.analysis.sections.find((s) => s.level > 0 && s.line === line - 1);
    expect(at(1)?.untagged).toBe(true);
    expect(at(5)?.tagged).toBe(true);
    expect(at(9)?.untagged).toBe(true);
    expect(r.claims).toEqual([{ code: 'K27', line: 5, section: at(5)?.heading }]);
  });

  it('an unknown code in a heading code list is reported', () => {
    const r = read(report('### 6.3 Build (500): K27, K32'));
    expect(r.codes).toEqual(['K27']);
    expect(r.unknown).toEqual([{ code: 'K32', line: 5 }]);
  });

  it.each([
    ['### B1. Making it accessible'],
    ['## K11. Common vulnerabilities'],
    ['## S3 bucket policy'],
    ['## S3 buckets - lifecycle rules'],
    ['## Sprint 3: S3 bucket migration'],
    ['### 6.2 Design: notes on K27'],
    ['## Design: K27 and why it mattered'],
    ['## 6.2 Design (400)'],
    ['## The K5 problem: choosing a model'],
  ])('%s is not a tag', (heading) => {
    const r = read(report(heading));
    expect(r.codes).toEqual([]);
    expect(r.unknown).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('KSB list items (v2): the list is about KSBs', () => {
  it('under a heading that says KSBs: list items, bold, bracketed names', () => {
    const text = [
      '## KSBs demonstrated', // 1
      '',
      '- **K7:** Design patterns for the API were chosen with the product owner.', // 3
      '- **K6 (Design patterns):** I weighed a repository layer against direct calls.', // 4
      '- K8: Understood how the services depend on each other when a feature changes.', // 5
      '- **S3**: Selected the features with mutual information.', // 6
      '',
      '**K16** (Python tooling): Set up pyproject, ruff and pytest for the team.', // 8
      '',
      'S5: Created and deployed the scoring service behind the API gateway.', // 10
    ].join('\n');
    const r = read(text);
    expect(r.claims).toEqual([
      { code: 'K7', line: 3, section: 'KSBs demonstrated' },
      { code: 'K6', line: 4, section: 'KSBs demonstrated' },
      { code: 'K8', line: 5, section: 'KSBs demonstrated' },
      { code: 'S3', line: 6, section: 'KSBs demonstrated' },
      { code: 'K16', line: 8, section: 'KSBs demonstrated' },
      { code: 'S5', line: 10, section: 'KSBs demonstrated' },
    ]);
    expect(r.bare).toEqual([]);
  });

  it.each([
    ['KSBs evidenced in this entry:'],
    ['The KSBs this piece covers'],
    ['Knowledge, Skills and Behaviours'],
    ['Knowledge, Skill, Behaviour:'],
    ['knowledge, skills and behaviours shown:'],
    ['KNOWLEDGE, SKILLS AND BEHAVIOURS'],
    ['Knowledge and Skills and Behaviours:'],
    ['**KSB mapping**'],
  ])('introduced by "%s"', (intro) => {
    const text = `## Sprint 9: retraining pipeline\n\n${prose(20)}\n\n${intro}\n\n- **K12:** Deployment approach for the new pipeline.\n- **S16:** Moved the prototype into production behind a flag.\n`;
    const r = read(text);
    expect(r.claims.map((c) => [c.code, c.line])).toEqual([
      ['K12', 7],
      ['S16', 8],
    ]);
  });

  it('under a heading with the three words, items apart with prose between them are all read', () => {
    const text = [
      '## 5 Knowledge, skills and behaviours evidenced', // 1
      '',
      '- **K24:** Agreed the retention period for the scoring logs with the DPO.', // 3
      '',
      prose(40), // 5
      '',
      '1. S11: Removed two fields from the churn features that we had no lawful basis to keep.', // 7
    ].join('\n');
    expect(read(text).claims.map((c) => [c.code, c.line])).toEqual([
      ['K24', 3],
      ['S11', 7],
    ]);
  });

  it('paragraph lines, one after another, after an introducing line', () => {
    const text = `## Reflection, 14 May 2025\n\n${prose(30)}\n\nThe KSBs this entry shows\nK8: Understood how the services share the feature store.\nS24: Monitored drift weekly with PSI.\n`;
    const r = read(text);
    expect(r.claims.map((c) => [c.code, c.line])).toEqual([
      ['K8', 6],
      ['S24', 7],
    ]);
  });

  it('ordered list items and duties in the same list', () => {
    const text = `## Evidence: knowledge, skills and behaviours\n\n1. **S10:** Set up alerting on the live model.\n2. **D4:** Supported the model through its first month in production.\n`;
    const r = read(text);
    expect(r.codes).toEqual(['D4', 'S10']);
    expect(r.unknown).toEqual([]);
  });

  it.each([
    ['Knowledge and Skills:'],
    ['Skills, Knowledge and Behaviours:'],
    ['What I learned:'],
    ['Notes from the retro'],
    ['Behaviours'],
  ])('not introduced by "%s" under a heading without KSBs', (intro) => {
    const text = `## Sprint 9: retraining pipeline\n\n${prose(20)}\n\n${intro}\n\n- **K12:** Deployment approach for the new pipeline.\n- S16: Moved the prototype into production behind a flag.\n`;
    const r = read(text);
    expect(r.codes).toEqual([]);
    expect(r.unknown).toEqual([]);
  });

  it('the introducing line is the nearest non-blank line above the run: prose in between ends the list', () => {
    const text = [
      '## Reflection', // 1
      '',
      'KSBs in this entry:', // 3
      '',
      'K8: Understood how the services depend on each other.', // 5
      '',
      'After that I spent a week on the ingestion job and the on-call rota.', // 7
      '',
      'S3: moved the raw logs to the new bucket.', // 9
    ].join('\n');
    expect(read(text).claims.map((c) => [c.code, c.line])).toEqual([['K8', 5]]);
  });

  it('a DevOps log that starts lines with S3: is not a KSB list', () => {
    const text = `## Sprint notes\n\nS3: moved the raw logs to the new bucket with a lifecycle rule.\nK8s: upgraded the cluster to 1.29.\n`;
    const r = read(text);
    expect(r.codes).toEqual([]);
    expect(r.unknown).toEqual([]);
  });

  it.each([
    ['- K8. Understood how the services depend on each other.'],
    ['- K8 — Understood how the services depend on each other.'],
    ['- K8, S3: Understood how the services depend on each other.'],
    ['- Understood K8: how the services depend on each other.'],
    ['- `K8`: Understood how the services depend on each other.'],
    ['- k8: Understood how the services depend on each other.'],
  ])('%s is not a KSB list item', (line) => {
    const r = read(`## KSBs demonstrated\n\n${line}\n`);
    expect(r.codes).toEqual([]);
  });

  it('an unknown code or duty in a KSB list is reported', () => {
    const r = read(`## KSBs\n\n- **K32:** Built a thing.\n- **D10:** Supported the model.\n- **S5:** Deployed it.\n`);
    expect(r.codes).toEqual(['S5']);
    expect(r.unknown).toEqual([
      { code: 'K32', line: 3 },
      { code: 'D10', line: 4 },
    ]);
  });

  it('a section holding only KSB list items is tagged', () => {
    const text = `## Sprint 9 (KSB evidence)\n\n${prose(60)}\n\n- **S16:** Moved the prototype into production behind a flag.\n`;
    const s = read(text).analysis.sections.find((x) => x.level === 2)!;
    expect(s.tagged).toBe(true);
    expect(s.untagged).toBe(false);
  });
});

describe('KSB list items (v2): quotations of the standard are not claims', () => {
  it('a reference list that quotes the standard, in several styles', () => {
    const text = [
      '## KSBs for this apprenticeship', // 1
      '',
      '- **K9:** The importance of feature engineering, selection and pre-processing in effective machine learning.', // 3
      '- K15: the implications of data types ( for example variety, quality, formats) on security', // 4
      '- **S1 (Security):** Assess vulnerabilities of the proposed design, to ensure that security considerations are built in.', // 5
      '- **S13:** "Track and test continual learning models."', // 6
      '- B1: Uses initiative and innovation concerning new and emerging technologies…', // 7
      '- **K22:** Approaches and strategies to stakeholder engagement including engagement with the end user', // 8
      '- **D1:** Ensure that machine learning and artificial intelligence engineered solutions are implemented safely.', // 9
    ].join('\n');
    const r = read(text);
    expect(r.codes).toEqual([]);
    expect(r.unknown).toEqual([]);
    // v2: no bare-code hints in a quoted KSB list
    expect(r.bare).toEqual([]);
  });

  it('empty text after the colon', () => {
    const r = read(`## KSB tracker\n\n- **K9:**\n- S3:\n- **S5 (Deploy):**   \n`);
    expect(r.codes).toEqual([]);
    expect(r.unknown).toEqual([]);
    expect(r.bare).toEqual([]);
  });

  it('begins with the standard\'s first five words, then the author\'s own: still a quotation', () => {
    const r = read(`## KSBs\n\n- **K9:** The importance of feature engineering became clear when the churn model overfit.\n`);
    expect(r.codes).toEqual([]);
  });

  it.each([
    ['- **K9:** The importance of feature selection showed in the churn model.', 'K9'],
    ['- **K9:** Select and engineer data sets for the churn model.', 'K9'],
    ['- **S13:** Tracked and tested the continual learning model weekly.', 'S13'],
    ['- **K22:** Ran three workshops with the end users of the dashboard.', 'K22'],
  ])('%s is a claim (not the standard\'s text for that code)', (line, code) => {
    expect(read(`## KSBs\n\n${line}\n`).claims).toEqual([{ code, line: 3, section: 'KSBs' }]);
  });

  it('a section holding only a quoted list and prose is untagged', () => {
    const text = `## KSB reference\n\n${prose(50)}\n\n- **K9:** The importance of feature engineering, selection and pre-processing in effective machine learning.\n`;
    const s = read(text).analysis.sections.find((x) => x.level === 2)!;
    expect(s.tagged).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------

describe('not tags, whatever the surroundings', () => {
  it('a code alone in a table cell: no tag, no unknown, no bare-code hint (v2)', () => {
    const text = [
      '## KSB tracker', // 1
      '',
      '| KSB | Evidence | Status |', // 3
      '| --- | --- | --- |',
      '| K5 | Model comparison notebook | Done |', // 5
      '| S3 | Feature selection write-up | In progress |', // 6
      '| K9, S3 | Data prep | Done |', // 7
      '| D1 | Responsible AI checklist | Planned |', // 8
      '| Pipeline | K12 | S16 |', // 9
    ].join('\n');
    const r = read(text);
    expect(r.codes).toEqual([]);
    expect(r.unknown).toEqual([]);
    expect(r.bare).toEqual([]);
  });

  it('a code in running prose is not a tag (the hint stays)', () => {
    const r = read(inSection('This sprint shows K5 well, and S3 was harder than expected.'));
    expect(r.codes).toEqual([]);
    expect(r.bare.map((b) => b.code)).toEqual(['K5', 'S3']);
  });

  it('fenced and indented code, inline code and link destinations are not read', () => {
    const text = [
      '## 6.3 Build (500)', // 1
      '',
      '```markdown',
      '### 6.2 Design (400): K27, K25, S19',
      '**KSBs:** K2 (Version control), S9 (Code structure)',
      '(Distinction K5, S5)',
      '```',
      '',
      '    ## K11: Common vulnerabilities',
      '    - **K7:** Design patterns for the API',
      '',
      'I wrote `(Distinction K5, S5)` and `**KSBs:** K2 (Version control)` as examples in the wiki.',
      '',
      'See [the ticket](<https://jira.example.com/browse/ML-42?q=(Distinction K5)>) and [design](docs/(S17-S19).md).',
    ].join('\n');
    const r = read(text);
    expect(r.codes).toEqual([]);
    expect(r.unknown).toEqual([]);
  });

  it('front matter keys other than ksbs are not read', () => {
    const text = `---\ntitle: "Design (400): K27, S19"\nsummary: "(Distinction K5)"\n---\n# 1 Overview\n\n${prose(10)}\n`;
    expect(read(text).codes).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('duties (v2): D1..D9 in every form', () => {
  const duties = ['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7', 'D8', 'D9'];

  it.each(duties)('%s in every tag form is read, never unknown', (d) => {
    const text = [
      '---', // 1
      `ksbs: [${d}]`, // 2
      '---', // 3
      `## 6.2 Monitoring (300): ${d}`, // 4
      '',
      `I kept the runbook current [${d}] and logged every incident (Distinction ${d}) with its cause (${d} — on-call support).`, // 6
      '',
      `KSBs: K14, ${d}`, // 8
      '',
      `<!-- KSB: ${d} -->`, // 10
      '',
      `Week 3 · **KSBs:** ${d}`, // 12
      '',
      '## Duties and KSBs evidenced', // 14
      '',
      `- **${d}:** Kept the on-call runbook current through the migration.`, // 16
    ].join('\n');
    const r = read(text);
    expect(r.unknown).toEqual([]);
    const lines = r.claims.filter((c) => c.code === d).map((c) => c.line);
    expect(new Set(lines)).toEqual(new Set([1, 4, 6, 8, 10, 12, 16]));
    expect(r.claims.filter((c) => c.code === d && c.line === 6)).toHaveLength(3);
  });

  it('a duty range', () => {
    expect(read(inSection('Planning and prototyping [D1-D3].')).codes).toEqual(['D1', 'D2', 'D3']);
  });

  it.each([['[D10]'], ['[D0]'], ['KSBs: D10'], ['(Distinction D10)']])('%s is an unknown code', (tag) => {
    const r = read(inSection(tag));
    expect(r.codes).toEqual([]);
    expect(r.unknown).toHaveLength(1);
    expect(r.unknown[0]).toMatchObject({ line: 3 });
    expect(r.unknown[0].code).toMatch(/^D(10|0)$/);
  });

  it('a section tagged only with a duty is tagged', () => {
    const text = `## 7 On-call support [D6]\n\n${prose(60)}\n`;
    const s = read(text).analysis.sections.find((x) => x.level === 2)!;
    expect(s.tagged).toBe(true);
    expect(s.untagged).toBe(false);
  });

  it('a duty in a table cell on its own is not a claim', () => {
    const r = read(inSection('| Duty | Evidence |\n| --- | --- |\n| D4 | Monitoring dashboard |'));
    expect(r.codes).toEqual([]);
    expect(r.unknown).toEqual([]);
  });
});

describe('duties (v2): coverage lists them apart and never counts them as KSBs', () => {
  const text = [
    '# 7 Operations', // 1
    '',
    'Supported the model in production [D4, S10].', // 3
    '',
    '## 7.1 Capacity (200): D5, S19', // 5
    '',
    prose(10),
  ].join('\n');

  it('duties: every duty of the standard in order, with evidence as for KSBs', () => {
    const report = coverageOf(text);
    const duties = dutiesOf(report);
    expect(duties, 'the coverage report has no duties array').toBeDefined();
    expect(duties?.map((d) => d.code)).toEqual(['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7', 'D8', 'D9']);
    expect(duties?.filter((d) => d.covered).map((d) => d.code)).toEqual(['D4', 'D5']);
    expect(duties?.find((d) => d.code === 'D4')?.evidence).toEqual([expect.objectContaining({ path: 'report/report.md', line: 3, section: '7 Operations' })]);
    expect(duties?.find((d) => d.code === 'D5')?.evidence).toEqual([expect.objectContaining({ path: 'report/report.md', line: 5 })]);
    // a heading code list's section is the heading text without the tag
    expect(duties?.find((d) => d.code === 'D5')?.evidence[0].section).toMatch(/^7\.1 Capacity \(200\):?$/);
    expect(report.ksbs.find((k) => k.code === 'S19')?.evidence).toEqual([expect.objectContaining({ line: 5, section: duties?.find((d) => d.code === 'D5')?.evidence[0].section })]);
    expect(duties?.find((d) => d.code === 'D1')).toMatchObject({ covered: false, evidence: [] });
  });

  it('never in ksbs or summary', () => {
    const report = coverageOf(text);
    expect(report.ksbs.map((k) => k.code).filter((c) => c.startsWith('D'))).toEqual([]);
    expect(report.summary.total).toBe(70);
    expect(report.summary.covered).toBe(2); // S10, S19
    expect(report.summary.byCategory.knowledge).toEqual({ total: 31, covered: 0 });
    expect(JSON.stringify(report.summary)).not.toMatch(/"D\d|duties/);
  });

  it('a file with only duty tags covers no KSB', () => {
    const report = coverageOf(`# 1 Support\n\nOn call for the fraud model [D6] (D4 — live monitoring).\n`);
    expect(report.summary.covered).toBe(0);
    expect(dutiesOf(report)?.filter((d) => d.covered).map((d) => d.code)).toEqual(['D4', 'D6']);
  });

  it('absent when the standard lists no duties', () => {
    const small: Standard = buildStandard(
      {
        id: 'XX1',
        title: 'Small standard',
        ksbs: [
          { code: 'K1', category: 'knowledge', text: 'Knows things about data.' },
          { code: 'S1', category: 'skills', text: 'Does things with data.' },
        ],
      },
      'test:XX1',
    );
    const analysis = createAnalyzer(small, {}).analyze('# 1 Work\n\nDid it [K1, S1].\n');
    const report = buildCoverage(small, [{ path: 'report.md', kind: 'report', analysis }]);
    expect('duties' in report).toBe(false);
  });
});

describe('duties (v2): the command line JSON', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('--format json lists duties after the KSBs, not in summary', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'ksb-v2-'));
    dirs.push(root);
    mkdirSync(path.join(root, 'report'));
    writeFileSync(path.join(root, 'report', 'report.md'), `# 7 Operations\n\nSupported the model in production [D4, S10].\n\n## 7.1 Capacity (200): D5, S19\n\n${prose(10)}\n`);
    let stdout = '';
    const io = {
      stdout: { write: (s: string | Uint8Array) => ((stdout += typeof s === 'string' ? s : new TextDecoder().decode(s)), true), isTTY: false } as unknown as NodeJS.WriteStream,
      stderr: { write: () => true } as unknown as NodeJS.WriteStream,
      cwd: root,
      env: {},
    };
    await main([root, '--format', 'json'], io);
    const json = JSON.parse(stdout);
    expect(json.duties, 'the JSON has no duties array').toBeDefined();
    expect(json.duties.map((d: DutyEntry) => d.code)).toEqual(['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7', 'D8', 'D9']);
    expect(json.duties.find((d: DutyEntry) => d.code === 'D4')).toMatchObject({ covered: true, evidence: [{ path: 'report/report.md', line: 3, section: '7 Operations' }] });
    expect(json.duties.find((d: DutyEntry) => d.code === 'D5')).toMatchObject({ covered: true, evidence: [{ path: 'report/report.md', line: 5 }] });
    expect(json.ksbs.some((k: { code: string }) => k.code.startsWith('D'))).toBe(false);
    expect(json.summary.total).toBe(70);
    expect(json.summary.covered).toBe(2);
    expect(json.unknown).toEqual([]);
  });
});

describe('v2 forms read codes from the loaded standard: dotted codes and a standard of its own duties', () => {
  const dotted = buildStandard(
    {
      id: 'XX2',
      title: 'Data technician (dotted codes)',
      ksbs: [
        { code: 'K4.1', category: 'knowledge', text: 'Data lineage and how it is recorded in the organisation.' },
        { code: 'K4.2', category: 'knowledge', text: 'Data retention policies and how they are applied.' },
        { code: 'S2.3', category: 'skills', text: 'Cleanse and validate data sets for analysis.' },
        { code: 'B1', category: 'behaviours', text: 'Works independently and takes responsibility.' },
      ],
      duties: [{ code: 'D1', text: 'Maintain the quality of the data held by the organisation.' }],
    },
    'test:XX2',
  );
  const readWith = (text: string) => {
    const analysis = createAnalyzer(dotted, {}).analyze(text);
    const all = claims(analysis);
    return { codes: [...new Set(all.map((c) => c.code))].sort(), unknown: analysis.unknown.map((u) => u.code) };
  };

  it.each([
    ['heading list', '### 3 Design (400): K4.1, S2.3', ['K4.1', 'S2.3'], []],
    ['heading start', '## K4.1: Lineage', ['K4.1'], []],
    ['graded bracket', '# 3 Method\n\nChecked retention (Distinction K4.2).', ['K4.2'], []],
    ['label with asides and ·', '# 3 Method\n\n**KSBs:** K4.1 (lineage), S2.3 (cleansing) · B1', ['B1', 'K4.1', 'S2.3'], []],
    ['KSB list item', '## KSBs\n\n- **K4.1:** Recorded lineage for the sales extracts in the catalogue.', ['K4.1'], []],
    ['duty', '# 3 Method\n\nOn call for the nightly loads [D1].', ['D1'], []],
    ['section number, not a code list', '### K4.1. Lineage', [], []],
    ['a quotation of K4.1', '## KSBs\n\n- **K4.1:** Data lineage and how it is recorded in the organisation.', [], []],
    ['an unknown dotted code', '### 3 Design (400): K4.1, K4.3', ['K4.1'], ['K4.3']],
    ['a duty the standard does not list', '# 3 Method\n\nSupport (D2 — weekend cover).', [], ['D2']],
  ])('%s', (_name, text, codes, unknown) => {
    const r = readWith(`${text}\n`);
    expect(r.codes).toEqual(codes);
    expect(r.unknown).toEqual(unknown);
  });
});

// ---------------------------------------------------------------------------------------------

describe('a realistic report: every v2 form at once, CRLF and BOM', () => {
  const lines = [
    '---', // 1
    'title: Churn prediction EPA report',
    'evidence: report',
    '---', // 4
    '# 1 Introduction (300): K1, K11, S2', // 5
    '',
    prose(45, 1),
    '',
    '## 2 Data (500)', // 9
    '',
    prose(45, 2),
    'Raw events land in an S3 bucket (the S3 bucket is versioned) before the Glue job reads them. (Distinction K15, S21)', // 12
    '',
    '### B1. Making it accessible', // 14
    '',
    prose(45, 3),
    '**KSBs:** S30 (inclusion), B3 · **Duties:** D7', // 17
    '',
    '## 3 Security: S1-S3', // 19
    '',
    prose(45, 4),
    '',
    '## 4 Costing (150, Distinction S22)', // 23
    '',
    prose(45, 5),
  ];

  const expected = [
    ...['K1', 'K11', 'S2'].map((code) => ({ code, line: 5 })),
    { code: 'K15', line: 12 },
    { code: 'S21', line: 12 },
    { code: 'S30', line: 17 },
    { code: 'B3', line: 17 },
    ...['S1', 'S2', 'S3'].map((code) => ({ code, line: 19 })),
  ];

  it.each([
    ['LF', lines.join('\n')],
    ['CRLF with BOM', '\uFEFF' + lines.join('\r\n')],
  ])('%s', (_name, text) => {
    const r = read(text);
    const got = r.claims.filter((c) => !c.code.startsWith('D')).map(({ code, line }) => ({ code, line }));
    expect(sorted(got.map((g) => `${g.line}:${g.code}`))).toEqual(sorted(expected.map((g) => `${g.line}:${g.code}`)));
    expect(r.unknown).toEqual([]);
    const untagged = r.analysis.sections.filter((s) => s.untagged).map((s) => s.line + 1);
    // 4 Costing: `(150, Distinction S22)` is not a tag, and its section has 45 words
    expect(untagged).toEqual([23]);
  });
});

describe('a Duties label (beyond the letter of the spec, as its own example writes it)', () => {
  it('reads `**Duties:** D1 · **KSBs:** K14, S14` as two tags, and `Duty: D3`', () => {
    const text = '# Portfolio\n\n## Pipeline audit\n\n**Duties:** D1 · **KSBs:** K14, S14\n\nDuty: D3\n\nOur duties: the team said nothing about K5 here.\n';
    const analysis = createAnalyzer(ST1398).analyze(text);
    expect(analysis.tags.map((t) => [t.line + 1, t.codes])).toEqual([
      [5, ['D1']],
      [5, ['K14', 'S14']],
      [7, ['D3']],
    ]);
    expect(analysis.bareCodes.map((b) => b.code)).toEqual(['K5']);
  });
});
