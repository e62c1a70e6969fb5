// Accuracy of the KSB suggestions (src/core/suggest) on the hand-labelled sections in
// test/fixtures/suggestions, beside the same ranking without keywords and the older rankKsbs of
// src/core/query.ts. A hit at k: any gold code among the first k suggestions. Only fresh3 was
// never tuned on (the header of dev.yaml tells each split's history): its figure is the honest one.
// `node bench/suggest-eval.mjs [--splits dev,test] [--us] [--misses] [--json]`: --misses lists the sections missed at 3.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { loadCore, REPO } from './core.mjs';
// The ranking *Add KSB tag…* used before src/core/suggest (content words of the official text,
// a hand-written stem), kept here only to compare against.
const STOP_WORDS = new Set(
  'a an and are as at be by for from has have how in into is it its of on or our that the their them these this to was we were which will with within using use used such other own can may via all any both each new not only than then there so also including include includes based between'.split(' '),
);

function contentWords(text) {
  return (text.toLowerCase().match(/[a-z][a-z-]{2,}/g) ?? []).filter((w) => !STOP_WORDS.has(w)).map(stem);
}

/** A crude stem so "monitoring", "monitored" and "monitor" meet. */
function stem(w) {
  return w.replace(/(?:ations?|ing|ings|ed|es|s|ity|ies|ment|ments)$/, '') || w;
}

/**
 * KSBs ranked by how well their official text matches a section's text (shared content words,
 * rarer words weighing more). Only an ordering hint for the quick pick; every KSB is still offered.
 */
function rankKsbs(standard, sectionText) {
  const docFreq = new Map();
  const ksbWords = standard.ksbs.map((k) => new Set(contentWords(k.text)));
  for (const words of ksbWords) for (const w of words) docFreq.set(w, (docFreq.get(w) ?? 0) + 1);
  const section = new Map();
  for (const w of contentWords(sectionText)) section.set(w, (section.get(w) ?? 0) + 1);
  const n = standard.ksbs.length;
  return standard.ksbs
    .map((ksb, i) => {
      let score = 0;
      for (const w of ksbWords[i]) {
        const tf = section.get(w);
        if (tf) score += Math.log(1 + tf) * Math.log(1 + n / (docFreq.get(w) ?? 1));
      }
      return { ksb, score: score / Math.sqrt(ksbWords[i].size || 1) };
    })
    .sort((a, b) => b.score - a.score || standard.order.get(a.ksb.code) - standard.order.get(b.ksb.code));
}


const showMisses = process.argv.includes('--misses');
const asJson = process.argv.includes('--json');
// --splits a,b: only those (while tuning, so the fresh split stays unseen)
const splitsArg = process.argv.indexOf('--splits');
const splits = splitsArg > 0 ? process.argv[splitsArg + 1].split(',') : ['dev', 'test', 'holdout', 'fresh', 'fresh2', 'fresh3'];

