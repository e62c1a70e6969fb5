// The ST1398 data against the official text, and every way a standard or config file can be
// wrong: each problem names the file and the line.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledStandard } from '../../src/core/bundled';
import { parseStandard } from '../../src/core/standard';

const REPO = path.resolve(__dirname, '../..');
const yamlText = readFileSync(path.join(REPO, 'standards/st1398.yaml'), 'utf8');
// the official text as the project received it: beside the checkout, or where CI mounts it
const SEED = [path.resolve(REPO, '../shared/seeds'), '/work/shared/seeds', process.env.KSB_SEEDS ?? '']
  .filter(Boolean)
  .map((d) => path.join(d, '000_1951006b2a3bfd67.txt'))
  .find((f) => existsSync(f)) ?? '';

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
    // the parser notices the unclosed bracket where the next line fails to continue it
    ['a YAML syntax error', 'id: X1\ntitle: [unclosed\nksbs: []\n', 3, /YAML syntax/],
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
  ])('%s', (_name, text, line, message) => {
    const { standard, problems } = parseStandard(text, 'standards/custom.yaml');
    expect(standard).toBeUndefined();
    const error = problems.find((p) => p.severity === 'error')!;
    expect(error).toMatchObject({ file: 'standards/custom.yaml', line });
    expect(error.message).toMatch(message);
  });

  it('an empty file', () => {
    const { standard, problems } = parseStandard('', 'empty.yaml');
    expect(standard).toBeUndefined();
    expect(problems[0]).toMatchObject({ file: 'empty.yaml', line: 1, severity: 'error' });
  });

  it('an alias bomb fails fast with a message', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
    const t0 = Date.now();
    const { standard, problems } = parseStandard(bomb.join('\n') + '\nid: X\ntitle: T\nksbs: *i\n', 'bomb.yaml');
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(standard).toBeUndefined();
    expect(problems.some((p) => p.file === 'bomb.yaml' && /alias/i.test(p.message))).toBe(true);
  });

  it('a huge file is refused before parsing', () => {
    const { standard, problems } = parseStandard('# ' + 'x'.repeat(3 * 1024 * 1024), 'huge.yaml');
    expect(standard).toBeUndefined();
    expect(problems[0].message).toMatch(/may be at most 2 MB/);
  });

  it('YAML tags are data, never code', () => {
    const { standard, problems } = parseStandard('id: !!js/function "function(){}"\ntitle: T\nksbs:\n  - { code: K1, category: knowledge, text: A. }\n', 'tags.yaml');
    // an unknown tag is reported; nothing runs
    expect(problems.length + (standard ? 0 : 1)).toBeGreaterThan(0);
  });
});
