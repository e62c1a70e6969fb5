/**
 * Section word budgets. Real reports plan their sections in the heading,
 * `## 1. Introduction (350 words)`, or a project lists them in `.ksb-evidence.yaml`
 * (`budgets:`, by heading). A budget covers the section and everything under it (a chapter's
 * budget includes its subsections), and is over once past the budget plus the standard's
 * tolerance, as the report's limit is.
 */
import type { Section } from './reader/types';

/** What budgets read of a section. */
type BudgetSection = Pick<Section, 'heading' | 'level' | 'line' | 'words' | 'excluded'>;

/** `(350 words)`, `(c. 350 words)`, `(~1,200 words)`, `(350-word)`, `[350 words]`, `(max 350 words)` in a heading. */
const BUDGET_MARKER = /[([]\s*(?:(?:c\.|ca\.|approx\.?|about|max\.?|maximum|up to|~|≈)\s*)?(\d{1,3}(?:,\d{3})+|\d{1,6})[\s-]*words?\s*[)\]]/i;

/** The budget a heading sets with its `(N words)` marker, and the marker's place in the text. */
export function headingBudget(heading: string): { budget: number; start: number; end: number } | undefined {
  const m = BUDGET_MARKER.exec(heading);
  if (!m) return undefined;
  const budget = Number(m[1].replace(/,/g, ''));
  return budget > 0 ? { budget, start: m.index, end: m.index + m[0].length } : undefined;
}

/** A heading as a budgets key matches it: without its marker, section number and case. */
function headingKey(heading: string, withNumber: boolean): string {
  const marker = headingBudget(heading);
  let text = marker ? heading.slice(0, marker.start) + heading.slice(marker.end) : heading;
  if (!withNumber) text = text.replace(/^\s*(?:[A-Z]\.|\d+(?:\.\d+)*\.?)\s+/i, '');
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

export interface SectionBudget {
  /** Index of the section in the analysis. */
  section: number;
  /** 0-based heading line. */
  line: number;
  heading: string;
  /** Prose words of the section and the sections under it. */
  words: number;
  budget: number;
  /** Where the budget came from. */
  source: 'heading' | 'config';
  status: 'within' | 'over-budget' | 'over-tolerance';
}

/**
 * Every budgeted section of a document: a heading's marker first, else the project's budgets
 * (matched by heading text, with or without its section number, in any case).
 */
export function sectionBudgets(sections: readonly BudgetSection[], configBudgets: Readonly<Record<string, number>> = {}, tolerancePercent = 0): SectionBudget[] {
  const byKey = new Map<string, number>();
  for (const [key, budget] of Object.entries(configBudgets)) byKey.set(headingKey(key, true), budget);
  const found: SectionBudget[] = [];
  sections.forEach((section, index) => {
    // most headings plan nothing: a quick test before the marker's pattern
    if (section.level === 0 || (byKey.size === 0 && !/\d/.test(section.heading))) return;
    const marker = headingBudget(section.heading);
    const fromConfig = byKey.size === 0 ? undefined : (byKey.get(headingKey(section.heading, true)) ?? byKey.get(headingKey(section.heading, false)));
    const budget = marker?.budget ?? fromConfig;
    if (budget === undefined) return;
    const words = subtreeWords(sections, index);
    const status = words <= budget ? 'within' : words <= budget * (1 + tolerancePercent / 100) ? 'over-budget' : 'over-tolerance';
    found.push({ section: index, line: section.line, heading: section.heading, words, budget, source: marker ? 'heading' : 'config', status });
  });
  return found;
}

/** Words of a section and of every section under it, up to the next heading of its level or higher. */
function subtreeWords(sections: readonly BudgetSection[], index: number): number {
  const { level } = sections[index];
  let words = sections[index].excluded ? 0 : sections[index].words;
  for (let i = index + 1; i < sections.length && sections[i].level > level; i++) if (!sections[i].excluded) words += sections[i].words;
  return words;
}

/** The budgets of a report's sections added up, to set against the report's limit. Nested budgets count once, at the top. */
export function plannedWords(budgets: readonly SectionBudget[], sections: readonly BudgetSection[]): number {
  let total = 0;
  let coveredUntil = -1;
  for (const b of budgets) {
    if (b.section <= coveredUntil) continue;
    total += b.budget;
    const { level } = sections[b.section];
    let end = b.section + 1;
    while (end < sections.length && sections[end].level > level) end++;
    coveredUntil = end - 1;
  }
  return total;
}