/** The core's suggestion functions and the bundled standards, bundled on the fly as bench/core.mjs does. */
async function loadSuggestCore() {
  const dir = mkdtempSync(path.join(tmpdir(), 'ksb-suggest-eval-'));
  try {
    return await loadCore(dir, "export { suggestKsbs, buildSuggestIndex, sectionProse } from './src/core/suggest'; export { bundledStandard } from './src/core/bundled';");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const core = await loadSuggestCore();
const standard = core.bundledStandard('ST1398');
const index = core.buildSuggestIndex(standard);
// --us: every section rewritten in American spelling (optimize, behavior, modeling...), as a
// held-out set written by someone else might be
const american = (text) =>
  text
    .replace(/\b(\w{3,})is(e|ed|es|ing|ation|ations)\b/g, (w, a, b) => (/(?:advert|comprom|exerc|expert|enterpr|otherw|prem|prom|superv|surpr|wh|prec|conc|rev|dev|franch)$/.test(a) ? w : `${a}iz${b}`))
    .replace(/\banalys(e|ed|es|ing)\b/g, 'analyz$1')
    .replace(/our\b/g, (m, i, t) => (/\b(?:behavi|col|lab|fav|hon|neighb)our\b/.test(t.slice(Math.max(0, i - 8), i + 3)) ? 'or' : m))
    .replace(/\b(model|label)l(ing|ed)\b/g, '$1$2')
    .replace(/\bcatalogue\b/g, 'catalog')
    .replace(/\blicence\b/g, 'license')
    .replace(/\bcentre\b/g, 'center')
    .replace(/\bprogramme\b/g, 'program');
const us = process.argv.includes('--us');
const split = (name) => parse(readFileSync(path.join(REPO, 'test/fixtures/suggestions', `${name}.yaml`), 'utf8')).sections.map((s) => (us ? { ...s, text: american(s.text) } : s));
// the same ranking over the official texts alone: what the keyword search aids add
const textOnly = { ...standard, ksbs: standard.ksbs.map(({ keywords, ...k }) => k) };
const textOnlyIndex = core.buildSuggestIndex(textOnly);
const rankers = {
  suggestKsbs: (text) => core.suggestKsbs(standard, text, 5, index).map((s) => s.code),
  'no keywords': (text) => core.suggestKsbs(textOnly, text, 5, textOnlyIndex).map((s) => s.code),
  'rankKsbs (old)': (text) => rankKsbs(standard, text).filter((r) => r.score > 0).slice(0, 5).map((r) => r.ksb.code),
};

/** Content stems a section shares with its first gold KSB's official text, as a share of the KSB's. */
function overlap(section) {
  const words = (t) => new Set((t.toLowerCase().match(/[a-z]{4,}/g) ?? []).map((w) => w.slice(0, 5)));
  const ksb = words(standard.byCode.get(section.gold[0]).text);
  const prose = words(core.sectionProse(section.text));
  return [...ksb].filter((w) => prose.has(w)).length / Math.max(1, ksb.size);
}

const rows = [];
for (const name of splits) {
  const sections = split(name);
  for (const [ranker, rank] of Object.entries(rankers)) {
    for (const subset of ['all', 'meaning']) {
      const chosen = sections.filter((s) => subset === 'all' || s.meaning);
      let top1 = 0;
      let top3 = 0;
      for (const s of chosen) {
        const got = rank(s.text);
        if (s.gold.includes(got[0])) top1++;
        if (got.slice(0, 3).some((c) => s.gold.includes(c))) top3++;
        else if (showMisses && ranker === 'suggestKsbs' && subset === 'all') console.log(`miss ${s.id} gold ${s.gold.join(',')} got ${got.join(',')}`);
      }
      rows.push({ split: name, ranker, subset, n: chosen.length, top1: top1 / chosen.length, top3: top3 / chosen.length });
    }
  }
  const meaning = sections.filter((s) => s.meaning);
  rows.push({ split: name, overlapMeaning: meaning.map(overlap).reduce((a, b) => a + b, 0) / meaning.length, overlapOthers: sections.filter((s) => !s.meaning).map(overlap).reduce((a, b) => a + b, 0) / (sections.length - meaning.length) });
}

if (asJson) console.log(JSON.stringify(rows, null, 2));
else {
  const pct = (x) => `${(x * 100).toFixed(0)}%`.padStart(5);
  console.log('split  ranker           sections          n  top-1  top-3');
  for (const r of rows.filter((r) => r.ranker)) console.log(`${r.split.padEnd(6)} ${r.ranker.padEnd(16)} ${(r.subset === 'all' ? 'all' : 'linked by meaning').padEnd(17)} ${String(r.n).padStart(2)} ${pct(r.top1)} ${pct(r.top3)}`);
  for (const r of rows.filter((r) => !r.ranker)) console.log(`${r.split}: mean share of the gold KSB's words in the section: ${pct(r.overlapMeaning)} linked by meaning, ${pct(r.overlapOthers)} others`);
}
