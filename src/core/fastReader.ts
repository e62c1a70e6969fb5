/**
 * The evidence reader over bytes: src/core/wasm/reader.c, compiled to WebAssembly, reads a file's
 * UTF-8 bytes as they come from the disk (no decoding into a string) and this adapter builds the
 * same DocumentAnalysis as analyze.ts from what it finds. The CLI reads with it; anything it does
 * not take (a file that is not UTF-8, a binary file, a code span or HTML tag running over lines, a
 * standard whose prefixes are not ASCII) is read by the JS reader instead, so every answer is the
 * JS reader's answer. The unit tests compare the two on random and realistic documents.
 *
 * Pure: no Node or browser API beyond WebAssembly and TextDecoder.
 */
import {
  cleanHeading,
  codeRef,
  createAnalyzer,
  DEFAULT_EXCLUDED_HEADINGS,
  DEFAULT_MIN_WORDS,
  excludedHeadingPattern,
  finishSections,
  setextHeadingText,
  tagOf,
  type Analyzer,
  type AnalyzerOptions,
  type CodeMention,
  type CodeRef,
  type CoverageAnalysis,
  type DocumentAnalysis,
  type Section,
  type Tag,
  type TagForm,
} from './analyze';
import type { Standard } from './standard';


interface ReaderExports {
  memory: WebAssembly.Memory;
  ksb_header(): number;
  ksb_sections(): number;
  ksb_tags(): number;
  ksb_refs(): number;
  ksb_bare(): number;
  ksb_strings(): number;
  ksb_interned_offsets(): number;
  ksb_interned_lengths(): number;
  ksb_interned_bytes(): number;
  ksb_prefix_bytes(): number;
  ksb_prefix_lengths(): number;
  ksb_heap(): number;
  ksb_set_prefixes(n: number): void;
  ksb_read(text: number, n: number, lines: number, room: number): number;
}

// Record layouts of reader.c (numbers of int32 fields).
const H_LINES = 1, H_HEADINGS = 2, H_IGNORE_FILE = 3, H_FM_CLOSED = 4, H_SECTIONS = 5, H_TAGS = 6, H_BARE = 8, H_EVIDENCE = 9, H_INTERNED = 10;
const SEC_SIZE = 10, TAG_SIZE = 9, REF_SIZE = 10, BARE_SIZE = 8;
const FORMS: TagForm[] = ['bracket', 'label', 'comment', 'frontmatter'];
const EVIDENCE = [undefined, 'report', 'portfolio'] as const;
const READ_MORE_ROOM = 5;
/** Files larger than this are left to the JS reader (the reader's memory holds the file and 8 bytes a line). */
const MAX_BYTES = 64 << 20;

const decoder = new TextDecoder('utf-8');

/**
 * The JS analyzer with analyzeBytes() backed by the WebAssembly reader, or the JS analyzer alone
 * when this standard's prefixes cannot be given to it.
 */
