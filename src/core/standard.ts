import type { FileProblem } from './problems';
import { isMap, isScalar, isSeq, readYaml, toPlain, type Node, type YamlSource } from './yamlSource';

export type Category = 'knowledge' | 'skills' | 'behaviours';
export const CATEGORIES: readonly Category[] = ['knowledge', 'skills', 'behaviours'];
export const CATEGORY_LABELS: Record<Category, string> = { knowledge: 'Knowledge', skills: 'Skills', behaviours: 'Behaviours' };

export interface Ksb {
  code: string;
  category: Category;
  /** The official text, exactly as published. */
  text: string;
  /**
   * Related practitioner terms written by the project (not the standard's text), used only as
   * search aids by the KSB suggestions (src/core/suggest).
   */
  keywords?: string[];
}

export interface Duty {
  code: string;
  text: string;
  ksbs?: string[];
}

export interface AssessmentMethod {
  id: string;
  name: string;
  /** Which kind of evidence feeds this method, when the standard's EPA says so. */
  evidence?: 'report' | 'portfolio';
  details?: string;
  /** The KSBs this method assesses. Left out where no official source gives them. */
  ksbs?: string[];
}

export interface StandardData {
  id: string;
  title: string;
  level?: number;
  version?: string;
  source?: string;
  ksbs: Ksb[];
  duties?: Duty[];
  epa?: {
    report?: { wordLimit: number; tolerancePercent?: number };
    methods?: AssessmentMethod[];
  };
}

/** A loaded standard with the look-ups every feature needs, built once. */
export interface Standard extends StandardData {
  /** Where it came from: `bundled:ST1398` or a file path. */
  origin: string;
  byCode: ReadonlyMap<string, Ksb>;
  /** Position of each code in the standard's order. */
  order: ReadonlyMap<string, number>;
  /** Letter prefixes of the standard's KSB codes (`K`, `S`, `B`), longest first. */
  prefixes: readonly string[];
  /** The duties by code (empty when the standard lists none). */
  dutyByCode: ReadonlyMap<string, Duty>;
  /** Position of each duty in the standard's order. */
  dutyOrder: ReadonlyMap<string, number>;
  /** Prefixes of every code a tag may name, KSBs' and duties' (`K`, `S`, `B`, `D`), longest first. */
  codePrefixes: readonly string[];
}

/** Whether a code is one of the standard's KSBs or duties. */
export function isCodeOf(standard: Standard, code: string): boolean {
  return standard.byCode.has(code) || standard.dutyByCode.has(code);
}

/** A KSB's or duty's official text, or undefined. */
export function textOfCode(standard: Standard, code: string): string | undefined {
  return standard.byCode.get(code)?.text ?? standard.dutyByCode.get(code)?.text;
}

export function buildStandard(data: StandardData, origin: string): Standard {
  const byCode = new Map<string, Ksb>();
  const order = new Map<string, number>();
  const prefixSet = new Set<string>();
  data.ksbs.forEach((k, i) => {
    byCode.set(k.code, k);
    order.set(k.code, i);
    prefixSet.add(codePrefix(k.code));
  });
  // longest first, so `KSB` would be tried before `K`; ties in code-point order (localeCompare
  // would load the ICU collator at every CLI start)
  const byLength = (a: string, b: string) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0);
  const prefixes = [...prefixSet].sort(byLength);
  const dutyByCode = new Map<string, Duty>();
  const dutyOrder = new Map<string, number>();
  (data.duties ?? []).forEach((d, i) => {
    dutyByCode.set(d.code, d);
    dutyOrder.set(d.code, i);
    prefixSet.add(codePrefix(d.code));
  });
  return { ...data, origin, byCode, order, prefixes, dutyByCode, dutyOrder, codePrefixes: [...prefixSet].sort(byLength) };
}

const CODE_SHAPE = /^([A-Z]+)(\d+(?:\.\d+)*)$/;

export function codePrefix(code: string): string {
  const m = CODE_SHAPE.exec(code);
  return m ? m[1] : code;
}

/** The numeric parts of a code: `K4.1` → [4, 1]. */
export function codeNumbers(code: string): number[] {
  const m = CODE_SHAPE.exec(code);
  const numbers: number[] = [];
  if (m) for (const part of m[2].split('.')) numbers.push(parseInt(part, 10) | 0);
  return numbers;
}

