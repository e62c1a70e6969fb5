/**
 * The TextMate injection grammar that highlights tags in Markdown, made from the reader's grammar
 * (grammar.ts) so the editor colours exactly the code lists the reader reads. esbuild.mjs writes
 * it to syntaxes/ksb-tags.injection.tmLanguage.json at build time; a unit test checks it there.
 * Its patterns use only what both Oniguruma and JavaScript read (no inline flags).
 */
import { BUNDLED_STANDARD_IDS, bundledStandard } from '../bundled';
import { ASIDE_PATTERN, GRADE_PATTERN, KSB_WORD_ANY_CASE, LABEL_KEYWORD_ANY_CASE, LABEL_WORD_PATTERN, LINE_START_PATTERN, rangePatternOf, SEPARATOR_PATTERN } from './grammar';

/** A label of at most four words ending in `:`, one of them KSB or KSBs (the reader's LABEL and LABEL_WORD). */
const W = LABEL_WORD_PATTERN;
const KSB = String.raw`${LABEL_KEYWORD_ANY_CASE}(?![^\s:*_|\[\]()<>\x60·])`;
const LABEL = String.raw`[*_]{0,3}[ \t]*(?=(?:${W}[ \t]+){0,3}${W}[ \t]*[*_]{0,3}[ \t]*:)(?:${W}[ \t]+)*?(?<![^\s*_])${KSB}(?:[ \t]+${W})*[ \t]*[*_]{0,3}[ \t]*:[ \t]*(?:[*_]{1,3}(?![*_]))?[ \t]*`;

/** Where nothing is read: code, link destinations, images, HTML tags (scopes of VS Code's Markdown grammar). */
const NOT_READ = '-markup.fenced_code -markup.inline.raw -markup.raw -markup.underline.link -meta.image -meta.tag -meta.link.reference.def';

/** The code prefixes of every bundled standard, longest first (a grammar cannot know which standard a project loads). */
export function bundledPrefixes(): string[] {
  const prefixes = new Set(BUNDLED_STANDARD_IDS.flatMap((id) => bundledStandard(id)!.codePrefixes));
  return [...prefixes].sort((a, b) => b.length - a.length || a.localeCompare(b));
}

/** The tag patterns for codes of these prefixes: a bracket group, a label line, a comment, a heading code list. */
export function textMatePatterns(prefixes: readonly string[] = bundledPrefixes()) {
  const range = rangePatternOf(prefixes);
  const list = String.raw`${range}(?:${SEPARATOR_PATTERN}${range})*`;
  const withAsides = String.raw`${range}${ASIDE_PATTERN}?(?:${SEPARATOR_PATTERN}${range}${ASIDE_PATTERN}?)*`;
  const graded = String.raw`(?:${GRADE_PATTERN}\s*)*${range}(?:${SEPARATOR_PATTERN}(?:${range}|${GRADE_PATTERN}))*`;
  return {
    range,
    bracket: String.raw`([\[(])(\s*(?:${KSB_WORD_ANY_CASE}:?\s*)?${graded}(?:\s+[-–—]\s+[^\[\]()\x60]*)?\s*)([\])])`,
    label: String.raw`(?:${LINE_START_PATTERN}|(?<=\|)[ \t]*|(?<=·)[ \t]*)(${LABEL})(${withAsides})`,
    comment: String.raw`(<!--)(\s*${KSB_WORD_ANY_CASE}\s*:?)([^>]*?)(-->)`,
    headingStart: String.raw`^[ ]{0,3}#{1,6}[ \t]+[*_]*(${withAsides}[*_]*(?::|[ \t]+[-–—](?=[ \t])))`,
    headingEnd: String.raw`^([ ]{0,3}#{1,6}[ \t].*?)(:[ \t]*${withAsides})[ \t*_]*(?:[ \t]#+)?[ \t]*$`,
    list,
  };
}

/** The injection grammar as JSON, for the codes of the bundled standards. */
export function injectionGrammar(): object {
  const patterns = textMatePatterns();
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'KSB Evidence tags',
    scopeName: 'ksb-evidence.tags.injection',
    comment: 'Generated from src/core/reader/grammar.ts by esbuild.mjs (src/core/reader/textmate.ts): do not edit.',
    injectionSelector: `L:text.html.markdown ${NOT_READ}, L:text.html.quarto ${NOT_READ}`,
    patterns: [{ include: '#comment-tag' }, { include: '#bracket-tag' }, { include: '#label-tag' }, { include: '#heading-start-tag' }, { include: '#heading-end-tag' }],
    repository: {
      codes: {
        patterns: [
          { match: String.raw`\b${patterns.range}`, name: 'constant.language.ksb.code' },
          { match: String.raw`\b${LABEL_KEYWORD_ANY_CASE}\b:?`, name: 'keyword.other.ksb.label' },
          { match: String.raw`[,;/&]|\band\b`, name: 'punctuation.separator.ksb' },
        ],
      },
      'bracket-tag': {
        comment: '[K5, S3], (S1-S4), [KSBs: K5; S3 & B1]: only codes, ranges, separators and a leading label inside',
        match: patterns.bracket,
        captures: {
          0: { name: 'meta.tag.ksb' },
          1: { name: 'punctuation.definition.tag.begin.ksb' },
          2: { patterns: [{ include: '#codes' }] },
          3: { name: 'punctuation.definition.tag.end.ksb' },
        },
      },
      'label-tag': {
        comment: 'KSBs: K5, S3 / **KSBs:** K1, S1 / **Primary KSB:** S19 at the start of a line, list item, quote or table cell',
        match: patterns.label,
        captures: { 1: { name: 'meta.tag.ksb keyword.other.ksb.label' }, 2: { name: 'meta.tag.ksb', patterns: [{ include: '#codes' }] } },
      },
      'heading-start-tag': {
        comment: '# K11: Common vulnerabilities / ## S3 — Data preparation: a code list starting a heading',
        match: patterns.headingStart,
        captures: { 1: { name: 'meta.tag.ksb', patterns: [{ include: '#codes' }] } },
      },
      'heading-end-tag': {
        comment: '### 6.2 Design (400): K27, K25, S19: a code list ending a heading (tags before it still coloured)',
        match: patterns.headingEnd,
        captures: { 1: { patterns: [{ include: '#comment-tag' }, { include: '#bracket-tag' }] }, 2: { name: 'meta.tag.ksb', patterns: [{ include: '#codes' }] } },
      },
      'comment-tag': {
        comment: '<!-- KSB: K5, S3 -->',
        match: patterns.comment,
        captures: {
          0: { name: 'comment.block.html meta.tag.ksb' },
          1: { name: 'punctuation.definition.comment.html' },
          2: { name: 'keyword.other.ksb.label' },
          3: { patterns: [{ include: '#codes' }] },
          4: { name: 'punctuation.definition.comment.html' },
        },
      },
    },
  };
}
