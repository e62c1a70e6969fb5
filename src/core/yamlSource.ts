import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { FileProblem } from './problems';

/** Larger YAML than this is not a standard or a config file; refuse before parsing it. */
export const MAX_YAML_BYTES = 2 * 1024 * 1024;

export interface YamlSource {
  doc: Document.Parsed | undefined;
  problems: FileProblem[];
  /** 1-based line and column of a node, or of the document start. */
  position(node: Node | null | undefined): { line: number; column: number };
  error(node: Node | null | undefined, message: string): void;
  warning(node: Node | null | undefined, message: string, replacement?: FileProblem['replacement']): void;
}

/**
 * Parses user YAML as plain data: the core schema, no custom tags, a small alias budget (so an
 * "alias bomb" fails fast) and positions for every message.
 */
export function readYaml(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const problems: FileProblem[] = [];
  const position = (node: Node | null | undefined) => {
    const offset = node?.range?.[0] ?? 0;
    const pos = lineCounter.linePos(offset);
    return { line: Math.max(1, pos.line), column: Math.max(1, pos.col) };
  };
  const add = (severity: FileProblem['severity']) => (node: Node | null | undefined, message: string, replacement?: FileProblem['replacement']) => {
    problems.push({ file, ...position(node), message, severity, ...(replacement && { replacement }) });
  };
  const source: YamlSource = { doc: undefined, problems, position, error: add('error'), warning: add('warning') };
  if (text.length > MAX_YAML_BYTES) {
    source.error(null, `file is ${(text.length / 1048576).toFixed(1)} MB; a YAML file here may be at most ${MAX_YAML_BYTES / 1048576} MB`);
    return source;
  }
  // a byte-order mark (Windows editors write one) is read by the YAML parser itself
  const doc = parseDocument(text, { lineCounter, schema: 'core', prettyErrors: false, uniqueKeys: true, strict: true });
  const at = (offset: number | undefined) => {
    const pos = lineCounter.linePos(offset ?? 0);
    return { line: Math.max(1, pos.line), column: Math.max(1, pos.col) };
  };
  for (const e of doc.errors) {
    // an unclosed quote or bracket is noticed where the file stops making sense: tell where it opened
    const opener = e.code === 'MISSING_CHAR' || e.code === 'BAD_INDENT' ? unclosedOpener(text, e.pos?.[0] ?? 0) : undefined;
    problems.push({ file, ...at(opener ?? e.pos?.[0]), message: `YAML syntax: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}${opener !== undefined ? ` (opened here, still open at line ${at(e.pos?.[0]).line})` : ''}`, severity: 'error' });
  }
  for (const w of doc.warnings) problems.push({ file, ...at(w.pos?.[0]), message: `YAML: ${w.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`, severity: 'warning' });
  if (doc.errors.length === 0) source.doc = doc;
  return source;
}

/** Offset of a quote or flow bracket still open at `upTo`, or undefined. */
function unclosedOpener(text: string, upTo: number): number | undefined {
  let quote = 0;
  let quoteAt = -1;
  const brackets: number[] = [];
  for (let i = 0; i < upTo && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (quote === 34 && c === 92) i++;
      else if (c === quote) {
        if (quote === 39 && text.charCodeAt(i + 1) === 39) i++;
        else quote = 0;
      }
      continue;
    }
    const before = i === 0 ? 10 : text.charCodeAt(i - 1);
    const tokenStart = before === 10 || before === 32 || before === 9 || before === 91 || before === 123 || before === 44 || before === 58;
    if (c === 35 && tokenStart) {
      while (i < upTo && text.charCodeAt(i) !== 10) i++; // a comment
    } else if ((c === 34 || c === 39) && tokenStart) {
      quote = c;
      quoteAt = i;
    } else if (c === 91 || c === 123) brackets.push(i);
    else if ((c === 93 || c === 125) && brackets.length) brackets.pop();
  }
  return quote ? quoteAt : brackets.length ? brackets[0] : undefined;
}

/** Converts to plain JS with an alias budget, reporting an alias bomb instead of hanging. */
export function toPlain(source: YamlSource): unknown {
  if (!source.doc) return undefined;
  const doc = source.doc;
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // tell the line: the first top-level value that explodes on its own
    const root = doc.contents;
    let at: Node | null = null;
    if (isMap(root) || isSeq(root))
      for (const item of root.items as unknown[]) {
        const node = (isPair(item) ? item.value : item) as Node | null;
        try {
          node?.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT });
        } catch {
          at = node;
          break;
        }
      }
    source.error(at, `YAML: ${(e as Error).message} (more than ${MAX_ALIAS_COUNT} aliases expanded)`);
    return undefined;
  }
}

const MAX_ALIAS_COUNT = 100;

export { isMap, isScalar, isSeq };
export type { Node };