function compareNumbers(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a[i] - b[i];
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/**
 * The codes of the standard a range names: same prefix, numbers between the two ends inclusive
 * (`S1-S4` → S1..S4; `K4.1-K4.3` → K4.1, K4.2, K4.3). Ends may be written either way round.
 */
export function expandRange(standard: Standard, from: string, to: string): string[] {
  const prefix = codePrefix(from);
  let lo = codeNumbers(from);
  let hi = codeNumbers(to);
  if (compareNumbers(lo, hi) > 0) [lo, hi] = [hi, lo];
  const out: string[] = [];
  for (const { code, prefix: p, numbers } of parsedCodes(standard)) {
    if (p === prefix && compareNumbers(numbers, lo) >= 0 && compareNumbers(numbers, hi) <= 0) out.push(code);
  }
  return out;
}

/** Each code's prefix and numbers, parsed once per standard (ranges are expanded often). */
const parsedCache = new WeakMap<Standard, { code: string; prefix: string; numbers: number[] }[]>();
function parsedCodes(standard: Standard) {
  let parsed = parsedCache.get(standard);
  if (!parsed) {
    parsed = [...standard.ksbs, ...(standard.duties ?? [])].map((k) => ({ code: k.code, prefix: codePrefix(k.code), numbers: codeNumbers(k.code) }));
    parsedCache.set(standard, parsed);
  }
  return parsed;
}

/** First clause of a KSB's text, for labels: derived from the official text, never invented. */
export function shortText(text: string, max = 60): string {
  const first = text.split(/(?<=[.;:])\s/)[0];
  const clause = first.replace(/[.;:]$/, '');
  // a clause cut at a colon or semicolon leaves the text unfinished: say so
  if (clause.length <= max) return /[;:]$/.test(first) ? `${clause}…` : clause;
  const cut = clause.lastIndexOf(' ', max - 1);
  return clause.slice(0, cut > max / 2 ? cut : max - 1).replace(/[,;:\s]+$/, '') + '…';
}

export interface StandardResult {
  standard?: Standard;
  problems: FileProblem[];
}

/** Parses and validates a standard file; every problem names the file and line. */
export function parseStandard(text: string, file: string): StandardResult {
  const src = readYaml(text, file);
  if (!src.doc) return { problems: src.problems };
  const root = src.doc.contents;
  if (!isMap(root)) {
    src.error(root, `${root === null || (isScalar(root) && root.value === null) ? 'the file is empty: ' : ''}a standard must be a mapping with id, title and ksbs`);
    return { problems: src.problems };
  }
  if (toPlain(src) === undefined && src.problems.some((p) => p.severity === 'error')) return { problems: src.problems };

  const get = (map: Node, key: string): Node | undefined => (isMap(map) ? (map.get(key, true) as Node | undefined) : undefined);
  const str = (node: Node | undefined, what: string, required: boolean, parent: Node): string | undefined => {
    if (node === undefined || (isScalar(node) && node.value === null)) {
      if (required) src.error(parent, `missing ${what}`);
      return undefined;
    }
    if (!isScalar(node) || (typeof node.value !== 'string' && typeof node.value !== 'number')) {
      src.error(node, `${what} must be text`);
      return undefined;
    }
    const value = String(node.value);
    if (required && value.trim() === '') src.error(node, `${what} is empty`);
    return value;
  };

  const id = str(get(root, 'id'), '`id`', true, root);
  const title = str(get(root, 'title'), '`title`', true, root);
  const versionNode = get(root, 'version');
  const version = str(versionNode, '`version`', false, root);
  const source = str(get(root, 'source'), '`source`', false, root);
  const levelNode = get(root, 'level');
  let level: number | undefined;
  if (levelNode !== undefined) {
    if (isScalar(levelNode) && typeof levelNode.value === 'number' && Number.isInteger(levelNode.value)) level = levelNode.value;
    else src.error(levelNode, '`level` must be a whole number');
  }

  const ksbs: Ksb[] = [];
  const seen = new Map<string, number>();
  const ksbsNode = get(root, 'ksbs');
  if (ksbsNode === undefined) src.error(root, 'missing `ksbs`: the list of knowledge, skills and behaviours');
  else if (!isSeq(ksbsNode) || ksbsNode.items.length === 0) src.error(ksbsNode, '`ksbs` must be a non-empty list of { code, category, text }');
  else {
    for (const item of ksbsNode.items as Node[]) {
      if (!isMap(item)) {
        src.error(item, 'each KSB must be a mapping { code, category, text }');
        continue;
      }
      const code = str(get(item, 'code'), 'KSB `code`', true, item);
      const codeNode = get(item, 'code');
      const categoryNode = get(item, 'category');
      const category = str(categoryNode, `\`category\` of ${code ?? 'KSB'}`, true, item);
      const ksbText = str(get(item, 'text'), `\`text\` of ${code ?? 'KSB'}`, true, item);
      if (code === undefined || category === undefined || ksbText === undefined) continue;
      if (!CODE_SHAPE.test(code)) {
        src.error(codeNode, `KSB code "${code}" must be upper-case letters then a number, like K5 or K4.1`);
        continue;
      }
      if (!(CATEGORIES as readonly string[]).includes(category)) {
        src.error(categoryNode, `category of ${code} must be one of ${CATEGORIES.join(', ')}, not "${category}"`);
        continue;
      }
      if (seen.has(code)) {
        src.error(codeNode, `duplicate KSB code ${code} (first defined on line ${seen.get(code)})`);
        continue;
      }
      seen.set(code, src.position(codeNode).line);
      const keywords = readKeywords(src, get(item, 'keywords'), code);
      ksbs.push({ code, category: category as Category, text: ksbText.trim(), ...(keywords ? { keywords } : {}) });
    }
  }

  const duties: Duty[] = [];
  const dutiesNode = get(root, 'duties');
  if (dutiesNode !== undefined && !(isScalar(dutiesNode) && dutiesNode.value === null)) {
    if (!isSeq(dutiesNode)) src.error(dutiesNode, '`duties` must be a list of { code, text }');
    else
      for (const item of dutiesNode.items as Node[]) {
        const code = str(get(item, 'code'), 'duty `code`', true, item);
        const dutyText = str(get(item, 'text'), `\`text\` of duty ${code ?? ''}`.trim(), true, item);
        const dutyKsbs = readCodeList(src, get(item, 'ksbs'), seen, `duty ${code}`);
        if (code && dutyText) duties.push({ code, text: dutyText.trim(), ...(dutyKsbs ? { ksbs: dutyKsbs } : {}) });
      }
  }

  let epa: StandardData['epa'];
  const epaNode = get(root, 'epa');
  if (epaNode !== undefined) {
    if (!isMap(epaNode)) src.error(epaNode, '`epa` must be a mapping');
    else {
      epa = {};
      const reportNode = get(epaNode, 'report');
      if (reportNode !== undefined) {
        const limit = get(reportNode, 'wordLimit');
        const tolerance = get(reportNode, 'tolerancePercent');
        const num = (n: Node | undefined, what: string) => {
          if (n === undefined) return undefined;
          if (isScalar(n) && typeof n.value === 'number' && n.value >= 0) return n.value;
          src.error(n, `${what} must be a positive number`);
          return undefined;
        };
        const wordLimit = num(limit, '`epa.report.wordLimit`');
        const tolerancePercent = num(tolerance, '`epa.report.tolerancePercent`');
        if (wordLimit !== undefined) epa.report = { wordLimit, ...(tolerancePercent !== undefined ? { tolerancePercent } : {}) };
      }
      const methodsNode = get(epaNode, 'methods');
      if (methodsNode !== undefined) {
        if (!isSeq(methodsNode)) src.error(methodsNode, '`epa.methods` must be a list');
        else {
          epa.methods = [];
          for (const item of methodsNode.items as Node[]) {
            const mid = str(get(item, 'id'), 'method `id`', true, item);
            const name = str(get(item, 'name'), `\`name\` of method ${mid ?? ''}`.trim(), true, item);
            const evidenceNode = get(item, 'evidence');
            const evidence = str(evidenceNode, 'method `evidence`', false, item);
            if (evidence !== undefined && evidence !== 'report' && evidence !== 'portfolio') src.error(evidenceNode, 'method `evidence` must be report or portfolio');
            const details = str(get(item, 'details'), 'method `details`', false, item);
            const methodKsbs = readCodeList(src, get(item, 'ksbs'), seen, `method ${mid}`);
            const kind: Pick<AssessmentMethod, 'evidence'> = evidence === 'report' || evidence === 'portfolio' ? { evidence } : {};
            if (mid && name) epa.methods.push({ id: mid, name, ...kind, ...(details ? { details } : {}), ...(methodKsbs ? { ksbs: methodKsbs } : {}) });
          }
        }
      }
    }
  }

  const known = new Set(['id', 'title', 'level', 'version', 'source', 'ksbs', 'duties', 'epa', 'categories', 'description']);
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!known.has(key)) src.warning(pair.key as Node, `unknown key \`${key}\` is ignored`);
  }

  if (src.problems.some((p) => p.severity === 'error') || !id || !title) return { problems: src.problems };
  const data: StandardData = {
    id,
    title,
    ...(level !== undefined ? { level } : {}),
    ...(version !== undefined ? { version } : {}),
    ...(source !== undefined ? { source } : {}),
    ksbs,
    duties,
    ...(epa ? { epa } : {}),
  };
  return { standard: buildStandard(data, file), problems: src.problems };
}

