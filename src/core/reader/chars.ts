/** Character codes and classes the reader works with (it reads character codes, not regexes, where it can). */

export const SP = 32, TAB = 9, NBSP = 0xa0, MIDDLE_DOT = 0xb7;

/** The character code at i, or -1 outside the string (so no read is ever NaN). */
export function code(s: string, i: number): number {
  return i >= 0 && i < s.length ? s.charCodeAt(i) : -1;
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

/** Letters and digits for word counting and code boundaries; non-ASCII letters count. */
export function isAlnum(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
  if (c === NBSP || c === 0xfeff) return false;
  if (c >= 0x2000 && c <= 0x206f) return false; // general punctuation: dashes, quotes, spaces
  if (c >= 0x3000 && c <= 0x303f) return false;
  if (c >= 0xa1 && c <= 0xbf) return false; // Latin-1 punctuation and symbols
  return c !== 0xd7 && c !== 0xf7;
}

/** 1 for ASCII letters and digits: the word scanner's fast path. */
export const ASCII_ALNUM: Readonly<Uint8Array> = (() => {
  const t = new Uint8Array(128);
  for (let c = 48; c <= 57; c++) t[c] = 1;
  for (let c = 65; c <= 90; c++) t[c] = t[c + 32] = 1;
  return t;
})();

/** A letter or digit, by the fast table for ASCII. */
export function isWordChar(c: number): boolean {
  return c < 128 ? ASCII_ALNUM[c] === 1 : isAlnum(c);
}

/** Index of `needle` in s[from, to), or -1: a search that does not run on into later lines. */
export function indexIn(s: string, needle: string, from: number, to: number): number {
  const k = s.indexOf(needle, from);
  return k >= 0 && k + needle.length <= to ? k : -1;
}

/** Whether s holds only spaces and tabs from `from`. */
export function isBlank(line: string, from: number): boolean {
  for (let i = from; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== SP && c !== TAB) return false;
  }
  return true;
}

/** Whether the character at i is a space or a tab. */
export function isSpaceAt(s: string, i: number): boolean {
  const c = code(s, i);
  return c === SP || c === TAB;
}

// Classes of the prose skimmer are bit sets so its loop counts words without branches: bit 0 a
// letter or digit, bit 1 white space, 4 and up a character where skim() stops (5: a capital that
// may begin a code).
export const CH_OTHER = 0, CH_ALNUM = 1, CH_SPACE = 2, CH_STOP = 4, CH_PREFIX = 5;

/** The skimmer's classes of ASCII for one standard. */
export interface CharClasses {
  readonly charClass: Uint8Array;
  /** One-letter prefixes (K, S, B) begin a code only before a digit: skim() need not stop at "Kubernetes". */
  readonly codeNeedsDigit: boolean;
}

/** Character classes of ASCII for one standard: its code prefixes' first letters may start a bare code. */
export function charClassesFor(prefixes: readonly string[]): CharClasses {
  const t = new Uint8Array(128);
  for (let c = 0; c < 128; c++) t[c] = ASCII_ALNUM[c] === 1 ? CH_ALNUM : CH_OTHER;
  t[SP] = t[TAB] = CH_SPACE;
  // what the full inline reader handles: code spans, escapes, HTML and comments, images, links
  // and bracket tags, table cells, the colon of a label
  for (const ch of '`\\<![(]|:') t[ch.charCodeAt(0)] = CH_STOP;
  for (const p of prefixes) {
    const c = p.charCodeAt(0);
    if (c < 128 && t[c] === CH_ALNUM) t[c] = CH_PREFIX;
  }
  return { charClass: t, codeNeedsDigit: prefixes.every((p) => p.length === 1) };
}

/** The class of a character outside ASCII: `·` stops the skimmer (a label may follow it). */
export function wideClass(c: number): number {
  return c === NBSP ? CH_SPACE : c === MIDDLE_DOT ? CH_STOP : isAlnum(c) ? CH_ALNUM : CH_OTHER;
}
