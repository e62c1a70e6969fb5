import { distance } from 'fastest-levenshtein';
import picomatch from 'picomatch';
import { DEFAULT_EXCLUDED_HEADINGS, DEFAULT_MIN_WORDS } from './analyze';
import type { FileProblem } from './problems';
import { isMap, isScalar, isSeq, readYaml, type Node, type YamlSource } from './yamlSource';

export const CONFIG_FILE = '.ksb-evidence.yaml';

export type EvidenceKind = 'report' | 'portfolio' | 'other';

/** The project settings of `.ksb-evidence.yaml`, with the spec's defaults filled in. */
export interface ProjectConfig {
  /** A bundled standard id (`ST1398`) or a path to a standard YAML file, relative to the config. */
  standard: string;
  report: string[];
  portfolio: string[];
  ignore: string[];
  minWords: number;
  excludedHeadings: string[];
  /** Overrides the standard's report word limit. */
  wordLimit?: number;
  /** Overrides the standard's tolerance, in percent. */
  wordTolerancePercent?: number;
  /** Word budgets of sections, by heading (a heading's own `(N words)` comes first). */
  budgets?: Record<string, number>;
  /** The file it came from, when there was one. */
  file?: string;
}

/** Defaults from the spec: a `report` file name or folder is the report; a `portfolio/` folder the portfolio. */
export const DEFAULT_CONFIG: Readonly<ProjectConfig> = Object.freeze({
  standard: 'ST1398',
  report: ['**/*report*', '**/report/**'],
  portfolio: ['**/portfolio/**'],
  ignore: [],
  minWords: DEFAULT_MIN_WORDS,
  excludedHeadings: [...DEFAULT_EXCLUDED_HEADINGS],
});

/** A fresh, mutable copy of the defaults. */
export function defaultConfig(): ProjectConfig {
  return { ...DEFAULT_CONFIG, report: [...DEFAULT_CONFIG.report], portfolio: [...DEFAULT_CONFIG.portfolio], ignore: [...DEFAULT_CONFIG.ignore], excludedHeadings: [...DEFAULT_CONFIG.excludedHeadings] };
}

/** Folders never walked, whatever the config says (the CLI's walk, the extension's walk and watcher). */
export const ALWAYS_SKIPPED_FOLDERS = ['node_modules', '.git'];
export const isSkippedFolderName = (name: string): boolean => ALWAYS_SKIPPED_FOLDERS.includes(name);
export const ALWAYS_IGNORED = ALWAYS_SKIPPED_FOLDERS.map((name) => `**/${name}/**`);

/** File names read as evidence. */
export const EVIDENCE_EXTENSIONS = ['.md', '.markdown', '.qmd', '.rmd'];

export function isEvidenceFileName(path: string): boolean {
  const lower = path.toLowerCase();
  return EVIDENCE_EXTENSIONS.some((e) => lower.endsWith(e));
}

export interface ConfigResult {
  config: ProjectConfig;
  problems: FileProblem[];
}

const KEYS = ['standard', 'report', 'portfolio', 'ignore', 'minWords', 'excludedHeadings', 'wordLimit', 'wordTolerancePercent', 'budgets'];

/**
 * Reads `.ksb-evidence.yaml`. Problems name the file and line; a key with a bad value keeps its
 * default so the rest of the config still applies.
 */
export function parseConfig(text: string, file: string): ConfigResult {
  const config: ProjectConfig = { ...defaultConfig(), file };
  const src = readYaml(text, file);
  if (!src.doc) return { config, problems: src.problems };
  const root = src.doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { config, problems: src.problems }; // empty file: defaults
  if (!isMap(root)) {
    src.error(root, 'the config must be a mapping of settings, such as `standard: ST1398`');
    return { config, problems: src.problems };
  }
  const globs = (node: Node, key: string): string[] | undefined => {
    const items = isSeq(node) ? (node.items as Node[]) : [node];
    const out: string[] = [];
    for (const item of items) {
      if (!isScalar(item) || typeof item.value !== 'string' || item.value.trim() === '') {
        src.error(item, `\`${key}\` must be a glob or a list of globs, such as "report/**/*.md"${usingDefault(key)}`);
        return undefined;
      }
      if (/^(?:\/|[A-Za-z]:[\\/]|\.\.(?:\/|$))/.test(item.value)) {
        src.error(item, `\`${key}\`: bad glob "${item.value}": globs match paths inside the workspace, relative to its root, such as "report/**"${usingDefault(key)}`);
        return undefined;
      }
      try {
        // an unclosed [ { or ( is a mistake, not a literal character
        picomatch(item.value, { strictBrackets: true });
      } catch (e) {
        src.error(item, `\`${key}\`: bad glob "${item.value}": ${(e as Error).message}${usingDefault(key)}`);
        return undefined;
      }
      out.push(item.value);
    }
    return out;
  };
  const usingDefault = (key: string) => `; using ${defaultText(key)} instead`;
  for (const pair of root.items) {
    const keyNode = pair.key as Node;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    const value = pair.value as Node;
    if (!KEYS.includes(key)) {
      const near = nearest(key, KEYS);
      src.warning(keyNode, `unknown setting \`${key}\` is ignored${near ? ` (did you mean \`${near}\`?)` : `; settings are ${KEYS.join(', ')}`}`, near ? { length: key.length, text: near } : undefined);
      continue;
    }
    if (value === null || value === undefined || (isScalar(value) && value.value === null)) {
      src.error(keyNode, `\`${key}\` has no value${usingDefault(key)}`);
      continue;
    }
    switch (key) {
      case 'standard':
        if (isScalar(value) && typeof value.value === 'string' && value.value.trim()) config.standard = value.value.trim();
        else src.error(value, `\`standard\` must be a bundled standard id (ST1398) or a path to a standard YAML file${usingDefault(key)}`);
        break;
      case 'report':
      case 'portfolio':
      case 'ignore': {
        const g = globs(value, key);
        if (g) config[key] = g;
        break;
      }
      case 'excludedHeadings': {
        const items = isSeq(value) ? (value.items as Node[]) : [];
        if (!isSeq(value) || items.some((i) => !isScalar(i) || typeof i.value !== 'string')) src.error(value, `\`excludedHeadings\` must be a list of heading words, such as [References, Appendix]${usingDefault(key)}`);
        else config.excludedHeadings = items.map((i) => String((i as { value: unknown }).value));
        break;
      }
      case 'minWords':
      case 'wordLimit':
      case 'wordTolerancePercent':
        if (isScalar(value) && typeof value.value === 'number' && Number.isFinite(value.value) && value.value >= 0) config[key] = value.value;
        else src.error(value, `\`${key}\` must be a number of zero or more${usingDefault(key)}`);
        break;
      case 'budgets':
        config.budgets = readBudgets(value, src);
        break;
    }
  }
  return { config, problems: src.problems };
}

