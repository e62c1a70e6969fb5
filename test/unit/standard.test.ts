// The ST1398 data against the official text, and every way a standard or config file can be
// wrong: each problem names the file and the line.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledStandard } from '../../src/core/bundled';
import { createAnalyzer } from '../../src/core/analyze';
import { expandRange, parseStandard } from '../../src/core/standard';

const REPO = path.resolve(__dirname, '../..');
const yamlText = readFileSync(path.join(REPO, 'standards/st1398.yaml'), 'utf8');
// the official text as the project received it: beside the checkout, or where CI mounts it
const SEED = [path.resolve(REPO, '../shared/seeds'), '/work/shared/seeds', process.env.KSB_SEEDS ?? '']
  .filter(Boolean)
  .map((d) => path.join(d, '000_1951006b2a3bfd67.txt'))
  .find((f) => existsSync(f)) ?? '';
const EPA_SEED = SEED ? path.join(path.dirname(SEED), '001_8402a506c009c6fa.txt') : '';

describe('standards/st1398.yaml', () => {
  const { standard, problems } = parseStandard(yamlText, 'standards/st1398.yaml');

  it('loads without problems', () => {
    expect(problems).toEqual([]);
    expect(standard).toBeDefined();
  });

  it('has 70 KSBs in order: K1–K31, S1–S34, B1–B5', () => {
    const s = standard!;
    expect(s.ksbs).toHaveLength(70);
    const expected = [...Array.from({ length: 31 }, (_, i) => `K${i + 1}`), ...Array.from({ length: 34 }, (_, i) => `S${i + 1}`), ...Array.from({ length: 5 }, (_, i) => `B${i + 1}`)];
    expect(s.ksbs.map((k) => k.code)).toEqual(expected);
    expect(s.ksbs.filter((k) => k.category === 'knowledge')).toHaveLength(31);
    expect(s.ksbs.filter((k) => k.category === 'skills')).toHaveLength(34);
    expect(s.ksbs.filter((k) => k.category === 'behaviours')).toHaveLength(5);
  });

  it('has id, title, level, version, source, 9 duties and the EPA facts, with no KSBs per method', () => {
    const s = standard!;
    expect({ id: s.id, title: s.title, level: s.level, version: s.version }).toEqual({ id: 'ST1398', title: 'Machine learning engineer', level: 6, version: '1.0' });
    expect(s.source).toMatch(/^https:\/\//);
    expect(s.duties!.map((d) => d.code)).toEqual(['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7', 'D8', 'D9']);
    expect(s.epa?.report).toEqual({ wordLimit: 5000, tolerancePercent: 10 });
    expect(s.epa?.methods?.map((m) => m.name)).toEqual(['Project with report', 'Professional discussion underpinned by a portfolio of evidence']);
    expect(s.epa?.methods?.every((m) => m.ksbs === undefined)).toBe(true);
  });

  it('the bundled copy (parsed at build time) is the same data', () => {
    const b = bundledStandard('ST1398')!;
    expect(b.ksbs).toEqual(standard!.ksbs);
    expect(b.duties).toEqual(standard!.duties);
  });

  describe.skipIf(SEED === '')('compared with the official text in shared/seeds', () => {
    const seed = SEED ? readFileSync(SEED, 'utf8') : '';
    const seedKsbs = new Map([...seed.matchAll(/^([KSB]\d+): (.*)$/gm)].map((m) => [m[1], m[2]]));
    const lines = seed.split(/\r?\n/);
    const seedDuties = new Map<string, string>();
    lines.forEach((l, i) => {
      const m = /^Duty (D\d+)$/.exec(l);
      if (m) seedDuties.set(m[1], lines.slice(i + 1).find((x) => x.trim() !== '')!);
    });

    it('the seed has 70 KSBs and 9 duties', () => {
      expect(seedKsbs.size).toBe(70);
      expect(seedDuties.size).toBe(9);
    });
    it.each([...seedKsbs.keys()])('%s text is exactly the official text', (code) => {
      expect(standard!.byCode.get(code)?.text).toBe(seedKsbs.get(code));
    });
    it.each([...seedDuties.keys()])('duty %s text is exactly the official text', (code) => {
      expect(standard!.duties!.find((d) => d.code === code)?.text).toBe(seedDuties.get(code));
    });
  });
});

describe('a malformed standard: the file, the line and the problem', () => {
  const valid = (ksbs: string) => `id: X1\ntitle: Test\nksbs:\n${ksbs}`;
  it.each([
    // the parser notices an unclosed bracket or quote lines later: the problem is told where it opened
    ['a YAML syntax error: unclosed bracket', 'id: X1\ntitle: [unclosed\nksbs: []\n', 2, /YAML syntax: .*\(opened here, still open at line 3\)/],
    ['a YAML syntax error: unclosed quote', valid('  - { code: K1, category: knowledge, text: "A. }\n  - { code: K2, category: knowledge, text: B. }\n'), 4, /YAML syntax: Missing closing "quote/],
    ["a YAML syntax error: an apostrophe is not a quote", valid("  - code: K1\n    category: knowledge\n    text: The organisation's data.\n  - code: K2\n    category: knowledge\n    text: 'unclosed\n"), 9, /YAML syntax/],
    ['a duplicate code', valid('  - { code: K1, category: knowledge, text: A. }\n  - { code: K1, category: knowledge, text: B. }\n'), 5, /duplicate KSB code K1 \(first defined on line 4\)/],
    ['a missing text', valid('  - { code: K1, category: knowledge, text: A. }\n  - code: K2\n    category: knowledge\n'), 5, /missing `text` of K2/],
    ['an empty text', valid('  - { code: K1, category: knowledge, text: "" }\n'), 4, /`text` of K1 is empty/],
    ['a wrong type', valid('  - { code: K1, category: knowledge, text: [a, b] }\n'), 4, /`text` of K1 must be text/],
    ['a bad category', valid('  - { code: K1, category: attitudes, text: A. }\n'), 4, /category of K1 must be one of knowledge, skills, behaviours, not "attitudes"/],
    ['a lower-case code', valid('  - { code: k1, category: knowledge, text: A. }\n'), 4, /KSB code "k1" must be upper-case letters then a number/],
    ['ksbs not a list', 'id: X1\ntitle: Test\nksbs: K1\n', 3, /`ksbs` must be a non-empty list/],
    ['no ksbs', 'id: X1\ntitle: Test\n', 1, /missing `ksbs`/],
    ['a method naming an unknown KSB', valid('  - { code: K1, category: knowledge, text: A. }\nepa:\n  methods:\n    - { id: p, name: Project, ksbs: [K1, K9] }\n'), 7, /method p names K9, which is not a KSB of this standard/],
    ['not a mapping', '- just\n- a list\n', 1, /must be a mapping/],
    ['a scalar, not a mapping', 'Machine learning engineer\n', 1, /must be a mapping/],
    ['a wrong type for level', 'id: X1\ntitle: Test\nlevel: six\nksbs:\n  - { code: K1, category: knowledge, text: A. }\n', 3, /`level` must be a whole number/],
    ['a wrong type for the word limit', valid('  - { code: K1, category: knowledge, text: A. }\nepa:\n  report:\n    wordLimit: lots\n'), 7, /`epa.report.wordLimit` must be a positive number/],
    ['duties not a list', valid('  - { code: K1, category: knowledge, text: A. }\nduties: D1\n'), 5, /`duties` must be a list/],
    ['a duplicate key', 'id: X1\ntitle: Test\nid: X2\nksbs:\n  - { code: K1, category: knowledge, text: A. }\n', 3, /YAML syntax: Map keys must be unique/],
    ['a tab for indentation', 'id: X1\ntitle: Test\nksbs:\n\t- { code: K1, category: knowledge, text: A. }\n', 4, /YAML syntax: Tabs are not allowed/],
    ['a missing id', 'title: Test\nksbs:\n  - { code: K1, category: knowledge, text: A. }\n', 1, /missing `id`/],
    ['a missing category, deep in the list', valid('  - { code: K1, category: knowledge, text: A. }\n  - { code: K2, category: knowledge, text: B. }\n  - code: S1\n    text: C.\n'), 6, /missing `category` of S1/],
  ])('%s', (_name, text, line, message) => {
    const { standard, problems } = parseStandard(text, 'standards/custom.yaml');
    expect(standard).toBeUndefined();
    const error = problems.find((p) => p.severity === 'error')!;
    expect(error).toMatchObject({ file: 'standards/custom.yaml', line });
    expect(error.message).toMatch(message);
  });

  it.each([[''], ['\n\n'], ['# only a comment\n'], ['\ufeff']])('an empty file (%j)', (text) => {
    const { standard, problems } = parseStandard(text, 'standards/empty.yaml');
    expect(standard).toBeUndefined();
    expect(problems).toEqual([{ file: 'standards/empty.yaml', line: 1, column: 1, severity: 'error', message: expect.stringMatching(/empty.*must be a mapping/) }]);
  });

  it('a byte-order mark (as Windows editors write) is not an error, and lines stay right', () => {
    const ok = parseStandard('\ufeffid: X1\ntitle: Test\nksbs:\n  - { code: K1, category: knowledge, text: A. }\n', 'bom.yaml');
    expect(ok.problems).toEqual([]);
    expect(ok.standard?.ksbs.map((k) => k.code)).toEqual(['K1']);
    const bad = parseStandard('\ufeffid: X1\ntitle: Test\nksbs:\n  - { code: K1, category: knowledge }\n', 'bom.yaml');
    expect(bad.problems).toEqual([expect.objectContaining({ file: 'bom.yaml', line: 4, message: 'missing `text` of K1' })]);
  });

  it('an alias bomb fails fast with a message', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
    const t0 = Date.now();
    const { standard, problems } = parseStandard(bomb.join('\n') + '\nid: X\ntitle: T\nksbs: *i\n', 'bomb.yaml');
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(standard).toBeUndefined();
    // the first value that explodes on its own: `d: &d [*c, ...]` on line 4
    expect(problems).toEqual([expect.objectContaining({ file: 'bomb.yaml', line: 4, severity: 'error', message: expect.stringMatching(/alias/i) })]);
  });

  it('a huge file is refused before parsing', () => {
    const { standard, problems } = parseStandard('# ' + 'x'.repeat(3 * 1024 * 1024), 'huge.yaml');
    expect(standard).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ file: 'huge.yaml', line: 1, severity: 'error', message: expect.stringMatching(/3\.0 MB.*may be at most 2 MB/) })]);
    // just under the limit is parsed
    const under = parseStandard('id: X1\ntitle: Test\nksbs:\n  - { code: K1, category: knowledge, text: A. }\n# ' + 'x'.repeat(2 * 1024 * 1024 - 100), 'under.yaml');
    expect(under.problems).toEqual([]);
  });

  it('YAML tags are data, never code', () => {
    const { standard, problems } = parseStandard('id: !!js/function "function(){}"\ntitle: T\nksbs:\n  - { code: K1, category: knowledge, text: A. }\n', 'tags.yaml');
    // an unknown tag is reported; nothing runs
    expect(problems.length + (standard ? 0 : 1)).toBeGreaterThan(0);
  });
});

