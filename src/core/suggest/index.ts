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
  /** Each term's postings (a stem, or two stems in a row): the KSBs holding it (positions) and its weight in each. */
  readonly lists: readonly Posting[];
  /** A single stem's position in `lists`. */
  readonly singles: ReadonlyMap<string, number>;
  /** A pair's position in `lists`, by its two stems' positions (first * singles.size + second). */
  readonly pairs: ReadonlyMap<number, number>;
  /** The stemmer, with its memo of words seen: kept with the index so repeated calls are quick. */
  readonly stem: Stem;
}

/** As typed arrays and numbers: a CLI run scores every untagged section of thousands of files against them. */
interface Posting {
  readonly ksbs: Int32Array;
  readonly weights: Float64Array;
  readonly single: boolean;
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
  const lists: Posting[] = [];
  const singles = new Map<string, number>();
  for (const [t, list] of postings) {
    if (t.includes(' ')) continue;
    singles.set(t, lists.length);
    lists.push({ ksbs: Int32Array.from(list, (p) => p[0]), weights: Float64Array.from(list, (p) => p[1]), single: true });
  }
  // a pair's stems are single terms of the same KSB text, so both have a position
  const pairs = new Map<number, number>();
  for (const [t, list] of postings) {
    const space = t.indexOf(' ');
    if (space < 0) continue;
    pairs.set(singles.get(t.slice(0, space))! * singles.size + singles.get(t.slice(space + 1))!, lists.length);
    lists.push({ ksbs: Int32Array.from(list, (p) => p[0]), weights: Float64Array.from(list, (p) => p[1]), single: false });
  }
  return { codes: standard.ksbs.map((k) => k.code), lists, singles, pairs, stem };
}

/** The section's terms the index knows, with their counts: single stems and the pairs of stems in a row. */
function queryTerms(sectionText: string, index: SuggestIndex): Map<number, number> {
  const stems = terms(sectionProse(sectionText), index.stem);
  const query = new Map<number, number>();
  let previous = -1;
  for (const stem of stems) {
    const single = index.singles.get(stem) ?? -1;
    if (single >= 0) query.set(single, (query.get(single) ?? 0) + 1);
    if (previous >= 0 && single >= 0) {
      const pair = index.pairs.get(previous * index.singles.size + single);
      if (pair !== undefined) query.set(pair, (query.get(pair) ?? 0) + 1);
    }
    previous = single;
  }
  return query;
}

/** Every KSB's BM25 score against the section, in the standard's order. */
export function scoreKsbs(index: SuggestIndex, sectionText: string): number[] {
  const scores = new Float64Array(index.codes.length);
  const matched = new Int32Array(index.codes.length);
  for (const [term, qtf] of queryTerms(sectionText, index)) {
    const list = index.lists[term];
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
  // the best `max` by one pass, kept in order (ties: the standard's order, as the pass meets them)
  const best: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    if (!(scores[i] > 0)) continue;
    let at = best.length;
    while (at > 0 && scores[best[at - 1]] < scores[i]) at--;
    if (at < max) best.splice(at, 0, i);
    if (best.length > max) best.pop();
  }
  return best.map((i) => ({ code: index.codes[i], score: Math.round(scores[i] * 1000) / 1000 }));
}
