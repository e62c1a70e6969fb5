/**
 * Questions the editor asks about one analysed document: is a tag being typed here, which code is
 * under the cursor, which KSBs fit a section, what could an unknown code have meant. Pure, like
 * the rest of the core, so the tests ask them on in-memory text.
 */
import type { CodeMention, CodeRef, DocumentAnalysis, Section, Tag } from './analyze';
import { distance } from 'fastest-levenshtein';
import { listIsAboutKsbs } from './reader/tags/ksbList';
import { ASIDE_PATTERN, CODE_PATTERN, GRADE_PATTERN, KSB_WORD_ANY_CASE, KSB_WORD_PATTERN, LABEL_PATTERN, LABEL_WORD, LINE_START_PATTERN, RANGE_PATTERN, SEPARATOR_PATTERN } from './reader/grammar';
import { codeNumbers, codePrefix, type Ksb, type Standard } from './standard';

export interface TagContext {
  /** Start and end (UTF-16 columns) of the partial code being typed, to be replaced. */
  start: number;
  end: number;
  /** The partial code typed so far (may be empty). */
  typed: string;
  form: 'bracket' | 'label' | 'comment' | 'frontmatter' | 'heading' | 'list';
  /** Codes already written in this tag, which completion need not offer first. */
  written: string[];
}

/** A list of codes and ranges so far, each followed by a separator. */
const CODES_SO_FAR = String.raw`(?:${RANGE_PATTERN}${SEPARATOR_PATTERN})*`;
/** What may be typed of the next code: letters then digits, or nothing. */
const PARTIAL = String.raw`([A-Za-z]{0,4}\d*(?:\.\d*)?)$`;
const BRACKET_CONTEXT = new RegExp(String.raw`[[(]\s*(?:${KSB_WORD_ANY_CASE}:?\s*)?(?:${GRADE_PATTERN}\s*)?(${CODES_SO_FAR})${PARTIAL}`);
/** A label at the start of a line, list item or block quote (group 1 its words), or of a table cell. */
const LABEL_CONTEXT = new RegExp(String.raw`${LINE_START_PATTERN}${LABEL_PATTERN}\s*(${CODES_SO_FAR})${PARTIAL}`);
const TABLE_CELL_LABEL = new RegExp(String.raw`\|${LABEL_PATTERN}\s*(${CODES_SO_FAR})${PARTIAL}`);
/** A label after a middle dot (`**Duties:** D1 · **KSBs:** K14, `). */
const DOT_LABEL = new RegExp(String.raw`·${LABEL_PATTERN}\s*(${CODES_SO_FAR})${PARTIAL}`);
/** Codes (asides allowed) after a heading's `:` (`### 6.2 Design (400): K27, `). */
const HEADING_CONTEXT = new RegExp(String.raw`^ {0,3}#{1,6}[ \t].*?:\s*((?:${RANGE_PATTERN}${ASIDE_PATTERN}?${SEPARATOR_PATTERN})*)${PARTIAL}`);
/** The start of a KSB list item (`- **K`, `K`), in a list about KSBs. */
const LIST_ITEM_CONTEXT = new RegExp(String.raw`${LINE_START_PATTERN}[*_]{0,3}()([A-Z]{0,3}\d*(?:\.\d*)?)$`);
const COMMENT_CONTEXT = new RegExp(String.raw`<!--\s*${KSB_WORD_PATTERN}\s*:?\s*(${CODES_SO_FAR})${PARTIAL}`, 'i');
const FRONT_MATTER_CONTEXT = new RegExp(String.raw`^(?:${KSB_WORD_PATTERN}\s*:\s*\[?\s*["']?|\s*-\s+["']?)((?:${RANGE_PATTERN}["']?${SEPARATOR_PATTERN})*)${PARTIAL}`, 'i');

const codesIn = (s: string) => s.match(new RegExp(CODE_PATTERN, 'g')) ?? [];

/**
 * Whether a tag is being typed where the line's text before the cursor ends: after `[` or `(`
 * of a group that holds only codes so far, after a `KSBs:` label (also after a `·`), after a
 * heading's `:`, in a `<!-- KSB:` comment, on a front-matter `ksbs:` line, or (`ksbList`: the line
 * is in a list about KSBs, see listAboutKsbs) at the start of a list item.
 */