describe('custom standards: the reader takes its codes from the standard', () => {
  const yaml = [
    'id: PROV-ML',
    'title: Provider numbering',
    'ksbs:',
    ...['K4', 'K4.1', 'K4.2', 'K4.10', 'DS1', 'DS2', 'D1'].map((c) => `  - { code: ${c}, category: ${c.startsWith('K') ? 'knowledge' : 'skills'}, text: Text of ${c}. }`),
  ].join('\n');
  const { standard, problems } = parseStandard(yaml, 'standards/provider.yaml');
  const analyzer = () => createAnalyzer(standard!);
  const codes = (text: string) => analyzer().analyze(`# Section\n\n${text}\n`).tags.flatMap((t) => t.codes);

  it('loads, with every prefix', () => {
    expect(problems).toEqual([]);
    expect([...standard!.prefixes].sort()).toEqual(['D', 'DS', 'K']);
  });

  it.each([
    ['[K4.1]', ['K4.1']],
    ['[K4]', ['K4']],
    ['(K4.1-K4.10)', ['K4.1', 'K4.2', 'K4.10']],
    ['(K4.1–4.10)', ['K4.1', 'K4.2', 'K4.10']],
    ['[DS1, D1]', ['DS1', 'D1']],
    ['(DS1-DS2)', ['DS1', 'DS2']],
    ['KSBs: K4.2 and DS2', ['K4.2', 'DS2']],
  ])('%s names %j', (text, expected) => {
    expect(codes(text)).toEqual(expected);
  });

  it('codes of ST1398 are not codes here, and dotted codes are not codes of ST1398', () => {
    const here = analyzer().analyze('# A\n\n[K5] and [K4.3]\n');
    expect(here.unknown.map((u) => u.code)).toEqual(['K5', 'K4.3']);
    const st = createAnalyzer(bundledStandard('ST1398')!).analyze('# A\n\n[K4.1] and [DS1]\n');
    expect(st.tags.flatMap((t) => t.codes)).toEqual([]);
    expect(st.unknown.map((u) => u.code)).toEqual(['K4.1']);
  });

  it('ranges expand by number, not by text: K4.1-K4.10 holds K4.2 and no K4', () => {
    expect(expandRange(standard!, 'K4.1', 'K4.10')).toEqual(['K4.1', 'K4.2', 'K4.10']);
    expect(expandRange(standard!, 'K4.10', 'K4.1')).toEqual(['K4.1', 'K4.2', 'K4.10']);
  });
});

describe.skipIf(!existsSync(EPA_SEED))('the report limit, compared with the official EPA summary in shared/seeds', () => {
  it('5000 words with a 10% tolerance, as the summary says', () => {
    const text = readFileSync(EPA_SEED, 'utf8');
    const m = /maximum of (\d+) words \(with a (\d+)% tolerance\)/.exec(text);
    expect(m).not.toBeNull();
    expect(bundledStandard('ST1398')!.epa?.report).toEqual({ wordLimit: Number(m![1]), tolerancePercent: Number(m![2]) });
  });
});