/** `budgets:`, a map of heading to words; an entry that is not one is reported and left out. */
function readBudgets(value: Node, src: Pick<YamlSource, 'error'>): Record<string, number> | undefined {
  if (!isMap(value)) {
    src.error(value, '`budgets` must map headings to word budgets, such as `"1. Introduction": 350`; no budgets from the settings are used');
    return undefined;
  }
  const budgets: Record<string, number> = {};
  for (const pair of value.items) {
    const heading = isScalar(pair.key) ? String((pair.key as { value: unknown }).value).trim() : '';
    const words = pair.value as Node;
    if (heading && isScalar(words) && typeof words.value === 'number' && Number.isFinite(words.value) && words.value > 0) budgets[heading] = words.value;
    else src.error((heading ? words : pair.key) as Node, `\`budgets\`: each entry is a heading and a number of words above zero, such as \`"1. Introduction": 350\`; this one is left out`);
  }
  return budgets;
}

/** What a setting in error falls back to, as a message says it. */
function defaultText(key: string): string {
  if (key === 'wordLimit') return "the standard's word limit";
  if (key === 'wordTolerancePercent') return "the standard's tolerance";
  const value = DEFAULT_CONFIG[key as keyof ProjectConfig];
  if (Array.isArray(value)) return value.length ? `the default [${value.map((v) => (/^[\w ]+$/.test(v) ? v : JSON.stringify(v))).join(', ')}]` : 'the default (none)';
  return `the default ${String(value)}`;
}

/** The setting a mistyped key most likely meant (`minwords`, `min_words`, `portfollio`), if any. */
function nearest(key: string, keys: readonly string[]): string | undefined {
  const norm = (k: string) => k.toLowerCase().replace(/[-_\s]/g, '');
  const exact = keys.find((k) => norm(k) === norm(key));
  if (exact) return exact;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of keys) {
    const d = distance(norm(k), norm(key));
    if (d < bestDistance) (best = k), (bestDistance = d);
  }
  return bestDistance <= Math.min(3, Math.floor(key.length / 3)) ? best : undefined;
}

export interface Classifier {
  kind(path: string, frontMatterKind?: 'report' | 'portfolio'): EvidenceKind;
  ignored(path: string): boolean;
}

export const GLOB_OPTIONS: picomatch.PicomatchOptions = { nocase: true, dot: true };

/**
 * Whether a path matches any of the globs, as picomatch(globs, GLOB_OPTIONS) decides it: the path
 * is a glob itself, or the glob's regular expression matches. No picomatch matcher a glob: those
 * build two result objects a call, and the CLI asks for every file and folder (the JIT's work on
 * them alone was ~16 ms of a 2,000-file run).
 */
export function globsTest(globs: readonly string[]): (path: string) => boolean {
  const res = globs.map((g) => picomatch.makeRe(g, GLOB_OPTIONS));
  return (path) => {
    if (path === '') return false;
    for (let i = 0; i < res.length; i++) if (path === globs[i] || res[i].test(path)) return true;
    return false;
  };
}

/**
 * Decides report / portfolio / other for workspace-relative paths (`/` separators). Front matter
 * `evidence:` wins; then the globs. A file both globs match (`portfolio/incident-report.md`) is a
 * portfolio piece: a folder says more than a word in a file name.
 */
export function createClassifier(config: ProjectConfig): Classifier {
  const report = globsTest(config.report);
  const portfolio = globsTest(config.portfolio);
  const ignore = globsTest([...ALWAYS_IGNORED, ...config.ignore]);
  return {
    kind(path, frontMatterKind) {
      if (frontMatterKind) return frontMatterKind;
      if (portfolio(path)) return 'portfolio';
      if (report(path)) return 'report';
      return 'other';
    },
    ignored: (path) => ignore(path),
  };
}
