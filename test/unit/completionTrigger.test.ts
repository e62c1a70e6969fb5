import { describe, expect, it } from 'vitest';
import { completionPlace, searchText } from '../../src/core/completionTrigger';
import { tagContextAt } from '../../src/core/query';
import { ST1398 } from './helpers';

const LETTERS = ST1398.prefixes;
/** The place at `|` in a line of a document body (or of front matter). */
function at(line: string, inFrontMatter = false) {
  const cursor = line.indexOf('|');
  const prefix = line.slice(0, cursor);
  const suffix = line.slice(cursor + 1);
  return completionPlace(prefix, suffix, (p) => tagContextAt(p, { inFrontMatter }), LETTERS);
}

describe('completion waits for a code letter after a bracket in prose', () => {
  it.each([
    'We compared three models [|',
    'The pipeline (|',
    'The pipeline (|)',
    'Stakeholders agreed (see the plan [|]',
    '- a list item about drift [|',
    '## Results (|',
    '### 6.2 Design (|',
    '## [|',
    '## Results [| and more text',
    '> quoted text [|',
  ])('nothing at a bare bracket: %s', (line) => {
    expect(at(line)).toBeUndefined();
  });

  it.each(['We compared three models [stake|', 'The pipeline (for|', 'The pipeline (See|', 'A reference [Data|', '(So|'])('nothing for a word in a prose bracket: %s', (line) => {
    expect(at(line)).toBeUndefined();
  });

  it('offers codes once a code letter follows a prose bracket, matching codes only', () => {
    expect(at('We compared three models [K|')).toEqual({ start: 26, end: 27, typed: 'K', plain: false, written: [] });
    expect(at('The pipeline (S1|')).toMatchObject({ typed: 'S1', plain: false });
    expect(at('Behaviour shown (B|)')).toMatchObject({ typed: 'B', plain: false });
  });

  it('does not take a letter the standard has no codes for', () => {
    expect(at('The duty (D|')).toBeUndefined();
    expect(at('Version (V2|')).toBeUndefined();
  });
});

describe('completion comes at once where a tag is plainly being written', () => {
  it('at the end of a heading, after [', () => {
    expect(at('## 3 Data preparation [|')).toEqual({ start: 23, end: 23, typed: '', plain: true, written: [] });
    expect(at('## 3 Data preparation [|]')).toMatchObject({ plain: true, typed: '' });
    expect(at('### 6.2 Design (400 words) [|')).toMatchObject({ plain: true });
    expect(at('## Closed heading [| ##')).toMatchObject({ plain: true });
  });

  it('inside a tag written already, before its codes', () => {
    expect(at('## Feature selection [|K9]')).toMatchObject({ plain: true, typed: '' });
    expect(at('We retrained it (|K5, S3) last week')).toMatchObject({ plain: true });
    expect(at('We kept it in the (|S3 bucket)')).toBeUndefined();
  });

  it('after a separator inside a tag, in prose too', () => {
    expect(at('We retrained the model (K5, |')).toMatchObject({ plain: true, typed: '', written: ['K5'] });
    expect(at('## Data [K5; S|')).toMatchObject({ plain: true, typed: 'S', written: ['K5'] });
  });

  it('after a KSBs label, in or out of brackets', () => {
    expect(at('KSBs: |')).toMatchObject({ plain: true, typed: '' });
    expect(at('**KSBs:** K1, |')).toMatchObject({ plain: true, written: ['K1'] });
    expect(at('Evidence for this (KSBs: |')).toMatchObject({ plain: true });
  });

  it('in a KSB comment and on a front-matter ksbs line', () => {
    expect(at('<!-- KSB: |')).toMatchObject({ plain: true, typed: '' });
    expect(at('ksbs: [K5, |', true)).toMatchObject({ plain: true, written: ['K5'] });
    expect(at('ksbs: |', true)).toMatchObject({ plain: true });
  });
});

describe('topic words', () => {
  it('are searched where a tag is plainly written', () => {
    expect(at('## 4 Working with the business [stakeholder|')).toEqual({ start: 32, end: 43, typed: 'stakeholder', plain: true, written: [] });
    expect(at('## 4 Working with the business [Stakeholder|]')).toMatchObject({ typed: 'Stakeholder', plain: true });
    expect(at('KSBs: K5, monitor|')).toMatchObject({ typed: 'monitor', plain: true, written: ['K5'] });
    expect(at('<!-- KSB: drift|')).toMatchObject({ typed: 'drift', plain: true });
  });

  it('are not searched in prose or after a finished word', () => {
    expect(at('Working with the business stakeholder|')).toBeUndefined();
    expect(at('KSBs: K5 and then we monitor|')).toBeUndefined();
  });

  it('match a KSB by its code first, then its text', () => {
    const k22 = searchText('K22', ST1398.byCode.get('K22')!.text);
    expect(k22.startsWith('K22 ')).toBe(true);
    expect(k22).toContain('stakeholder');
    expect(searchText('S27', ST1398.byCode.get('S27')!.text)).toContain('stakeholder');
  });
});
