/**
 * A markdown-it plugin for the Markdown preview: the codes of each tag become small badges with
 * the KSB's text as their tooltip, or the tags are hidden. It finds tags with the evidence reader
 * (so the preview marks exactly what counts) and changes only the text tokens that hold them.
 * It imports nothing from markdown-it: the preview hands it its own instance.
 */
import type { Tag } from '../analyze';

/** The parts of markdown-it's token, core state and instance the plugin uses. */
export interface Token {
  type: string;
  content: string;
  map: [number, number] | null;
  children: Token[] | null;
  attrJoin(name: string, value: string): void;
}
interface StateCore {
  src: string;
  env: unknown;
  tokens: Token[];
  Token: new (type: string, tag: string, nesting: -1 | 0 | 1) => Token;
}
export interface MarkdownItLike {
  core: { ruler: { push(name: string, rule: (state: StateCore) => void): void } };
}

export type PreviewTagMode = 'badges' | 'hidden' | 'text';

export interface TagBadgeOptions {
  mode: PreviewTagMode;
  /** The tags of the whole source, as the reader finds them. */
  tagsOf(source: string): readonly Tag[];
  /** The tooltip for a code: its official text. */
  describe(code: string): string | undefined;
}

/** Tags the preview shows in the text: the others (comments, front matter) are not rendered anyway. */
const VISIBLE_FORMS: ReadonlySet<string> = new Set(['bracket', 'label', 'heading', 'listItem']);

export function tagBadgesPlugin(md: MarkdownItLike, optionsFor: (env: unknown) => TagBadgeOptions | undefined): void {
  md.core.ruler.push('ksb_tag_badges', (state) => {
    const options = optionsFor(state.env);
    if (!options || options.mode === 'text') return;
    const byLine = tagsByLine(options.tagsOf(state.src));
    if (byLine.size === 0) return;
    const lines = state.src.split(/\r\n|\r|\n/);
    for (let i = 0; i < state.tokens.length; i++) {
      const token = state.tokens[i];
      if (token.type !== 'inline' || !token.map || !token.children) continue;
      for (let line = token.map[0]; line < token.map[1]; line++) {
        for (const tag of byLine.get(line) ?? []) markTag(state, i, tag, lines[line] ?? '', options);
      }
    }
  });
}

function tagsByLine(tags: readonly Tag[]): Map<number, Tag[]> {
  const byLine = new Map<number, Tag[]>();
  for (const tag of tags) {
    if (!VISIBLE_FORMS.has(tag.form) || tag.refs.length === 0) continue;
    const list = byLine.get(tag.line) ?? [];
    list.push(tag);
    byLine.set(tag.line, list);
  }
  return byLine;
}

/** The written code list of a tag (from its first code to its last), as it stands in the line. */
function codeListText(tag: Tag, line: string): string {
  return line.slice(tag.refs[0].start, tag.refs[tag.refs.length - 1].end);
}

function markTag(state: StateCore, inlineIndex: number, tag: Tag, line: string, options: TagBadgeOptions): void {
  const inline = state.tokens[inlineIndex];
  const children = inline.children!;
  if (options.mode === 'hidden' && tag.form === 'label' && isWholeLine(tag, line)) {
    hideBlockOf(state, inlineIndex);
    return;
  }
  // A bracket group is replaced whole; other forms keep their label or heading text.
  const written = tag.form === 'bracket' ? line.slice(tag.start, tag.end) : codeListText(tag, line);
  for (let c = 0; c < children.length; c++) {
    const child = children[c];
    if (child.type !== 'text') continue;
    const at = child.content.indexOf(written);
    if (at < 0) continue;
    const replacement = options.mode === 'hidden' ? [] : badgeTokens(state, tag, written, options);
    const before = options.mode === 'hidden' ? child.content.slice(0, at).replace(/[ \t]+$/, '') : child.content.slice(0, at);
    const pieces = [textToken(state, before), ...replacement, textToken(state, child.content.slice(at + written.length))];
    children.splice(c, 1, ...pieces.filter((t) => t.type !== 'text' || t.content !== ''));
    return;
  }
}

function isWholeLine(tag: Tag, line: string): boolean {
  const lead = line.slice(0, tag.start).replace(/^\s*(?:(?:[-*+]|\d{1,9}[.)])\s+|>\s*)*/, '');
  return lead.trim() === '' && line.slice(tag.end).trim() === '';
}

/** Hides the paragraph (or list item) that holds only a label tag. */
function hideBlockOf(state: StateCore, inlineIndex: number): void {
  state.tokens[inlineIndex].children = [];
  const open = state.tokens[inlineIndex - 1];
  const close = state.tokens[inlineIndex + 1];
  if (open?.type === 'paragraph_open' && close?.type === 'paragraph_close') {
    open.attrJoin('class', 'ksb-hidden-tag');
    open.attrJoin('hidden', '');
  }
}

function textToken(state: StateCore, content: string): Token {
  const token = new state.Token('text', '', 0);
  token.content = content;
  return token;
}

/** The tag's text with each code as a badge: `[K5, S3]` keeps its brackets and separators. */
function badgeTokens(state: StateCore, tag: Tag, written: string, options: TagBadgeOptions): Token[] {
  const tokens: Token[] = [];
  const offset = tag.form === 'bracket' ? tag.start : tag.refs[0].start;
  let from = 0;
  for (const ref of tag.refs) {
    const start = ref.start - offset;
    if (start < from || start > written.length) continue;
    tokens.push(textToken(state, written.slice(from, start)));
    tokens.push(badgeToken(state, ref.text, ref.codes, options));
    from = ref.end - offset;
  }
  tokens.push(textToken(state, written.slice(from)));
  return tokens.filter((t) => t.type !== 'text' || t.content !== '');
}

function badgeToken(state: StateCore, text: string, codes: readonly string[], options: TagBadgeOptions): Token {
  const token = new state.Token('html_inline', '', 0);
  const title = codes.length === 0 ? 'Not a code of the standard' : codes.map((code) => `${code}: ${options.describe(code) ?? ''}`).join('\n');
  const kind = codes.length === 0 ? 'ksb-badge ksb-badge-unknown' : 'ksb-badge';
  token.content = `<span class="${kind}" title="${escapeHtml(title)}">${escapeHtml(text)}</span>`;
  return token;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
