/**
 * Tag form 5 (v2), the heading code list: a heading whose text ends with `:` and a code list
 * (`### 6.2 Design (400): K27, K25, S19`), or starts with one followed by `:` or a dash with white
 * space on both sides (`# K11: Common vulnerabilities`, `## S3 — Data preparation`). Asides are
 * allowed. A code followed by `.` is a section number (`### B1. Making it accessible`).
 */
import { code, isSpaceAt, NBSP, SP, TAB } from '../chars';
import { ASIDES, codeLength, readCodes, tagOf } from '../grammar';
import type { ReaderState } from '../state';
import { dropBareCodes } from './label';

const isDash = (c: number) => c === 45 || c === 0x2013 || c === 0x2014;
const isEmphasis = (c: number) => c === 42 || c === 95;

/** [start, end) of a code list at the heading's start, through its `:` or dash, or undefined. */
function leadingList(st: ReaderState, s: string, from: number, to: number, ln: number): [number, number] | undefined {
  let k = from;
  while (k < to && (isSpaceAt(s, k) || isEmphasis(code(s, k)))) k++;
  if (codeLength(st.grammar, s, k, to) === 0) return undefined;
  const e = readCodes(st.grammar, st.refs, s, k, to, ln, 0, ASIDES);
  if (e < 0) return undefined;
  let j = e;
  while (j < to && isEmphasis(code(s, j))) j++;
  if (code(s, j) === 58) return [k, j + 1];
  let d = j;
  while (d < to && isSpaceAt(s, d)) d++;
  const after = code(s, d + 1);
  return d > j && isDash(code(s, d)) && (after === SP || after === TAB || after === NBSP) ? [k, d + 1] : undefined;
}

/** [start, end) of `:` and the code list that ends the heading, or undefined. */
function trailingList(st: ReaderState, s: string, from: number, to: number, ln: number): [number, number] | undefined {
  for (let c = s.indexOf(':', from); c >= 0 && c < to; c = s.indexOf(':', c + 1)) {
    const e = readCodes(st.grammar, st.refs, s, c + 1, to, ln, 0, ASIDES);
    if (e < 0) continue;
    let j = e;
    while (j < to && (isSpaceAt(s, j) || isEmphasis(code(s, j)))) j++;
    if (j >= to) return [c, e];
  }
  return undefined;
}

/** Count of words (runs without white space holding a letter or digit) in s. */
const wordCount = (s: string) => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/**
 * Reads a heading code list on line ln (its own string s, heading text in [from, to)), unless a
 * tag read there already holds it. Returns the words the list took from the heading's words.
 */
export function readHeadingList(st: ReaderState, s: string, from: number, to: number, ln: number, tagsBefore: number): number {
  const span = leadingList(st, s, from, to, ln) ?? trailingList(st, s, from, to, ln);
  if (!span) return 0;
  const [start, end] = span;
  let at = st.tags.length;
  for (let t = tagsBefore; t < st.tags.length; t++) {
    const tag = st.tags[t];
    if (tag.line !== ln) continue;
    if (tag.start < end && tag.end > start) return 0;
    if (tag.start > start && at === st.tags.length) at = t;
  }
  st.tags.splice(at, 0, tagOf(st.grammar.standard, 'heading', ln, start, end, st.refs.slice(), st.sectionIndex, st.unknown));
  dropBareCodes(st, ln, start, end);
  return wordCount(s.slice(start, end));
}
