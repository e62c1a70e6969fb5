/**
 * A markdown-it plugin for the Markdown preview: the codes of each tag become small badges with
 * the KSB's text as their tooltip, or the tags are hidden. It finds tags with the evidence reader
 * (so the preview marks exactly what counts). Tokens keep their text: the tag's pieces are only
 * marked, and the renderer draws the marks, because VS Code builds the outline and breadcrumbs
 * from the same tokens (a badge there would lose its code).
 * It imports nothing from markdown-it: the preview hands it its own instance.
 */
import type { Tag } from '../analyze';

/** The parts of markdown-it's token, core state and instance the plugin uses. */
export interface Token {
  type: string;
  content: string;
  map: [number, number] | null;
  children: Token[] | null;
  meta: unknown;
  attrJoin(name: string, value: string): void;
}
interface StateCore {
  src: string;
  env: unknown;
  tokens: Token[];
  Token: new (type: string, tag: string, nesting: -1 | 0 | 1) => Token;
}
/** A render rule, declared as a method so that markdown-it's own rules (over its fuller Token) fit. */
interface RenderRules {
  text?(tokens: Token[], idx: number, options: unknown, env: unknown, self: unknown): string;
}
export interface MarkdownItLike {
  core: { ruler: { push(name: string, rule: (state: StateCore) => void): void } };
  renderer: { rules: RenderRules };
  utils: { escapeHtml(s: string): string };
}

export type PreviewTagMode = 'badges' | 'hidden' | 'text';

export interface TagBadgeOptions {
  mode: PreviewTagMode;
  /** The tags of the whole source, as the reader finds them. */
  tagsOf(source: string): readonly Tag[];
  /** The tooltip for a code: its official text. */
  describe(code: string): string | undefined;
}

/** What the plugin marks a text token with. */
type Mark = { badge: string; unknown: boolean } | { hidden: true };

/** Tags the preview shows in the text: the others (comments, front matter) are not rendered anyway. */
const VISIBLE_FORMS: ReadonlySet<string> = new Set(['bracket', 'label', 'heading', 'list']);

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
  const text = md.renderer.rules.text;
  md.renderer.rules.text = (tokens, idx, options, env, self) => {
    const mark = tokens[idx].meta as { ksb?: Mark } | null;
    if (!mark?.ksb) return text ? text(tokens, idx, options, env, self) : md.utils.escapeHtml(tokens[idx].content);
    if ('hidden' in mark.ksb) return '';
    const kind = mark.ksb.unknown ? 'ksb-badge ksb-badge-unknown' : 'ksb-badge';
    return `<span class="${kind}" title="${md.utils.escapeHtml(mark.ksb.badge)}">${md.utils.escapeHtml(tokens[idx].content)}</span>`;
  };
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

function markTag(state: StateCore, inlineIndex: number, tag: Tag, line: string, options: TagBadgeOptions): void {
  const children = state.tokens[inlineIndex].children!;
  if (options.mode === 'hidden' && tag.form === 'label' && isWholeLine(tag, line)) {
    hideBlockOf(state, inlineIndex);
    return;
  }
  // A bracket group is hidden whole; other forms keep their label or heading text.
  const written = tag.form === 'bracket' ? line.slice(tag.start, tag.end) : line.slice(tag.refs[0].start, tag.refs[tag.refs.length - 1].end);
  for (let c = 0; c < children.length; c++) {
    const child = children[c];
    if (child.type !== 'text' || child.meta) continue;
    const at = child.content.indexOf(written);
    if (at < 0) continue;
    const before = child.content.slice(0, at);
    const pieces =
      options.mode === 'hidden'
        ? [textToken(state, before.replace(/[ \t]+$/, '')), textToken(state, written, { hidden: true })]
        : [textToken(state, before), ...badgePieces(state, tag, written, options)];
    pieces.push(textToken(state, child.content.slice(at + written.length)));
    children.splice(c, 1, ...pieces.filter((t) => t.content !== ''));
    return;
  }
}

function isWholeLine(tag: Tag, line: string): boolean {
  const lead = line.slice(0, tag.start).replace(/^\s*(?:(?:[-*+]|\d{1,9}[.)])\s+|>\s*)*/, '');
  return lead.trim() === '' && line.slice(tag.end).trim() === '';
}

/** Hides the paragraph that holds only a label tag (the outline keeps its text). */
function hideBlockOf(state: StateCore, inlineIndex: number): void {
  for (const child of state.tokens[inlineIndex].children ?? []) child.meta = { ksb: { hidden: true } };
  const open = state.tokens[inlineIndex - 1];
  if (open?.type === 'paragraph_open') {
    open.attrJoin('class', 'ksb-hidden-tag');
    open.attrJoin('hidden', '');
  }
}

function textToken(state: StateCore, content: string, mark?: Mark): Token {
  const token = new state.Token('text', '', 0);
  token.content = content;
  if (mark) token.meta = { ksb: mark };
  return token;
}

/** The tag's text with each code marked as a badge: `[K5, S3]` keeps its brackets and separators. */
function badgePieces(state: StateCore, tag: Tag, written: string, options: TagBadgeOptions): Token[] {
  const pieces: Token[] = [];
  const offset = tag.form === 'bracket' ? tag.start : tag.refs[0].start;
  let from = 0;
  for (const ref of tag.refs) {
    const start = ref.start - offset;
    if (start < from || start > written.length) continue;
    pieces.push(textToken(state, written.slice(from, start)));
    const title = ref.codes.length === 0 ? 'Not a code of the standard' : ref.codes.map((code) => `${code}: ${options.describe(code) ?? ''}`).join('\n');
    pieces.push(textToken(state, written.slice(start, ref.end - offset), { badge: title, unknown: ref.codes.length === 0 }));
    from = ref.end - offset;
  }
  pieces.push(textToken(state, written.slice(from)));
  return pieces;
}
