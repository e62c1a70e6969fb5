/** HTML blocks (CommonMark 4.6): only the comments in them are read (tags, ignore markers). */
import { isBlank } from '../chars';
import { Block, type ReaderState } from '../state';
import { readHtmlLine } from '../tags/comment';

const HTML_1 = /^<(?:script|pre|style|textarea)(?:[\s>]|$)/i;
const HTML_1_END = /<\/(?:script|pre|style|textarea)>/i;
const HTML_6 =
  /^<\/?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:[\s>]|\/>|$)/i;
const HTML_7 =
  /^(?:<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?>|<\/[A-Za-z][A-Za-z0-9-]*\s*>)\s*$/;

/**
 * How the HTML block starting at q ends (a string or pattern to find, null: at a blank line), or
 * undefined when none starts there. `interrupt`: a paragraph is open (kind 7 cannot interrupt it).
 */
export function htmlStart(s: string, q: number, interrupt: boolean): RegExp | string | null | undefined {
  if (s.charCodeAt(q) !== 60) return undefined;
  const rest = s.slice(q);
  if (HTML_1.test(rest)) return HTML_1_END;
  if (rest.startsWith('<!--')) return '-->';
  if (rest.startsWith('<?')) return '?>';
  if (rest.startsWith('<![CDATA[')) return ']]>';
  if (/^<![A-Za-z]/.test(rest)) return '>';
  if (HTML_6.test(rest)) return null;
  if (!interrupt && HTML_7.test(rest)) return null;
  return undefined;
}

function ends(end: RegExp | string, s: string, from: number): boolean {
  return typeof end === 'string' ? s.includes(end, from) : end.test(s);
}

/** Opens the HTML block starting at q that ends by `end`, and reads its first line. */
export function openHtml(st: ReaderState, s: string, q: number, ln: number, end: RegExp | string | null): void {
  st.closeParagraph();
  st.block = Block.Html;
  st.blockDepth = st.stack.length;
  st.htmlEnd = end;
  st.commentOpen = false;
  readHtmlLine(st, s, q, ln);
  // the end condition may hold on the first line (after the opening)
  const endFrom = typeof end === 'string' ? q + (end === '-->' ? 4 : 2) : q;
  if (end !== null && ends(end, s, endFrom)) {
    st.block = Block.None;
    st.commentOpen = false;
  }
}

/** A line inside the HTML block (its containers continued, at st.pos). */
export function htmlLine(st: ReaderState, s: string, ln: number): void {
  const p = st.pos;
  if (st.htmlEnd === null && isBlank(s, p)) {
    st.block = Block.None;
    return;
  }
  readHtmlLine(st, s, p, ln);
  if (st.htmlEnd !== null && ends(st.htmlEnd, s, p)) {
    st.block = Block.None;
    st.commentOpen = false;
  }
}
