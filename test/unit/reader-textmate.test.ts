// The TextMate injection grammar (syntaxes/ksb-tags.injection.tmLanguage.json) is made from the
// reader's grammar at build time, and highlights a tag exactly where the reader reads one: on
// every tag example of the tagging spec and every line of the unit tests' documents.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/core/analyze';
import { injectionGrammar, textMatePatterns } from '../../src/core/reader/textmate';
import { ST1398 } from './helpers';

const analyzer = createAnalyzer(ST1398);
const ROOT = path.resolve(__dirname, '../..');

const PATTERNS = textMatePatterns();

/**
 * The line as the injection sees it: what the Markdown grammar scopes as code spans, link
 * destinations, images, HTML tags or link definitions (the injection selector's exclusions) blanked.
 */
function injectable(line: string): string {
  const blank = (m: string) => ' '.repeat(m.length);
  return line
    .replace(/^ {0,3}\[[^\]]+\]:.*$/, blank)
    .replace(/(`+)[^`].*?\1/g, blank)
    .replace(/!\[(?:[^[\]]|\[[^\]]*\])*\]\([^)]*\)/g, blank)
    .replace(/\]\([^)]*\)/g, (m) => ']' + blank(m.slice(1)))
    .replace(/<\/?[A-Za-z][^<>]*>/g, blank);
}

type Match = RegExpExecArray & { indices: [number, number][] };
const ORDER = ['comment', 'bracket', 'label', 'headingStart', 'headingEnd'] as const;

/**
 * The spans a TextMate tokenizer colours as tags in line[from, to): at each place the earliest
 * match of the first pattern wins; a heading code list's text before it is tokenised again by the
 * patterns its capture includes (comments and brackets).
 */
function tokenise(line: string, from: number, to: number, names: readonly (typeof ORDER)[number][]): [number, number][] {
  const spans: [number, number][] = [];
  const text = line.slice(0, to);
  for (let pos = from; pos < to; ) {
    let best: Match | undefined;
    let which: (typeof ORDER)[number] = 'comment';
    for (const name of names) {
      const re = new RegExp(PATTERNS[name], 'gd');
      re.lastIndex = pos;
      const m = re.exec(text) as Match | null;
      if (m && (!best || m.index < best.index)) (best = m), (which = name);
    }
    if (!best) break;
    const m = best;
    if (which === 'label') spans.push([m.indices[1][0], m.indices[2][1]]);
    else if (which === 'headingStart') spans.push(m.indices[1]);
    else if (which === 'headingEnd') spans.push(...tokenise(line, m.indices[1][0], m.indices[1][1], ['comment', 'bracket']), m.indices[2]);
    else spans.push([m.index, m.index + m[0].length]);
    pos = Math.max(m.index + m[0].length, pos + 1);
  }
  return spans;
}

/** The spans a TextMate tokenizer colours as tags on one line. */
function highlighted(raw: string): [number, number][] {
  const line = injectable(raw);
  return tokenise(line, 0, line.length, ORDER);
}

/** The spans the reader reads as tags on a one-line document (a table row under a header). */
function read(line: string): [number, number][] {
  const table = line.trimStart().startsWith('|');
  const a = analyzer.analyze(table ? `| a | b |\n|---|---|\n${line}` : line);
  return a.tags.filter((t) => t.line === (table ? 2 : 0)).map((t) => (t.form === 'comment' ? [line.lastIndexOf('<!--', t.start), line.indexOf('-->', t.end) + 3] : [t.start, t.end]));
}

/** The tag examples of shared/spec/tagging.md, and what is not a tag. */
const SPEC_EXAMPLES = [
  '[K5]', '[K5, S3]', '(K5; S3 & B1)', '[KSBs: K5, S3]', '(S1-S4)', '(S1–S4)',
  '(the S3 bucket)', '[see K5 below]', 'KSBs: K5, S3', '**KSBs:** K1, S1, S16', 'KSBs demonstrated: K5',
  '**Primary KSB:** S19 — design for live operation', 'We added checks <!-- KSB: K5, S3 --> to it.',
  'one two three KSB four five six: K5', 'this shows K5', '### B1. Making it accessible',
  '## 4.2 Monitoring [K15, S21]', '- KSBs: K5 and S3', '> **KSB:** B1', '| Drift | KSBs: K15 |',
  // v2
  '(Distinction K5, S5)', '(Distinction: K5)', '(K20 Distinction)', '(S17 — Secure coding)', '(150, Distinction S22)', '[K5 · S3]', '[D4]',
  '**KSBs:** K2 (Version control), S9 (Code structure)', '**KSBs:** K5, S5 (Distinction: justify), K15, K3', 'KSBs: K9 [data prep]',
  '**Duties:** D1 · **KSBs:** K14, S14', '*Week 14* · **KSBs:** S10 · S24', '### 6.2 Design (400): K27, K25, S19',
  '### 6.4 Testing (350): K25 (Distinction: evaluate), K27', '# K11: Common vulnerabilities', '## S3 — Data preparation',
  '## K6, S1: Using data', '## Sprint 3: S3 bucket migration', '## S3 bucket policy', '### 5.3 Bias testing [K5]: K6',
];

/** Lines of the unit tests' string literals: the documents they read. */
function testLines(): string[] {
  const lines = new Set<string>();
  const dir = path.join(ROOT, 'test/unit');
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.test.ts'))) {
    const sf = ts.createSourceFile(f, readFileSync(path.join(dir, f), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node) => {
      if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) {
        let fenced = false;
        for (const l of n.text.split(/\r?\n/)) {
          if (/^\s*(```|~~~)/.test(l)) fenced = !fenced;
          // one line alone: not inside a fence, HTML, front matter or indented code, where context decides
          // (a comment running over lines is read, but a TextMate match is one line: not coloured)
          else if (!fenced && /[A-Z]\d/.test(l) && !/^( {4}|\t)|^\s*</.test(l) && !/^(ksbs?|  -)/i.test(l) && !/<!--(?!.*-->)/.test(l)) lines.add(l);
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return [...lines];
}

describe('the TextMate grammar', () => {
  it('is the one made from the reader grammar (esbuild.mjs writes it)', () => {
    const committed = JSON.parse(readFileSync(path.join(ROOT, 'syntaxes/ksb-tags.injection.tmLanguage.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(injectionGrammar())));
  });

  it.each(SPEC_EXAMPLES)('highlights exactly what is read: %s', (line) => {
    expect(highlighted(line)).toEqual(read(line));
  });

  it('highlights exactly what is read on every line of the tests', () => {
    const differ = testLines().filter((l) => JSON.stringify(highlighted(l)) !== JSON.stringify(read(l)));
    expect(differ.map((l) => `${l}  (highlighted ${JSON.stringify(highlighted(l))}, read ${JSON.stringify(read(l))})`)).toEqual([]);
  });
});
