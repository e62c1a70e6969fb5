import type { Standard } from '../standard';
import { bigrams, sectionProse, terms } from './tokens';

export { sectionProse } from './tokens';

/** One suggested KSB and how strongly the section's prose points at it (higher is better). */
export interface KsbSuggestion {
  code: string;
  score: number;
}

/**
 * What ranking needs from a standard, built once per standard and kept by the caller: each KSB's
 * weighted terms (its official text, plus the standard's `keywords` search aids when it has them)
 * and each term's inverse document frequency.
 */
export interface SuggestIndex {
  readonly codes: readonly string[];
  readonly docs: readonly ReadonlyMap<string, number>[];
  readonly lengths: readonly number[];
  readonly avgLength: number;
  readonly idf: ReadonlyMap<string, number>;
}

// BM25 parameters and field weights, tuned on test/fixtures/suggestions/dev.yaml only.
const K1 = 1.2;
const B = 0.5;
const TEXT_WEIGHT = 1;
const KEYWORD_WEIGHT = 1;
const BIGRAM_WEIGHT = 1;
const COORDINATION = 1;

function addTerms(doc: Map<string, number>, stems: readonly string[], weight: number): void {
  for (const t of stems) doc.set(t, (doc.get(t) ?? 0) + weight);
  for (const t of bigrams(stems)) doc.set(t, (doc.get(t) ?? 0) + weight * BIGRAM_WEIGHT);
}

/** Builds the ranking index of a standard: call once per loaded standard and keep the result. */
export function buildSuggestIndex(standard: Standard): SuggestIndex {
  const docs = standard.ksbs.map((ksb) => {
    const doc = new Map<string, number>();
    addTerms(doc, terms(ksb.text), TEXT_WEIGHT);
    // each keyword is its own phrase: no bigram joins the end of one to the start of the next
    for (const keyword of ksb.keywords ?? []) addTerms(doc, terms(keyword), KEYWORD_WEIGHT);
    return doc;
  });
  const df = new Map<string, number>();
  for (const doc of docs) for (const t of doc.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  const idf = new Map<string, number>();
  for (const [t, f] of df) idf.set(t, Math.log(1 + (n - f + 0.5) / (f + 0.5)));
  const lengths = docs.map((doc) => [...doc.values()].reduce((s, v) => s + v, 0));
  const avgLength = lengths.reduce((s, v) => s + v, 0) / Math.max(1, n);
  return { codes: standard.ksbs.map((k) => k.code), docs, lengths, avgLength, idf };
}

/** Terms of a section's prose with their counts: single stems and adjacent pairs. */
function queryTerms(sectionText: string): Map<string, number> {
  const stems = terms(sectionProse(sectionText));
  const query = new Map<string, number>();
  for (const t of [...stems, ...bigrams(stems)]) query.set(t, (query.get(t) ?? 0) + 1);
  return query;
}

/** Every KSB's BM25 score against the section, in the standard's order. */
export function scoreKsbs(index: SuggestIndex, sectionText: string): number[] {
  const query = queryTerms(sectionText);
  return index.docs.map((doc, i) => {
    const norm = K1 * (1 - B + (B * index.lengths[i]) / (index.avgLength || 1));
    let score = 0;
    let matched = 0;
    for (const [t, qtf] of query) {
      const tf = doc.get(t);
      if (!tf) continue;
      score += (index.idf.get(t) ?? 0) * ((tf * (K1 + 1)) / (tf + norm)) * (1 + Math.log(qtf));
      if (!t.includes(' ')) matched++;
    }
    // several different words pointing at a KSB say more than one word that happens to match
    return score * (matched / (matched + COORDINATION));
  });
}

/**
 * The KSBs a section's prose most likely evidences, best first, at most `max`; only KSBs with
 * some match (score above zero), so an empty or code-only section gets none. Ties keep the
 * standard's order. Pass `index` (from buildSuggestIndex) to skip rebuilding it on every call.
 */
export function suggestKsbs(standard: Standard, sectionText: string, max = 5, index = buildSuggestIndex(standard)): KsbSuggestion[] {
  const scores = scoreKsbs(index, sectionText);
  return scores
    .map((score, i) => ({ code: index.codes[i], score, i }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, Math.max(0, max))
    .map(({ code, score }) => ({ code, score: Math.round(score * 1000) / 1000 }));
}
