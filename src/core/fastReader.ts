/**
 * The evidence reader over bytes: src/core/wasm/reader.c, compiled to WebAssembly, reads a file's
 * UTF-8 bytes as they come from the disk (no decoding into a string) and this adapter builds the
 * same DocumentAnalysis as analyze.ts from what it finds. The CLI reads files with it (and has it
 * work out each file's coverage and write the JSON report's evidence), the editor each open
 * document's text (analyze(text): the text as UTF-8); anything it does not take (a file that is
 * not UTF-8, a binary file, a code span or HTML tag running over lines, a standard whose prefixes
 * are not ASCII, a text with a lone surrogate half) is read by the JS reader instead, so every
 * answer is the JS reader's answer. The unit tests compare the two on random and realistic
 * documents.
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
  isExcludedHeading,
  setextHeadingText,
  tagOf,
  unknownCodesOf,
  type Analyzer,
  type AnalyzerOptions,
  type CodeMention,
  type CodeRef,
  type DocumentAnalysis,
  type Section,
  type Tag,
  type TagForm,
} from './analyze';
import type { Classifier } from './config';
import { KIND_INDEX, placePathJson, placeSectionJson, type CoverageSink, type EvidenceJsonWriter } from './coverage';
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
  ksb_buffer(bytes: number, keep: number): number;
  ksb_set_prefixes(n: number): void;
  ksb_read(text: number, n: number, lines: number, room: number): number;
  ksb_cover(): number;
  ksb_places(): number;
  ksb_cover_ksbs(): number;
  ksb_set_min_words(n: number): void;
  ksb_json_evidence(ksbs: number, ksbEnd: number, file: number, line: number, section: number, fileAt: number, fileKind: number, sectionAt: number, bytes: number, out: number, outEnd: number, room: number): number;
}

/** What reader.c asks of JavaScript while it reads a file's coverage (its js_ imports). */
interface ReaderImports {
  js_resolve(ref: number): number;
  js_heading(section: number): number;
  js_excluded(heading: number): number;
  js_unknown(ref: number): void;
  js_untagged(line: number, heading: number, words: number): void;
  js_drain(): void;
}

// Record layouts of reader.c (int32 fields; its enums of the same names).
const enum H { Status, Lines, Headings, IgnoreFile, FmClosed, Sections, Tags, Refs, Bare, Evidence, Interned, TagCount, Places, Replacement }
const enum Sec { Level, Line, EndLine, Words, HeadingWords, Ignored, Str, StrLen, Setext, Id, Size }
const enum TagField { Form, Line, Start, End, StartB, EndB, RefFirst, RefCount, Section, Size }
const enum Ref { Line, Start, End, Text, TextLen, FromLen, To, ToLen, ToPrefixed, Id, Size }
const enum Bare { Line, Start, End, Off, Len, Section, Id, Size }
const FORMS: TagForm[] = ['bracket', 'label', 'comment', 'frontmatter'];
const EVIDENCE = [undefined, 'report', 'portfolio'] as const;
const READ_MORE_ROOM = 5;
/** reader.c's MAX_KSBS: a standard with more KSBs is left to the JS reader. */
const MAX_KSBS = 4096;
/** Heading handles of reader.c: an interned string's number, HEADING_EMPTY for '', below it one of `extraHeadings`. */
const HEADING_EMPTY = -1;
const RESOLVED_NAMED = 1 << 20, RESOLVED_VALID = 1 << 21;
/** Files larger than this are left to the JS reader (the reader's memory holds the file and 8 bytes a line). */
const MAX_BYTES = 64 << 20;

const decoder = new TextDecoder('utf-8');
/** A string without lone surrogate halves, which UTF-8 carries as they are. */
const wellFormed = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

/**
 * The JS analyzer with analyzeBytes() (the whole analysis) and coverageInto() (what the
 * coverage reads) backed by the WebAssembly reader, or the JS analyzer alone when this standard's
 * prefixes cannot be given to it. One reader instance: not for two documents at once.
 */
