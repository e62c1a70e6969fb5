/**
 * The starter report *Create Report* writes: the shape of an EPA project report (title, numbered
 * sections with word budgets, references, an appendix) that claims nothing. Every example tag sits
 * in a code span inside an HTML comment, which the reader never reads as a tag, and each section's
 * guidance is a comment too, so the starter counts no words beyond its headings.
 */
import type { Standard } from './standard';

interface Part {
  heading: string;
  /** Share of the word limit, in percent (the shares add up to 100). */
  share: number;
  guidance: string;
}

/** A usual project report's parts; the EPAO's own guidance decides, so the help says to check it. */
const PARTS: readonly Part[] = [
  { heading: 'Introduction', share: 10, guidance: 'The organisation, the business problem and why it matters to the people who will use the result.' },
  { heading: 'Scope and objectives', share: 8, guidance: 'The title and scope agreed with the EPAO at the gateway, the objectives and how success is measured.' },
  { heading: 'Data', share: 15, guidance: 'Where the data comes from, its quality, how it was prepared, and how it is handled responsibly and securely.' },
  { heading: 'Approach and design', share: 15, guidance: 'The methods considered and chosen, and why; the design of the solution and how the work was planned.' },
  { heading: 'Building the model', share: 17, guidance: 'Features, algorithms, training and tuning; the tools used and the decisions made along the way.' },
  { heading: 'Deployment and monitoring', share: 13, guidance: 'How the model reached the live environment and how it is tested, monitored and maintained there.' },
  { heading: 'Results and evaluation', share: 12, guidance: 'How the model performs against the objectives, its limits, bias and risks, and what stakeholders said.' },
  { heading: 'Conclusions and reflection', share: 10, guidance: 'What was achieved, what you would do differently, and the next steps.' },
];

/** Word budgets in steps of 50 that add up to the limit exactly (the rounding goes to the largest part). */
export function wordBudgets(limit: number): number[] {
  const budgets = PARTS.map((p) => Math.round((limit * p.share) / 100 / 50) * 50);
  const largest = PARTS.reduce((best, p, i) => (p.share > PARTS[best].share ? i : best), 0);
  budgets[largest] += limit - budgets.reduce((a, b) => a + b, 0);
  return budgets;
}

const thousands = (n: number) => n.toLocaleString('en-GB');

/** The help block at the top: how to tag, with examples only in code spans, inside a comment. */
function helpBlock(standard: Standard, limit: { limit: number; tolerancePercent: number } | undefined): string[] {
  const first = standard.ksbs[0]?.code ?? 'K1';
  const second = standard.ksbs.find((k) => k.category !== standard.ksbs[0]?.category)?.code ?? first;
  const example = first === second ? first : `${first}, ${second}`;
  const maximum = limit ? Math.floor(limit.limit * (1 + limit.tolerancePercent / 100)) : 0;
  return [
    '<!--',
    'How to use this starter (KSB Evidence). Comments like this one are not read as evidence and',
    'their words are not counted; delete them as you write.',
    '',
    limit
      ? `- The ${standard.id} project report is at most ${thousands(limit.limit)} words (${limit.tolerancePercent}% tolerance: up to ${thousands(maximum)}). The budgets in the headings add up to ${thousands(limit.limit)}; move words between sections as your project needs. Check your EPAO's guidance for the sections it expects.`
      : `- Check your EPAO's guidance for the report's sections and word limit.`,
    `- Tag each section with the KSBs it evidences once you have written it: add a bracket group such as \`[${example}]\` at the end of its heading, or a line such as \`KSBs: ${example}\` under it.`,
    '- Hover a code to read its official text; the KSB Coverage view shows what is still missing.',
    '- References and appendices are not counted towards the limit.',
    '-->',
  ];
}

/** The whole starter report for a standard; `limit` is the project's word limit (config or the standard's data). */
export function reportTemplate(standard: Standard, limit: { limit: number; tolerancePercent: number } | undefined): string {
  const budgets = limit ? wordBudgets(limit.limit) : undefined;
  const lines = ['---', 'title: Project title agreed at the gateway', 'evidence: report', '---', '', '# Project title', '', ...helpBlock(standard, limit), ''];
  PARTS.forEach((part, i) => {
    lines.push(`## ${i + 1} ${part.heading}${budgets ? ` (${budgets[i]} words)` : ''}`, '', `<!-- ${part.guidance} -->`, '');
  });
  lines.push('## References', '', '<!-- Sources you cite, one a line. Not counted towards the limit. -->', '');
  lines.push('## Appendix A: KSB mapping', '', '<!-- Optional: paste the table from "KSB Evidence: Export KSB Mapping Table" here. -->', '');
  return lines.join('\n');
}