export function createBytesAnalyzer(module: WebAssembly.Module, standard: Standard, options: AnalyzerOptions = {}): Analyzer {
  const js = createAnalyzer(standard, options);
  const prefixes = standard.prefixes;
  const prefixBytes = prefixes.reduce((n, p) => n + p.length, 0);
  if (prefixes.length === 0 || prefixes.length > 64 || prefixBytes > 1024 || prefixes.some((p) => !/^[\x21-\x7e]+$/.test(p))) return js;

  const wasm = new WebAssembly.Instance(module, {}).exports as unknown as ReaderExports;
  const minWords = options.minWords ?? DEFAULT_MIN_WORDS;
  const excludedRe = excludedHeadingPattern(options.excludedHeadings ?? DEFAULT_EXCLUDED_HEADINGS);
  {
    const mem = new Uint8Array(wasm.memory.buffer);
    const lengths = new Int32Array(wasm.memory.buffer, wasm.ksb_prefix_lengths(), prefixes.length);
    let at = wasm.ksb_prefix_bytes();
    prefixes.forEach((p, k) => {
      lengths[k] = p.length;
      for (let i = 0; i < p.length; i++) mem[at++] = p.charCodeAt(i);
    });
    wasm.ksb_set_prefixes(prefixes.length);
  }
  const textAt = (wasm.ksb_heap() + 7) & ~7;
  const headerAt = wasm.ksb_header() >> 2, sectionsAt = wasm.ksb_sections() >> 2, tagsAt = wasm.ksb_tags() >> 2, refsAt = wasm.ksb_refs() >> 2, bareAt = wasm.ksb_bare() >> 2;
  const stringsAt = wasm.ksb_strings();
  const internedOffsetsAt = wasm.ksb_interned_offsets() >> 2, internedLengthsAt = wasm.ksb_interned_lengths() >> 2, internedBytesAt = wasm.ksb_interned_bytes();
  // views of the reader's memory, made again when it grows
  let mem = new Uint8Array(wasm.memory.buffer);
  let m32 = new Int32Array(wasm.memory.buffer);

  /** The string of `length` UTF-8 bytes at `at`: codes and headings are short and mostly ASCII. */
  const text = (at: number, length: number): string => {
    if (length < 40) {
      let s = '';
      for (let i = at; i < at + length; i++) {
        const c = mem[i];
        if (c >= 128) return decoder.decode(mem.subarray(at, at + length));
        s += String.fromCharCode(c);
      }
      return s;
    }
    return decoder.decode(mem.subarray(at, at + length));
  };

  // the reader's interned strings (written codes, bare codes, headings), each decoded once, and what
  // each written code names and whether a bare code is the standard's, each looked up once
  const interned: string[] = [];
  const namedById: CodeRef[] = [];
  const bareById: boolean[] = [];
  const named = new Map<string, CodeRef>();
  const ref = (r: number): CodeRef => {
    const id = m32[r + 9];
    let known = id >= 0 ? namedById[id] : undefined;
    if (known === undefined) known = nameOf(r, id);
    return { text: known.text, codes: known.codes.slice(), valid: known.valid, line: m32[r], start: m32[r + 1], end: m32[r + 2] };
  };
  const nameOf = (r: number, id: number): CodeRef => {
    const written = id >= 0 ? interned[id] : text(m32[r + 3], m32[r + 4]);
    let known = named.get(written);
    if (known === undefined) {
      const from = written.slice(0, m32[r + 5]);
      let to: string | undefined;
      if (m32[r + 6] >= 0) {
        to = text(m32[r + 6], m32[r + 7]);
        if (m32[r + 8]) to = from.replace(/[\d.]+$/, '') + to;
      }
      known = codeRef(standard, written, from, to, 0, 0, 0);
      if (named.size < 10000) named.set(written, known);
    }
    if (id >= 0) namedById[id] = known;
    return known;
  };

  // whether a heading is excluded, by its text: headings repeat across a cohort's files
  const excludedHeadings = new Map<string, boolean>();
  const excluded = {
    test(heading: string): boolean {
      let e = excludedHeadings.get(heading);
      if (e === undefined) {
        e = excludedRe.test(heading);
        if (excludedHeadings.size < 10000) excludedHeadings.set(heading, e);
      }
      return e;
    },
  };

  // the written codes the standard lacks, by the interned number of what was written
  const unknownById: string[][] = [];
  const unknownOf = (r: number, known: CodeRef): string[] => {
    const id = m32[r + 9];
    let codes = id >= 0 ? unknownById[id] : undefined;
    if (codes === undefined) {
      const found: CodeMention[] = [];
      tagOf(standard, 'bracket', 0, 0, 0, [known], 0, found);
      codes = found.map((u) => u.code);
      if (id >= 0) unknownById[id] = codes;
    }
    return codes;
  };

  const room = (bytes: number): void => {
    if (wasm.memory.buffer.byteLength >= bytes) return;
    wasm.memory.grow(Math.ceil((bytes - wasm.memory.buffer.byteLength) / 65536));
    mem = new Uint8Array(wasm.memory.buffer);
    m32 = new Int32Array(wasm.memory.buffer);
  };
  /** Room for the line table, in numbers (two a line): an evidence file has a line every ~100 bytes. */
  let lineRoom = 1 << 14;

  /** Reads the bytes into the reader; false when it leaves them to the JS reader. */
  const read = (bytes: Uint8Array): boolean => {
    const n = bytes.length;
    if (n > MAX_BYTES) return false;
    const linesAt = (textAt + n + 7) & ~7;
    lineRoom = Math.max(lineRoom, 2 * ((n >> 5) + 1));
    room(linesAt + 4 * lineRoom);
    mem.set(bytes, textAt);
    let status = wasm.ksb_read(textAt, n, linesAt, lineRoom);
    if (status === READ_MORE_ROOM) {
      // short lines: the reader said how many
      lineRoom = 2 * m32[headerAt + H_LINES];
      room(linesAt + 4 * lineRoom);
      status = wasm.ksb_read(textAt, n, linesAt, lineRoom);
    }
    // not read here (binary, not UTF-8, a construct left to the JS reader): the JS path reads it
    if (status !== 0) return false;
    for (let id = interned.length, count = m32[headerAt + H_INTERNED]; id < count; id++) interned.push(text(internedBytesAt + m32[internedOffsetsAt + id], m32[internedLengthsAt + id]));
    return true;
  };

  const frontMatterRead = (): DocumentAnalysis['frontMatter'] => {
    const fmClosed = m32[headerAt + H_FM_CLOSED];
    if (fmClosed <= 0) return undefined;
    const frontMatter: NonNullable<DocumentAnalysis['frontMatter']> = { endLine: fmClosed };
    const evidence = EVIDENCE[m32[headerAt + H_EVIDENCE]];
    if (evidence) frontMatter.evidence = evidence;
    return frontMatter;
  };

  const sectionsRead = (): Section[] => {
    const sections: Section[] = [];
    for (let k = 0, count = m32[headerAt + H_SECTIONS]; k < count; k++) {
      const r = sectionsAt + k * SEC_SIZE;
      const id = m32[r + 9];
      let heading: string;
      if (id >= 0) heading = interned[id]; // an ATX heading, cleaned by the reader
      else {
        const raw = m32[r + 7] > 0 ? text(stringsAt + m32[r + 6], m32[r + 7]) : '';
        heading = m32[r + 8] ? setextHeadingText(raw.split('\n').slice(0, -1)) : cleanHeading(raw);
      }
      sections.push({ heading, level: m32[r], line: m32[r + 1], endLine: m32[r + 2], words: m32[r + 3], headingWords: m32[r + 4], tagged: false, excluded: false, ignored: m32[r + 5] === 1, untagged: false });
    }
    return sections;
  };

  /** Sections' flags and the document's words, once its tags are known. */
  const finish = (sections: Section[], tags: readonly Pick<Tag, 'form' | 'section'>[]): number => {
    const fileTagged = tags.length > 0 && tags[0].form === 'frontmatter';
    return finishSections(sections, tags, fileTagged, m32[headerAt + H_IGNORE_FILE] === 1, excluded, minWords);
  };

  const analyzeBytes = (bytes: Uint8Array): DocumentAnalysis | undefined => {
    if (!read(bytes)) return undefined;
    const frontMatter = frontMatterRead();
    const sections = sectionsRead();
    const tags: Tag[] = [];
    const unknown: CodeMention[] = [];
    for (let k = 0, count = m32[headerAt + H_TAGS]; k < count; k++) {
      const r = tagsAt + k * TAG_SIZE;
      const refs: CodeRef[] = [];
      for (let x = m32[r + 6], end = x + m32[r + 7]; x < end; x++) refs.push(ref(refsAt + x * REF_SIZE));
      tags.push(tagOf(standard, FORMS[m32[r]], m32[r + 1], m32[r + 2], m32[r + 3], refs, m32[r + 8], unknown));
    }

    const bareCodes: CodeMention[] = [];
    for (let k = 0, count = m32[headerAt + H_BARE]; k < count; k++) {
      const r = bareAt + k * BARE_SIZE;
      const id = m32[r + 7];
      const code = id >= 0 ? interned[id] : text(m32[r + 6], m32[r + 4]);
      let valid = id >= 0 ? bareById[id] : undefined;
      if (valid === undefined) {
        valid = standard.byCode.has(code);
        if (id >= 0) bareById[id] = valid;
      }
      if (valid) bareCodes.push({ code, line: m32[r], start: m32[r + 1], end: m32[r + 2], section: m32[r + 5] });
    }

    const words = finish(sections, tags);
    const ignoreFile = m32[headerAt + H_IGNORE_FILE] === 1;
    return { sections, tags, unknown, bareCodes, words, headings: m32[headerAt + H_HEADINGS], ...(frontMatter ? { frontMatter } : {}), ignoreFile, lineCount: m32[headerAt + H_LINES] };
  };

  // the same reading as analyzeBytes for what the coverage reads (the tags' codes and unknown
  // codes from what each written code names, once per distinct written code)
  const coverageOfBytes = (bytes: Uint8Array): CoverageAnalysis | undefined => {
    if (!read(bytes)) return undefined;
    const frontMatter = frontMatterRead();
    const sections = sectionsRead();
    const tags: CoverageAnalysis['tags'][number][] = [];
    const unknown: CoverageAnalysis['unknown'][number][] = [];
    for (let k = 0, count = m32[headerAt + H_TAGS]; k < count; k++) {
      const t = tagsAt + k * TAG_SIZE;
      const codes: string[] = [];
      for (let x = m32[t + 6], end = x + m32[t + 7]; x < end; x++) {
        const r = refsAt + x * REF_SIZE;
        const id = m32[r + 9];
        const known = (id >= 0 ? namedById[id] : undefined) ?? nameOf(r, id);
        for (const code of known.codes) if (!codes.includes(code)) codes.push(code);
        if (!known.valid) for (const code of unknownOf(r, known)) unknown.push({ line: m32[r], code });
      }
      tags.push({ form: FORMS[m32[t]], line: m32[t + 1], codes, section: m32[t + 8] });
    }
    const words = finish(sections, tags);
    return { sections, tags, unknown, words, headings: m32[headerAt + H_HEADINGS], ...(frontMatter ? { frontMatter } : {}) };
  };

  return { standard, analyze: js.analyze, analyzeBytes, coverageOfBytes };
}