export function createBytesAnalyzer(module: WebAssembly.Module, standard: Standard, options: AnalyzerOptions = {}): Analyzer {
  const js = createAnalyzer(standard, options);
  const prefixes = standard.prefixes;
  const prefixBytes = prefixes.reduce((n, p) => n + p.length, 0);
  if (prefixes.length === 0 || prefixes.length > 64 || prefixBytes > 1024 || standard.ksbs.length > MAX_KSBS || prefixes.some((p) => !/^[\x21-\x7e]+$/.test(p))) return js;

  // the imports call these, set up below (they need the instance's memory)
  // (each first makes its views again: the reader may have grown its memory before the call)
  const imports: ReaderImports = {
    js_resolve: (x) => (fresh(), resolveRef(x)),
    js_heading: (k) => (fresh(), headingHandle(k)),
    js_excluded: (h) => (excluded.test(headingString(h)) ? 1 : 0),
    js_unknown: (x) => (fresh(), unknownRef(x)),
    js_untagged: (line, h, words) => coverSink.untaggedSection(line, headingString(h), words),
    js_drain: () => (fresh(), drainPlaces()),
  };
  const wasm = new WebAssembly.Instance(module, { env: imports }).exports as unknown as ReaderExports;
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
  const headerAt = wasm.ksb_header() >> 2;
  // the reader's tables grow as documents need: where they are now (read again after each document)
  let sectionsAt = 0, tagsAt = 0, refsAt = 0, bareAt = 0, stringsAt = 0;
  /** Where the document being read starts. */
  let docAt = 0;
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
    const known = nameOf(r);
    return { text: known.text, codes: known.codes.slice(), valid: known.valid, line: m32[r + Ref.Line], start: m32[r + Ref.Start], end: m32[r + Ref.End] };
  };
  /** What the written code or range of ref record r names (its line and columns aside). */
  const nameOf = (r: number): CodeRef => {
    const id = m32[r + Ref.Id];
    if (id >= 0 && namedById[id] !== undefined) return namedById[id];
    const written = id >= 0 ? interned[id] : text(m32[r + Ref.Text], m32[r + Ref.TextLen]);
    let known = named.get(written);
    if (known === undefined) {
      const from = written.slice(0, m32[r + Ref.FromLen]);
      let to: string | undefined;
      if (m32[r + Ref.To] >= 0) {
        to = text(m32[r + Ref.To], m32[r + Ref.ToLen]);
        if (m32[r + Ref.ToPrefixed]) to = from.replace(/[\d.]+$/, '') + to;
      }
      known = codeRef(standard, written, from, to, 0, 0, 0);
      if (named.size < 10000) named.set(written, known);
    }
    if (id >= 0) namedById[id] = known;
    return known;
  };

  // whether a heading is excluded, by the heading as written: headings repeat across a cohort's
  // files, and the reader's are interned strings, so a repeat costs one lookup
  const excludedHeadings = new Map<string, boolean>();
  const excluded = {
    test(heading: string): boolean {
      let e = excludedHeadings.get(heading);
      if (e === undefined) {
        e = isExcludedHeading(excludedRe, heading);
        if (excludedHeadings.size < 10000) excludedHeadings.set(heading, e);
      }
      return e;
    },
  };

  // the written codes the standard lacks, by the interned number of what was written
  const unknownById: string[][] = [];
  const unknownOf = (r: number, known: CodeRef): string[] => {
    const id = m32[r + Ref.Id];
    let codes = id >= 0 ? unknownById[id] : undefined;
    if (codes === undefined) {
      codes = unknownCodesOf(standard, known.text);
      if (id >= 0) unknownById[id] = codes;
    }
    return codes;
  };

  /**
   * Views of the memory made again after it grew: any call into the reader may grow it, which
   * detaches the old views (their length becomes 0; reading memory.buffer for every file instead
   * cost ~10 ms a CLI run).
   */
  const fresh = (): void => {
    if (mem.byteLength !== 0) return;
    mem = new Uint8Array(wasm.memory.buffer);
    m32 = new Int32Array(wasm.memory.buffer);
  };
  /** Room for the line table, in numbers (two a line): an evidence file has a line every ~100 bytes. */
  let lineRoom = 1 << 14;
  /** The reader's buffer, with room for a document of n bytes and its line table (the document kept when `keep`); 0 when memory cannot grow. */
  const documentBuffer = (n: number, keep: boolean): number => {
    lineRoom = Math.max(lineRoom, 2 * ((n >> 5) + 1));
    const at = wasm.ksb_buffer(n + 8 + 4 * lineRoom, keep ? 1 : 0);
    fresh();
    return at;
  };

  /** Reads the bytes into the reader; false when it leaves them to the JS reader. */
  const read = (bytes: Uint8Array): boolean => {
    const n = bytes.length;
    if (n > MAX_BYTES) return false;
    const at = documentBuffer(n, false);
    if (at === 0) return false;
    mem.set(bytes, at);
    return readInPlace(at, n);
  };

  /** Reads the n bytes at `at` (in the reader's buffer); false when it leaves them to the JS reader. */
  const readInPlace = (at: number, n: number): boolean => {
    let status = wasm.ksb_read(at, n, (at + n + 7) & ~7, lineRoom);
    fresh();
    if (status === READ_MORE_ROOM) {
      // short lines: the reader said how many
      lineRoom = 2 * m32[headerAt + H.Lines];
      at = documentBuffer(n, true);
      if (at === 0) return false;
      status = wasm.ksb_read(at, n, (at + n + 7) & ~7, lineRoom);
      fresh();
    }
    // not read here (binary, not UTF-8, a construct left to the JS reader): the JS path reads it
    if (status !== 0) return false;
    docAt = at;
    sectionsAt = wasm.ksb_sections() >> 2;
    tagsAt = wasm.ksb_tags() >> 2;
    refsAt = wasm.ksb_refs() >> 2;
    bareAt = wasm.ksb_bare() >> 2;
    stringsAt = wasm.ksb_strings();
    const count = m32[headerAt + H.Interned];
    if (interned.length < count) {
      const offsetsAt = wasm.ksb_interned_offsets() >> 2, lengthsAt = wasm.ksb_interned_lengths() >> 2, bytesAt = wasm.ksb_interned_bytes();
      for (let id = interned.length; id < count; id++) interned.push(text(bytesAt + m32[offsetsAt + id], m32[lengthsAt + id]));
    }
    return true;
  };

  /** The front matter's `evidence:` kind, when the file has front matter that says one. */
  const evidenceRead = () => (m32[headerAt + H.FmClosed] > 0 ? EVIDENCE[m32[headerAt + H.Evidence]] : undefined);

  const frontMatterRead = (): DocumentAnalysis['frontMatter'] => {
    const fmClosed = m32[headerAt + H.FmClosed];
    if (fmClosed <= 0) return undefined;
    const frontMatter: NonNullable<DocumentAnalysis['frontMatter']> = { endLine: fmClosed };
    const evidence = evidenceRead();
    if (evidence) frontMatter.evidence = evidence;
    return frontMatter;
  };

  // headings the reader leaves to JS (setext, and ATX ones it could not intern), cleaned once each
  const cleanedSetext = new Map<string, string>();
  const cleanedAtx = new Map<string, string>();
  /** The heading of section record r. */
  const headingOf = (r: number): string => {
    const id = m32[r + Sec.Id];
    if (id >= 0) return interned[id]; // an ATX heading, cleaned by the reader
    const length = m32[r + Sec.StrLen];
    if (length === 0) return ''; // the text before the first heading (cleanHeading('') is '')
    const raw = text(stringsAt + m32[r + Sec.Str], length);
    const setext = m32[r + Sec.Setext] === 1;
    const cleaned = setext ? cleanedSetext : cleanedAtx;
    let heading = cleaned.get(raw);
    if (heading === undefined) {
      heading = setext ? setextHeadingText(raw.split('\n').slice(0, -1)) : cleanHeading(raw);
      if (cleaned.size < 10000) cleaned.set(raw, heading);
    }
    return heading;
  };

  const blankSection = (): Section => ({ heading: '', level: 0, line: 0, endLine: 0, words: 0, headingWords: 0, tagged: false, excluded: false, ignored: false, untagged: false });
  /** Section s as record r has it, before finishSections. */
  const sectionFrom = (r: number, s: Section): Section => {
    s.heading = headingOf(r);
    s.level = m32[r + Sec.Level];
    s.line = m32[r + Sec.Line];
    s.endLine = m32[r + Sec.EndLine];
    s.words = m32[r + Sec.Words];
    s.headingWords = m32[r + Sec.HeadingWords];
    s.tagged = s.excluded = s.untagged = false;
    s.ignored = m32[r + Sec.Ignored] === 1;
    return s;
  };

  const sectionsRead = (): Section[] => {
    const sections: Section[] = [];
    for (let k = 0, count = m32[headerAt + H.Sections]; k < count; k++) sections.push(sectionFrom(sectionsAt + k * Sec.Size, blankSection()));
    return sections;
  };

  /** Sections' flags and the document's words, once its tags are known. */
  const finish = (sections: Section[], tags: readonly Pick<Tag, 'form' | 'section'>[]): number => {
    const fileTagged = tags.length > 0 && tags[0].form === 'frontmatter';
    return finishSections(sections, tags, fileTagged, m32[headerAt + H.IgnoreFile] === 1, excluded, minWords);
  };

  const analyzeBytes = (bytes: Uint8Array): DocumentAnalysis | undefined => (read(bytes) ? analysisRead() : undefined);

  // analyze(text): the text as UTF-8 after a byte-order mark (which decoding drops, so the reader
  // reads exactly `text`: a BOM of the text's own is then the one the JS reader skips). ~3x the
  // JS reader's speed on a 10,000-word document, for the editor's analysis on every change.
  const encoder = new TextEncoder();
  const BOM = [0xef, 0xbb, 0xbf];
  const analyzeText = (s: string): DocumentAnalysis => {
    const most = 3 + 3 * s.length;
    const at = most <= MAX_BYTES ? documentBuffer(most, false) : 0;
    if (at !== 0) {
      mem.set(BOM, at);
      const { written } = encoder.encodeInto(s, mem.subarray(at + 3, at + most));
      // a lone surrogate half is encoded as U+FFFD, which is not the text: the JS reader reads that
      if (readInPlace(at, 3 + written) && (m32[headerAt + H.Replacement] === 0 || wellFormed(s))) return analysisRead();
    }
    return js.analyze(s);
  };

  const analysisRead = (): DocumentAnalysis => {
    const frontMatter = frontMatterRead();
    const sections = sectionsRead();
    const tags: Tag[] = [];
    const unknown: CodeMention[] = [];
    for (let k = 0, count = m32[headerAt + H.Tags]; k < count; k++) {
      const r = tagsAt + k * TagField.Size;
      const refs: CodeRef[] = [];
      for (let x = m32[r + TagField.RefFirst], end = x + m32[r + TagField.RefCount]; x < end; x++) refs.push(ref(refsAt + x * Ref.Size));
      tags.push(tagOf(standard, FORMS[m32[r + TagField.Form]], m32[r + TagField.Line], m32[r + TagField.Start], m32[r + TagField.End], refs, m32[r + TagField.Section], unknown));
    }

    const bareCodes: CodeMention[] = [];
    for (let k = 0, count = m32[headerAt + H.Bare]; k < count; k++) {
      const r = bareAt + k * Bare.Size;
      const id = m32[r + Bare.Id];
      const code = id >= 0 ? interned[id] : text(docAt + m32[r + Bare.Off], m32[r + Bare.Len]);
      let valid = id >= 0 ? bareById[id] : undefined;
      if (valid === undefined) {
        valid = standard.byCode.has(code);
        if (id >= 0) bareById[id] = valid;
      }
      if (valid) bareCodes.push({ code, line: m32[r + Bare.Line], start: m32[r + Bare.Start], end: m32[r + Bare.End], section: m32[r + Bare.Section] });
    }

    const words = finish(sections, tags);
    const ignoreFile = m32[headerAt + H.IgnoreFile] === 1;
    return { sections, tags, unknown, bareCodes, words, headings: m32[headerAt + H.Headings], ...(frontMatter ? { frontMatter } : {}), ignoreFile, lineCount: m32[headerAt + H.Lines] };
  };

  // coverageInto: the same reading as analyzeBytes, for what the coverage reads, handed straight to
  // the sink. reader.c's ksb_cover does the work of each file (a CLI run is short, and JavaScript
  // doing it ran mostly before V8 had optimised it); what needs the standard or a string it asks
  // for here, once for each of its interned strings.
  wasm.ksb_set_min_words(minWords);
  const placesAt = wasm.ksb_places() >> 2;
  const coverKsbsAt = wasm.ksb_cover_ksbs() >> 2;
  let coverSink: CoverageSink;
  // headings without an interned string (setext ones, say), by handle -2, -3, ...
  const extraHeadings: string[] = [];
  const extraHandles = new Map<string, number>();
  const headingString = (h: number): string => (h >= 0 ? interned[h] : h === HEADING_EMPTY ? '' : extraHeadings[-2 - h]);
  const headingHandle = (k: number): number => {
    const heading = headingOf(sectionsAt + k * Sec.Size);
    let h = extraHandles.get(heading);
    if (h === undefined) {
      h = -2 - extraHeadings.length;
      extraHeadings.push(heading);
      extraHandles.set(heading, h);
    }
    return h;
  };
  const ksbsById: number[][] = [];
  /** The KSB indices (in the standard's order) that ref record x names, into the reader's coverKsbs, and its flags. */
  const resolveRef = (x: number): number => {
    const r = refsAt + x * Ref.Size;
    const known = nameOf(r);
    const id = m32[r + Ref.Id];
    let ksbs = id >= 0 ? ksbsById[id] : undefined;
    if (ksbs === undefined) {
      ksbs = [];
      for (const code of known.codes) {
        const i = standard.order.get(code);
        if (i !== undefined) ksbs.push(i); // (repeats across a tag's refs are dropped by the reader)
      }
      if (id >= 0) ksbsById[id] = ksbs;
    }
    for (let j = 0; j < ksbs.length; j++) m32[coverKsbsAt + j] = ksbs[j];
    return ksbs.length | (known.codes.length ? RESOLVED_NAMED : 0) | (known.valid ? RESOLVED_VALID : 0);
  };
  const unknownRef = (x: number): void => {
    const r = refsAt + x * Ref.Size;
    const codes = unknownOf(r, nameOf(r));
    for (let j = 0; j < codes.length; j++) coverSink.unknownCode(m32[r + Ref.Line], codes[j]);
  };
  // the sink's number for each heading handle, asked once a handle (for this sink: another has its
  // own numbers), by the handle: interned ones from 0, the others (-1, -2, ...) from -1 down
  let numberedFor: CoverageSink | undefined;
  let numberByHandle: number[] = [];
  let numberByNegative: number[] = [];
  const drainPlaces = (): void => {
    const sink = coverSink;
    if (numberedFor !== sink) {
      numberedFor = sink;
      numberByHandle = [];
      numberByNegative = [];
    }
    for (let k = 0, n = m32[headerAt + H.Places], p = placesAt; k < n; k++, p += 3) {
      const h = m32[p + 2];
      const section = h >= 0 ? (numberByHandle[h] ??= sink.sectionNumber(interned[h])) : (numberByNegative[-1 - h] ??= sink.sectionNumber(headingString(h)));
      sink.placeIn(m32[p], m32[p + 1], section);
    }
  };

  const coverageInto = (bytes: Uint8Array, path: string, classifier: Pick<Classifier, 'kind'>, sink: CoverageSink): boolean => {
    if (!read(bytes)) return false;
    sink.beginFile(path, classifier.kind(path, evidenceRead()));
    coverSink = sink;
    const words = wasm.ksb_cover();
    fresh();
    drainPlaces();
    sink.endFile(words, m32[headerAt + H.Headings], m32[headerAt + H.TagCount]);
    return true;
  };

  // evidenceJson: the JSON report's evidence, made by reader.c's ksb_json_evidence from pieces that
  // JSON.stringify wrote once for each file and section, in the memory the file texts used
  const evidenceJson: EvidenceJsonWriter['evidenceJson'] = (files, sections, columnsOf) => {
    const F = files.length, S = sections.length;
    // All in the reader's buffer, by offset from its start (it moves when it grows): each file's
    // `{"path":…,"line":` and each section's `,"section":…` (offset and length; a file's kind), the
    // pieces' bytes, then KSB by KSB its columns and output. Each list of pieces goes in one
    // encoding where all are ASCII (paths and headings mostly are: each one's bytes are then where
    // its characters are).
    let base = 0;
    let size = 0;
    /** Room for `bytes` in the buffer, what is in it kept. */
    const room = (bytes: number): void => {
      if (bytes <= size) return;
      size = Math.max(bytes, size * 2);
      base = wasm.ksb_buffer(size, 1);
      fresh();
      if (base === 0) throw new Error('ksb-evidence: out of memory writing the report');
    };
    const fileAtOff = 0, fileKindOff = 8 * F, sectionAtOff = fileKindOff + 4 * F, bytesOff = sectionAtOff + 8 * S;
    let bytesEnd = bytesOff;
    /** The pieces' bytes after bytesEnd, each one's offset (from bytesOff) and length at `atOff`. */
    const putPieces = (pieces: string[], atOff: number): void => {
      const joined = pieces.join('');
      room(bytesEnd + 3 * joined.length + 8);
      const written = encoder.encodeInto(joined, mem.subarray(base + bytesEnd, base + size)).written;
      const ascii = written === joined.length;
      for (let j = 0, offset = bytesEnd - bytesOff; j < pieces.length; j++) {
        const length = ascii ? pieces[j].length : encoder.encodeInto(pieces[j], mem.subarray(base + bytesEnd, base + size)).written;
        m32[((base + atOff) >> 2) + 2 * j] = ascii ? offset : bytesEnd - bytesOff;
        m32[((base + atOff) >> 2) + 2 * j + 1] = length;
        offset += length;
        if (!ascii) bytesEnd += length;
      }
      if (ascii) bytesEnd += written;
    };
    room(bytesOff + 8);
    putPieces(files.map((f) => placePathJson(f.path)), fileAtOff);
    for (let f = 0; f < F; f++) m32[((base + fileKindOff) >> 2) + f] = KIND_INDEX[files[f].kind];
    putPieces(sections.map(placeSectionJson), sectionAtOff);
    // one KSB at a time: the memory holds one KSB's evidence, never the report's (20,000 files: 36 MB)
    return (k: number): Uint8Array => {
      const { file, line, section } = columnsOf(k);
      const n = file.length;
      const countOff = (bytesEnd + 7) & ~7, fileColOff = countOff + 8, lineColOff = fileColOff + 4 * n, sectionColOff = lineColOff + 4 * n, outEndOff = sectionColOff + 4 * n, outOff = outEndOff + 8;
      // room for the columns and, at a guess, 100 bytes a place (the reader says when it needs more)
      room(outOff + 100 * n + 64);
      m32[(base + countOff) >> 2] = n;
      m32.set(file, (base + fileColOff) >> 2);
      m32.set(line, (base + lineColOff) >> 2);
      m32.set(section, (base + sectionColOff) >> 2);
      const write = () => {
        const written = wasm.ksb_json_evidence(1, base + countOff, base + fileColOff, base + lineColOff, base + sectionColOff, base + fileAtOff, base + fileKindOff, base + sectionAtOff, base + bytesOff, base + outOff, base + outEndOff, size - outOff);
        fresh();
        return written;
      };
      let written = write();
      if (written < 0) {
        room(outOff - written);
        written = write();
      }
      // a copy: the caller's stream may still hold it when the next KSB is written here
      return mem.slice(base + outOff, base + outOff + written);
    };
  };

  return { standard, analyze: analyzeText, analyzeBytes, coverageInto, evidenceJson };
}