export function tagContextAt(linePrefix: string, options: { inFrontMatter?: boolean; ksbList?: boolean } = {}): TagContext | undefined {
  const ctx = (m: RegExpExecArray | null, form: TagForm2, group = 1): TagContext | undefined => {
    if (!m) return undefined;
    const typed = m[group + 1] ?? '';
    // A lower-case word is prose, not a code being typed ("(for", "[see").
    if (/^[a-z]{2,}/.test(typed) || (/^[a-z]/.test(typed) && /\d/.test(typed) === false && typed.length > 1)) return undefined;
    return { start: linePrefix.length - typed.length, end: linePrefix.length, typed, form, written: codesIn(m[group] ?? '') };
  };
  if (options.inFrontMatter) return ctx(FRONT_MATTER_CONTEXT.exec(linePrefix), 'frontmatter');
  const comment = linePrefix.lastIndexOf('<!--');
  if (comment >= 0 && linePrefix.indexOf('-->', comment) < 0) return ctx(COMMENT_CONTEXT.exec(linePrefix.slice(comment)), 'comment');
  // the innermost open bracket: the text after it must be a tag so far
  const open = Math.max(linePrefix.lastIndexOf('['), linePrefix.lastIndexOf('('));
  if (open >= 0 && !/[\])]/.test(linePrefix.slice(open))) {
    const inBracket = ctx(BRACKET_CONTEXT.exec(linePrefix.slice(open)), 'bracket');
    if (inBracket) return inBracket;
  }
  // a label whose words name KSBs, as the reader's label line (at the start, in a cell, after a `·`)
  for (const re of [LABEL_CONTEXT, TABLE_CELL_LABEL, DOT_LABEL]) {
    const label = re.exec(linePrefix);
    if (label && LABEL_WORD.test(label[1])) return ctx(label, 'label', 2);
  }
  const heading = ctx(HEADING_CONTEXT.exec(linePrefix), 'heading');
  if (heading) return heading;
  return options.ksbList ? ctx(LIST_ITEM_CONTEXT.exec(linePrefix), 'list') : undefined;
}
type TagForm2 = TagContext['form'];

/** Whether a KSB list item typed on `line` would be in a list about KSBs (tagging spec, form 6). */
export function listAboutKsbs(analysis: DocumentAnalysis, lineAt: (n: number) => string, line: number): boolean {
  return listIsAboutKsbs(sectionAt(analysis, line)?.section.heading ?? '', lineAt, line);
}

export interface CodeAt {
  code: string;
  /** The tag that holds it; undefined for a bare code in prose. */
  tag?: Tag;
  ref?: CodeRef;
  valid: boolean;
  line: number;
  start: number;
  end: number;
}

/** The code (in a tag, or bare in prose) under a 0-based position. */
export function codeAt(analysis: DocumentAnalysis, line: number, character: number): CodeAt | undefined {
  for (const tag of analysis.tags) {
    for (const ref of tag.refs) {
      if (ref.line === line && character >= ref.start && character <= ref.end) {
        return { code: ref.text, tag, ref, valid: ref.valid, line, start: ref.start, end: ref.end };
      }
    }
  }
  const bare = findMention(analysis.bareCodes, line, character);
  if (bare) return { code: bare.code, valid: true, line, start: bare.start, end: bare.end };
  return undefined;
}

function findMention(list: CodeMention[], line: number, character: number): CodeMention | undefined {
  for (const m of list) if (m.line === line && character >= m.start && character <= m.end) return m;
  return undefined;
}

/** The section holding a 0-based line. */
export function sectionAt(analysis: DocumentAnalysis, line: number): { section: Section; index: number } | undefined {
  let found: { section: Section; index: number } | undefined;
  analysis.sections.forEach((section, index) => {
    if (section.line <= line && (!found || section.line >= found.section.line)) found = { section, index };
  });
  return found;
}

/** Valid codes an unknown one most likely meant: same letter, nearest numbers, one edit away. */
export function suggestCodes(standard: Standard, unknown: string, max = 3): string[] {
  const prefix = codePrefix(unknown).toUpperCase();
  const nums = codeNumbers(unknown.toUpperCase());
  const candidates = standard.ksbs.filter((k) => codePrefix(k.code) === prefix);
  const pool = candidates.length ? candidates : standard.ksbs;
  const target = nums[0] ?? 0;
  const scored = pool.map((k) => {
    const n = codeNumbers(k.code)[0] ?? 0;
    const d = distance(k.code, unknown.toUpperCase());
    return { code: k.code, score: d * 10 + Math.abs(n - target) };
  });
  scored.sort((a, b) => a.score - b.score);
  return scored.slice(0, max).map((s) => s.code);
}

/** Where the report's words pass the limit: the first section at which the running total does. */
export function sectionPassingLimit(analysis: DocumentAnalysis, wordsBefore: number, limit: number): Section | undefined {
  let total = wordsBefore;
  for (const s of analysis.sections) {
    if (s.excluded) continue;
    total += s.words + s.headingWords;
    if (total > limit) return s;
  }
  return undefined;
}
