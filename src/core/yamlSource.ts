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
  warning(node: Node | null | undefined, message: string): void;
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
  const add = (severity: FileProblem['severity']) => (node: Node | null | undefined, message: string) => {
    problems.push({ file, ...position(node), message, severity });
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
  for (const e of doc.errors) problems.push({ file, ...at(e.pos?.[0]), message: `YAML syntax: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`, severity: 'error' });
  for (const w of doc.warnings) problems.push({ file, ...at(w.pos?.[0]), message: `YAML: ${w.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`, severity: 'warning' });
  if (doc.errors.length === 0) source.doc = doc;
  return source;
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
