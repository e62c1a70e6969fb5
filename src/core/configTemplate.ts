import { DEFAULT_CONFIG } from './config';
import type { Standard } from './standard';

const list = (items: readonly string[]) => `[${items.map((v) => (/^[\w ]+$/.test(v) ? v : JSON.stringify(v))).join(', ')}]`;

/**
 * A new `.ksb-evidence.yaml`: every setting commented out at its default, with a line on what it
 * does, so the file changes nothing until a line is uncommented. The word limit comes from the
 * standard (no figure is made up here).
 */
export function configTemplate(standard: Standard): string {
  const report = standard.epa?.report;
  const lines = [
    '# KSB Evidence project settings. Every setting is optional: remove the # before a line to',
    '# change it from the default shown.',
    '',
    `# The standard: a bundled id (${standard.id}) or the path of a standard YAML file in this folder.`,
    `# standard: ${DEFAULT_CONFIG.standard}`,
    '',
    '# Which files are the report and which are portfolio pieces (globs, relative to this folder).',
    '# A file both match is a portfolio piece; front matter `evidence: report` decides for one file.',
    `# report: ${list(DEFAULT_CONFIG.report)}`,
    `# portfolio: ${list(DEFAULT_CONFIG.portfolio)}`,
    '',
    '# Files and folders never read as evidence (node_modules and .git never are).',
    `# ignore: ${list(DEFAULT_CONFIG.ignore)}`,
    '',
    '# A section with at least this many words of prose and no KSB tag is reported as untagged.',
    `# minWords: ${DEFAULT_CONFIG.minWords}`,
    '',
    '# Sections under these headings are not counted as evidence or words.',
    `# excludedHeadings: ${list(DEFAULT_CONFIG.excludedHeadings)}`,
    '',
  ];
  if (report?.wordLimit !== undefined)
    lines.push(
      `# The report's word limit and its tolerance in percent (${standard.id}'s own are shown).`,
      `# wordLimit: ${report.wordLimit}`,
      `# wordTolerancePercent: ${report.tolerancePercent ?? 0}`,
      '',
    );
  return lines.join('\n');
}