/** A list of codes that must all be KSBs of the standard being read (for methods and duties). */
function readCodeList(src: YamlSource, node: Node | undefined, known: Map<string, number>, owner: string): string[] | undefined {
  if (node === undefined) return undefined;
  if (!isSeq(node)) {
    src.error(node, `\`ksbs\` of ${owner} must be a list of codes`);
    return undefined;
  }
  const out: string[] = [];
  for (const item of node.items as Node[]) {
    const code = isScalar(item) ? String(item.value) : '';
    if (!known.has(code)) src.error(item, `${owner} names ${code || 'a non-code'}, which is not a KSB of this standard`);
    else out.push(code);
  }
  return out;
}

/** A KSB's optional `keywords`: a list of short texts (search aids, not the standard's words). */
function readKeywords(src: YamlSource, node: Node | undefined, code: string): string[] | undefined {
  if (node === undefined || (isScalar(node) && node.value === null)) return undefined;
  const items = isSeq(node) ? (node.items as Node[]) : [];
  const bad = isSeq(node) ? items.find((item) => !isScalar(item) || typeof item.value !== 'string') : node;
  if (bad) {
    src.error(bad, `\`keywords\` of ${code} must be a list of texts`);
    return undefined;
  }
  return items.map((item) => String((item as { value: unknown }).value).trim()).filter((k) => k !== '');
}
