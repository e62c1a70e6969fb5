/**
 * `--format sarif`: the findings as a SARIF 2.1.0 log (Static Analysis Results Interchange
 * Format), which GitHub code scanning and other CI dashboards read. One rule a kind of finding;
 * the coverage summary rides along in the run's property bag.
 */
import type { CoverageView } from '../coverage';
import type { Standard } from '../standard';
import { FINDING_RULES, findingsOf } from './findings';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/ksb-evidence/ksb-evidence';

/** A rule's id: the tool's name space and the kind of finding. */
export const ruleId = (kind: string) => `ksb-evidence/${kind}`;

export interface SarifOptions {
  /** The tool's version, as `ksb-evidence --version` prints it. */
  version: string;
  /** The scanned folder relative to where the command runs, so paths are from the repository's root. */
  prefix?: string;
}

/** A relative path as a URI reference: each segment percent-encoded (spaces, `#`, `%`), `/` kept. */
export function pathUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

const RULE_HELP: Record<string, string> = {
  'untagged-section': `${INFORMATION_URI}#tagging-evidence`,
  'unknown-code': `${INFORMATION_URI}#tagging-evidence`,
  'word-limit': `${INFORMATION_URI}#the-command-line`,
};

export function sarifLog(report: CoverageView, standard: Standard, options: SarifOptions): object {
  const rules = FINDING_RULES.map((r) => ({
    id: ruleId(r.kind),
    name: r.name,
    shortDescription: { text: r.short },
    fullDescription: { text: r.full },
    helpUri: RULE_HELP[r.kind],
    help: { text: r.full },
    defaultConfiguration: { level: r.level },
  }));
  const index = new Map(FINDING_RULES.map((r, i) => [r.kind, i]));
  const results = findingsOf(report, standard, options.prefix).map((f) => ({
    ruleId: ruleId(f.kind),
    ruleIndex: index.get(f.kind)!,
    level: f.level,
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: pathUri(f.path), uriBaseId: '%SRCROOT%' }, region: { startLine: f.line } } }],
    properties: f.properties,
  }));
  const missing: string[] = [];
  for (const k of report.ksbs) if (!k.covered) missing.push(k.code);
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'ksb-evidence', version: options.version, semanticVersion: options.version, informationUri: INFORMATION_URI, rules } },
        results,
        properties: { standard: report.standard, summary: report.summary, missing },
      },
    ],
  };
}

export function formatSarif(report: CoverageView, standard: Standard, options: SarifOptions): string {
  return JSON.stringify(sarifLog(report, standard, options), null, 2) + '\n';
}
