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
  /** Term (a stem, or two stems joined by a space) to the KSBs holding it (positions) and its weight in each. */
  readonly postings: ReadonlyMap<string, { readonly ksbs: Int32Array; readonly weights: Float64Array; readonly single: boolean }>;
  /** The stemmer, with its memo of words seen: kept with the index so repeated calls are quick. */
  readonly stem: Stem;
  /** Stems that begin some pair of the index: a section's pairs are made only from these. */
  readonly pairStarts: ReadonlySet<string>;
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
  const pairStarts = new Set([...postings.keys()].filter((t) => t.includes(' ')).map((t) => t.slice(0, t.indexOf(' '))));
  // as typed arrays: a CLI run scores every untagged section of thousands of files against them
  const packed = new Map([...postings].map(([t, list]) => [t, { ksbs: Int32Array.from(list, (p) => p[0]), weights: Float64Array.from(list, (p) => p[1]), single: !t.includes(' ') }]));
  return { codes: standard.ksbs.map((k) => k.code), postings: packed, stem, pairStarts };
}

/** Terms of a section's prose with their counts: single stems and adjacent pairs the index holds a start of. */
function queryTerms(sectionText: string, index: SuggestIndex): Map<string, number> {
  const stems = terms(sectionProse(sectionText), index.stem);
  const query = new Map<string, number>();
  for (let i = 0; i < stems.length; i++) {
    query.set(stems[i], (query.get(stems[i]) ?? 0) + 1);
    if (i > 0 && index.pairStarts.has(stems[i - 1])) {
      const pair = `${stems[i - 1]} ${stems[i]}`;
      query.set(pair, (query.get(pair) ?? 0) + 1);
    }
  }
  return query;
}

/** Every KSB's BM25 score against the section, in the standard's order. */
export function scoreKsbs(index: SuggestIndex, sectionText: string): number[] {
  const scores = new Float64Array(index.codes.length);
  const matched = new Int32Array(index.codes.length);
  for (const [t, qtf] of queryTerms(sectionText, index)) {
    const list = index.postings.get(t);
    if (!list) continue;
    const boost = 1 + Math.log(qtf);
    const { ksbs, weights, single } = list;
    for (let j = 0; j < ksbs.length; j++) {
      scores[ksbs[j]] += weights[j] * boost;
      if (single) matched[ksbs[j]]++;
    }
  }
  // several different words pointing at a KSB say more than one word that happens to match
  return Array.from(scores, (score, i) => score * (matched[i] / (matched[i] + COORDINATION)));
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
