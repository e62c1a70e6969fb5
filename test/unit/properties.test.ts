// Properties of the reader on generated evidence documents (fast-check).
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { createAnalyzer, type DocumentAnalysis } from '../../src/core/analyze';
import { buildCoverage, buildCoverageInSlices, CoverageAccumulator } from '../../src/core/coverage';
import { ST1398 } from './helpers';

const analyzer = createAnalyzer(ST1398);
const codes = ST1398.ksbs.map((k) => k.code);

const word = fc.constantFrom('model', 'drift', 'S3', 'bucket', 'K5', 'k5', 'data', 'and', 'the', '4,812', 'state-of-the-art', '—', 'KSBs', 'KSB:', '(', ')', '[', ']', '`', '<!--', '-->', '*', '_', '#', '|', 'é', '😀');
const code = fc.oneof(fc.constantFrom(...codes), fc.constantFrom('K32', 'S0', 'B6', 'K4.1'));
const sep = fc.constantFrom(', ', '; ', ' & ', ' and ', '/', ' ');
const codeList = fc.array(code, { minLength: 1, maxLength: 4 }).chain((cs) => sep.map((s) => cs.join(s)));
const sentence = fc.array(word, { minLength: 0, maxLength: 14 }).map((ws) => ws.join(' '));

const tag = fc.oneof(
  codeList.map((c) => `[${c}]`),
  codeList.map((c) => `(${c})`),
  codeList.map((c) => `[KSBs: ${c}]`),
  fc.tuple(code, fc.integer({ min: 1, max: 5 })).map(([c, n]) => `(${c}-${c.replace(/\d+$/, (d) => String(Number(d) + n))})`),
  codeList.map((c) => `<!-- KSB: ${c} -->`),
);
const proseLine = fc.tuple(sentence, fc.option(tag), sentence).map(([a, t, b]) => [a, t ?? '', b].join(' ').trim());

const block = fc.oneof(
  { weight: 5, arbitrary: fc.array(proseLine, { minLength: 1, maxLength: 4 }).map((ls) => ls.join('\n')) },
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: 7 }), sentence, fc.option(tag)).map(([n, s, t]) => `${'#'.repeat(n)} ${s} ${t ?? ''}`.trimEnd()) },
  { weight: 1, arbitrary: fc.tuple(sentence, fc.constantFrom('===', '---', '-', '- - -')).map(([s, u]) => `${s || 'Heading'}\n${u}`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('```', '~~~', '````'), fc.array(proseLine, { maxLength: 3 })).map(([f, ls]) => `${f}python\n${ls.join('\n')}\n${f}`) },
  { weight: 1, arbitrary: fc.array(proseLine, { minLength: 1, maxLength: 3 }).map((ls) => ls.map((l) => `    ${l}`).join('\n')) },
  { weight: 1, arbitrary: fc.array(proseLine, { minLength: 1, maxLength: 3 }).map((ls) => ls.map((l) => `- ${l}`).join('\n')) },
  { weight: 1, arbitrary: fc.array(proseLine, { minLength: 1, maxLength: 3 }).map((ls) => ls.map((l) => `> ${l}`).join('\n')) },
  { weight: 1, arbitrary: fc.tuple(sentence, codeList).map(([s, c]) => `| ${s} | x |\n| --- | --- |\n| KSBs: ${c} | y |`) },
  { weight: 1, arbitrary: codeList.map((c) => `**KSBs:** ${c} (Distinction: justify)`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('KSBs: ', '- KSBs demonstrated: ', '> **Primary KSB:** ', '1. *KSB:* '), codeList, sentence).map(([l, c, s]) => `${l}${c} ${s}`.trimEnd()) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('- ', '1. ', '> '), fc.constantFrom('```', '~~~'), proseLine).map(([m, f, l]) => `${m}${f}\n${m === '> ' ? '> ' : ' '.repeat(m.length)}${l}\n${m === '> ' ? '> ' : ' '.repeat(m.length)}${f}`) },
  { weight: 1, arbitrary: fc.tuple(sentence, proseLine).map(([s, l]) => `${s} \`code ${l}\` after`) },
  { weight: 1, arbitrary: fc.constantFrom('<!-- ksb-ignore -->', '<div>\n[K5] html\n</div>', '***', '<!--\nKSB: K7\n-->') },
);
const frontMatter = fc.option(
  fc.oneof(
    codeList.map((c) => `---\ntitle: x\nksbs: [${c}]\nevidence: report\n---`),
    fc.array(code, { minLength: 1, maxLength: 3 }).map((cs) => `---\nevidence: portfolio\nksbs:\n${cs.map((c) => `  - ${c}`).join('\n')}\n---`),
    codeList.map((c) => `---\nksbs: ${c.replace(/ and |&|\//g, ',')}\n---`),
  ),
  { nil: undefined },
);
const document = fc.tuple(frontMatter, fc.array(block, { maxLength: 12 })).map(([fm, bs]) => [fm, ...bs].filter((x) => x !== undefined).join('\n\n') + '\n');

