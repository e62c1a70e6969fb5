import type { Standard } from '../standard';
import { bigrams, createStemmer, sectionProse, terms, type Stem } from './tokens';

export { sectionProse } from './tokens';

/** One suggested KSB and how strongly the section's prose points at it (higher is better). */
export interface KsbSuggestion {
  code: string;
  score: number;
}

/**
 * What ranking needs from a standard, built once per standard and kept by the caller: for each
 * term of the KSBs' texts (their official text, plus the standard's `keywords` search aids when it
 * has them), the KSBs holding it with the term's BM25 weight in each.
 */
export interface SuggestIndex {
  readonly codes: readonly string[];
  /** Term (a stem, or two stems joined by a space) to [KSB position, weight] pairs. */
  readonly postings: ReadonlyMap<string, readonly (readonly [number, number])[]>;
  /** The stemmer, with its memo of words seen: kept with the index so repeated calls are quick. */
  readonly stem: Stem;
}

// BM25 parameters and weights, chosen on the tuning splits (see test/fixtures/suggestions/dev.yaml);
// the ranking hardly moves with them: the keywords are what bridge a section to its KSB.
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
  const stem = createStemmer();
  const docs = standard.ksbs.map((ksb) => {
    const doc = new Map<string, number>();
    addTerms(doc, terms(ksb.text, stem), TEXT_WEIGHT);
    // each keyword is its own phrase: no bigram joins the end of one to the start of the next
    for (const keyword of ksb.keywords ?? []) addTerms(doc, terms(keyword, stem), KEYWORD_WEIGHT);
    return doc;
  });
  const lengths = docs.map((doc) => [...doc.values()].reduce((s, v) => s + v, 0));
  const avgLength = lengths.reduce((s, v) => s + v, 0) / Math.max(1, docs.length) || 1;
  const postings = new Map<string, [number, number][]>();
  docs.forEach((doc, i) => {
    const norm = K1 * (1 - B + (B * lengths[i]) / avgLength);
    for (const [t, tf] of doc) {
      let list = postings.get(t);
      if (!list) postings.set(t, (list = []));
      list.push([i, (tf * (K1 + 1)) / (tf + norm)]);
    }
  });
  const n = docs.length;
  for (const list of postings.values()) {
    const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
    for (const p of list) p[1] *= idf;
  }
  return { codes: standard.ksbs.map((k) => k.code), postings, stem };
}

/** Terms of a section's prose with their counts: single stems and adjacent pairs. */
function queryTerms(sectionText: string, stem: Stem): Map<string, number> {
  const stems = terms(sectionProse(sectionText), stem);
  const query = new Map<string, number>();
  for (const t of [...stems, ...bigrams(stems)]) query.set(t, (query.get(t) ?? 0) + 1);
  return query;
}

/** Every KSB's BM25 score against the section, in the standard's order. */
export function scoreKsbs(index: SuggestIndex, sectionText: string): number[] {
  const scores = new Array<number>(index.codes.length).fill(0);
  const matched = new Array<number>(index.codes.length).fill(0);
  for (const [t, qtf] of queryTerms(sectionText, index.stem)) {
    const list = index.postings.get(t);
    if (!list) continue;
    const single = !t.includes(' ');
    for (const [i, weight] of list) {
      scores[i] += weight * (1 + Math.log(qtf));
      if (single) matched[i]++;
    }
  }
  // several different words pointing at a KSB say more than one word that happens to match
  return scores.map((score, i) => score * (matched[i] / (matched[i] + COORDINATION)));
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
