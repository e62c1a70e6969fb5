import { stemmer } from 'stemmer';

// Words that carry no evidence either way: English function words, the first-person and
// report-writing words every section has, and tag syntax. Checked before and after stemming.
const STOP_WORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by can ' +
    'could did do does doing done down during each either else ever every few for from further get got had has have having he her here ' +
    'him his how however i if in into is it its itself just let like made make me more most much must my myself no nor not now of off ' +
    'on once one only onto or other our ours ourselves out over own per quite rather same she should since so some such than that ' +
    'the their theirs them themselves then there these they this those through thus to too two under until up upon us very via was we ' +
    'were what when where whether which while who whom why will with within without would yet you your ' +
    // report and standard boilerplate
    'including include includes included example eg e.g etc section chapter figure table appendix using use used uses ' +
    'ksb ksbs evidence evidences shows show showed shown words word ' +
    // everyday words of any report, too common to say which KSB a section is about
    'actually already always around ask asked away back became become came come day days did early even every everyone few ' +
    'first five four gave give go goes going gone good great half hour hours kept keep last later lot lots many month months ' +
    'next often put really said say saw see seen several six sometimes start started still sure take taken ten thing things ' +
    'three time times took tried try turned usually want wanted way ways week weeks well went year years'
  ).split(' '),
);

/** A lower-case word's term: British spelling, stemmed; '' for a stop word. */
export type Stem = (word: string) => string;

/**
 * Terms of words with the Porter stemmer (`stemmer` package) and a memo of the words it has seen:
 * the stemmer is regular-expression heavy, and a workspace's sections repeat the same words many
 * times (a CLI run asks for every untagged section of thousands of files). The memo is dropped
 * when it holds too many words, so a long run's memory stays bounded.
 */
export function createStemmer(limit = 50_000): Stem {
  let memo = new Map<string, string>();
  return (word) => {
    let term = memo.get(word);
    if (term === undefined) {
      if (memo.size >= limit) memo = new Map();
      term = termOf(word);
      memo.set(word, term);
    }
    return term;
  };
}

/** A word as a term; '' for a stop word ("others", "months": a stop word once stemmed is one too). */
function termOf(word: string): string {
  if (word.length < 2 || STOP_WORDS.has(word)) return '';
  const stemmed = stemmer(britishSpelling(word));
  return STOP_WORDS.has(stemmed) ? '' : (STEM_ALIASES[stemmed] ?? stemmed);
}

/**
 * The prose of a Markdown section, without what is not prose: front matter, fenced and indented
 * code, HTML comments, table rows, link targets, KSB tags and inline code. Headings stay (their
 * words say what the section is about) without their markers.
 */
export function sectionProse(text: string): string {
  const lines = text.replace(/^\uFEFF/, '').replace(/<!--[\s\S]*?-->/g, ' ').split(/\r\n?|\n/);
  const out: string[] = [];
  let fence: string | undefined;
  let i = 0;
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((l, n) => n > 0 && /^(---|\.\.\.)\s*$/.test(l));
    if (end > 0) i = end + 1;
  }
  for (; i < lines.length; i++) {
    const line = lines[i];
    const open = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (open && open[1][0] === fence[0] && open[1].length >= fence.length) fence = undefined;
      continue;
    }
    if (open) {
      fence = open[1];
      continue;
    }
    if (/^( {4}|\t)/.test(line) || /^\s*\|/.test(line) || /^\s*KSBs?\s*:/i.test(line)) continue;
    out.push(line);
  }
  return out
    .join('\n')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/\]\([^)\s]*\)/g, ']')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\[(?:\s*[A-Z]+\d+(?:\.\d+)*\s*(?:[,;–-]\s*|$))+\s*\]/g, ' ');
}

// American spellings of words the standard spells the British way, and the stems the Porter
// stemmer (written for American English) leaves apart: both sides of a match go through these.
const SPELLING: Record<string, string> = {
  behavior: 'behaviour', behaviors: 'behaviours', catalog: 'catalogue', catalogs: 'catalogues', center: 'centre',
  centers: 'centres', color: 'colour', defense: 'defence', license: 'licence', licenses: 'licences', program: 'programme',
  programs: 'programmes', modeling: 'modelling', modeled: 'modelled', labeling: 'labelling', labeled: 'labelled',
};
const STEM_ALIASES: Record<string, string> = { analysi: 'analys', analyz: 'analys' };

/** One lower-case word in the standard's British spelling: "optimize" as "optimise", "analyze" as "analyse". */
export function britishSpelling(word: string): string {
  const mapped = SPELLING[word];
  if (mapped) return mapped;
  if (word.length > 5) return word.replace(/iz(e|ed|es|ing|ation|ations|er|ers)$/, 'is$1').replace(/yz(e|ed|es|ing)$/, 'ys$1');
  return word;
}

/** Lower-case word tokens of a text (letters, digits inside words), stop words removed, stemmed. */
export function terms(text: string, stem: Stem = termOf): string[] {
  const words = text.toLowerCase().replace(/[’']/g, '').match(/[a-z][a-z0-9]*/g) ?? [];
  const out: string[] = [];
  for (const w of words) {
    const term = stem(w);
    if (term) out.push(term);
  }
  return out;
}

/** Adjacent pairs of terms, joined with a space, for phrases such as "feature store". */
export function bigrams(stems: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < stems.length; i++) out.push(`${stems[i - 1]} ${stems[i]}`);
  return out;
}