/** What the reader says, in comparable form. */
function summary(a: DocumentAnalysis) {
  return {
    sections: a.sections.map((s) => [s.heading, s.level, s.line, s.words, s.tagged, s.untagged, s.excluded]),
    tags: a.tags.map((t) => [t.form, t.line, t.codes]),
    unknown: a.unknown.map((u) => [u.code, u.line]),
    words: a.words,
  };
}

const RUNS = { numRuns: Number(process.env.KSB_FC_RUNS ?? 400) };
const md = new MarkdownIt('commonmark');

describe('reader properties', () => {
  it('never throws, and every line and range it reports is inside the document', () => {
    fc.assert(
      fc.property(document, (text) => {
        const a = analyzer.analyze(text);
        const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
        for (const s of a.sections) {
          expect(s.line).toBeGreaterThanOrEqual(0);
          expect(s.line).toBeLessThan(lines.length);
          expect(s.endLine).toBeGreaterThanOrEqual(s.line);
          expect(s.endLine).toBeLessThan(lines.length);
        }
        for (const t of a.tags) {
          expect(t.line).toBeLessThan(lines.length);
          for (const r of t.refs) {
            expect(r.start).toBeGreaterThanOrEqual(0);
            expect(r.end).toBeLessThanOrEqual(lines[r.line].length);
            expect(lines[r.line].slice(r.start, r.end)).toBe(r.text);
          }
        }
        for (const m of [...a.unknown, ...a.bareCodes]) {
          expect(m.end).toBeLessThanOrEqual(lines[m.line].length);
          expect(lines[m.line].slice(m.start, m.end)).toContain(m.code.replace(/^[A-Z]+/, '').slice(0, 1));
        }
      }),
      RUNS,
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400, unit: fc.constantFrom('a', ' ', '\n', '\r', '\t', '#', '-', '=', '`', '~', '[', ']', '(', ')', '<', '>', '!', '|', 'K', '5', ':', '*', '_', '\\', '\ufeff', 'é') }), (text) => {
        analyzer.analyze(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(document, (text) => {
        expect(summary(analyzer.analyze(text))).toEqual(summary(analyzer.analyze(text)));
      }),
      RUNS,
    );
  });

  it('CRLF and LF give the same result; so does a BOM', () => {
    fc.assert(
      fc.property(document, (text) => {
        const lf = summary(analyzer.analyze(text));
        expect(summary(analyzer.analyze(text.replace(/\n/g, '\r\n')))).toEqual(lf);
        expect(summary(analyzer.analyze('\ufeff' + text))).toEqual(lf);
      }),
      RUNS,
    );
  });

  it('adding text inside a code block never changes the evidence', () => {
    fc.assert(
      fc.property(document, fc.array(proseLine, { minLength: 1, maxLength: 4 }), (text, extra) => {
        const withFence = `${text}\n\`\`\`\nplaceholder\n\`\`\`\n`;
        // only where the fence really is a code block (not swallowed by an open HTML block or
        // list item), as markdown-it, the independent parser, says
        const fences = md.parse(withFence, {}).filter((t) => t.type === 'fence' && t.content === 'placeholder\n');
        fc.pre(fences.length === 1);
        const before = analyzer.analyze(withFence);
        const after = analyzer.analyze(withFence.replace('placeholder', `placeholder\n${extra.join('\n').replace(/```/g, "'''")}`));
        const ev = (a: DocumentAnalysis) => a.tags.map((t) => [t.form, t.codes]);
        expect(ev(after)).toEqual(ev(before));
        expect(after.words).toBe(before.words);
      }),
      RUNS,
    );
  });

  it('the aggregate equals the sum of the per-document results', () => {
    fc.assert(
      fc.property(fc.array(document, { minLength: 1, maxLength: 5 }), (texts) => {
        const docs = texts.map((t, i) => ({ path: `portfolio/${i}.md`, kind: 'portfolio' as const, analysis: analyzer.analyze(t) }));
        const all = buildCoverage(ST1398, docs);
        const parts = docs.map((d) => buildCoverage(ST1398, [d]));
        for (const k of all.ksbs) {
          const sum = parts.reduce((n, p) => n + p.ksbs.find((x) => x.code === k.code)!.evidence.length, 0);
          expect(k.evidence.length).toBe(sum);
          expect(k.covered).toBe(sum > 0);
        }
        expect(all.untagged.length).toBe(parts.reduce((n, p) => n + p.untagged.length, 0));
        expect(all.unknown.length).toBe(parts.reduce((n, p) => n + p.unknown.length, 0));
        expect(all.files.map((f) => f.words)).toEqual(parts.map((p) => p.files[0].words));
      }),
      { numRuns: 150 },
    );
  });

  it('the coverage built in slices equals the one built in one go, pausing after each document and KSB entry', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(document, { minLength: 0, maxLength: 5 }), async (texts) => {
        const docs = texts.map((t, i) => ({ path: `portfolio/${i}.md`, kind: i % 2 ? ('report' as const) : ('portfolio' as const), analysis: analyzer.analyze(t) }));
        let pauses = 0;
        const sliced = await buildCoverageInSlices(ST1398, docs, { wordLimit: 100 }, async () => void pauses++);
        expect(sliced).toEqual(buildCoverage(ST1398, docs, { wordLimit: 100 }));
        expect(pauses).toBe(docs.length + ST1398.ksbs.length);
      }),
      { numRuns: 50 },
    );
  });

  it('headings (level and line) are the ones markdown-it finds', () => {
    fc.assert(
      fc.property(document, (text) => {
        fc.pre(!text.startsWith('---'));
        const ours = analyzer.analyze(text).sections.filter((s) => s.level > 0).map((s) => [s.line, s.level]);
        const theirs = md.parse(text, {}).filter((t) => t.type === 'heading_open').map((t) => [t.map![0], Number(t.tag.slice(1))]);
        expect(ours).toEqual(theirs);
      }),
      RUNS,
    );
  });

  it('no tag is read on a line markdown-it puts in a code block or HTML block (comments aside)', () => {
    fc.assert(
      fc.property(document, (text) => {
        fc.pre(!text.startsWith('---'));
        const blocked = new Set<number>();
        for (const t of md.parse(text, {})) if ((t.type === 'fence' || t.type === 'code_block' || t.type === 'html_block') && t.map) for (let l = t.map[0]; l < t.map[1]; l++) blocked.add(l);
        const tags = analyzer.analyze(text).tags.filter((t) => t.form !== 'comment' && blocked.has(t.line));
        expect(tags).toEqual([]);
      }),
      RUNS,
    );
  });

  it('the JSON report of several documents: the evidence of each KSB is the union of the documents, nothing more', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(document, fc.constantFrom('report' as const, 'portfolio' as const, 'other' as const)), { minLength: 1, maxLength: 4 }), (items) => {
        const docs = items.map(([t, kind], i) => ({ path: `${kind}/${i}.md`, kind, analysis: analyzer.analyze(t) }));
        const all = buildCoverage(ST1398, docs);
        const parts = docs.map((d) => buildCoverage(ST1398, [d]));
        const key = (e: { path: string; line: number; section: string; kind: string }) => `${e.path}:${e.line}:${e.kind}:${e.section}`;
        let covered = 0;
        for (const [i, k] of all.ksbs.entries()) {
          expect(k.evidence.map(key).sort()).toEqual(parts.flatMap((p) => p.ksbs[i].evidence.map(key)).sort());
          covered += k.covered ? 1 : 0;
        }
        expect(all.summary.covered).toBe(covered);
        expect(all.summary.byCategory.knowledge.covered + all.summary.byCategory.skills.covered + all.summary.byCategory.behaviours.covered).toBe(covered);
        expect(all.files.map((f) => f.tags).reduce((a, b) => a + b, 0)).toBe(docs.reduce((n, d) => n + d.analysis.tags.filter((t) => t.codes.length > 0).length, 0));
        // the report's words are the sum of the report files' words
        const reportWords = docs.filter((d) => d.kind === 'report').reduce((n, d) => n + d.analysis.words, 0);
        if (docs.some((d) => d.kind === 'report')) expect(all.summary.report?.words).toBe(reportWords);
      }),
      { numRuns: 150 },
    );
  });

  it('the KSB entries the JSON writer makes by hand equal JSON.stringify of them, byte for byte', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(document, fc.constantFrom('report' as const, 'portfolio' as const), fc.string()), { minLength: 1, maxLength: 4 }), (items) => {
        // paths with quotes, backslashes and control characters must be escaped alike
        const docs = items.map(([t, kind, name], i) => ({ path: `${kind}/${name}"\\\n${i}.md`, kind, analysis: analyzer.analyze(t) }));
        const acc = new CoverageAccumulator(ST1398);
        for (const d of docs) acc.add(d);
        const view = acc.view();
        expect([...view.ksbsJson!]).toEqual([...view.ksbs].map((k) => JSON.stringify(k)));
      }),
      { numRuns: 100 },
    );
  });

  it('a line with CRLF in the middle of an LF document reads as LF (mixed endings)', () => {
    fc.assert(
      fc.property(document, fc.nat(), (text, n) => {
        const lines = text.split('\n');
        const k = n % lines.length;
        const mixed = lines.map((l, i) => (i === k && i < lines.length - 1 ? l + '\r' : l)).join('\n');
        expect(summary(analyzer.analyze(mixed))).toEqual(summary(analyzer.analyze(text)));
      }),
      RUNS,
    );
  });
});
