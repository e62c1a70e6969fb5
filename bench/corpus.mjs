// Deterministic corpora of realistic evidence (seeded PRNG), cached by seed and size.
//
//   <root>/cohort-2024/a0007-okafor/report/03-data-preparation.md
//   <root>/cohort-2024/a0007-okafor/portfolio/05-drift-monitoring-runbook.md
//
// Each apprentice has a report split into chapters and a set of portfolio pieces. The prose is
// British-English machine learning engineering writing assembled from templates with varied
// vocabulary and figures; the Markdown has numbered ATX headings and some setext ones, every tag
// form of shared/spec/tagging.md (bracket groups, ranges, label lines, comment tags, front matter
// `ksbs:`), untagged and excluded sections, non-tags such as `(the S3 bucket)`, bare codes in
// prose, inline code, fenced code (with code-shaped text that must not count), tables, nested
// lists, block quotes, links and images. About 12 KB a file on average, with a long tail.
//
//   node bench/corpus.mjs 2000 [seed]   prints the folder (generating it when not cached)
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bump when the generator changes, so cached corpora are not reused. */
export const CORPUS_VERSION = 3;
export const DEFAULT_SEED = 1398;

/** mulberry32: small, fast, good enough for test data. */
export function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const K = Array.from({ length: 31 }, (_, i) => `K${i + 1}`);
const S = Array.from({ length: 34 }, (_, i) => `S${i + 1}`);
const B = Array.from({ length: 5 }, (_, i) => `B${i + 1}`);
const CODES = [...K, ...S, ...B];

// ---- vocabulary ----------------------------------------------------------------------------------

const W = {
  subject: ['I', 'We', 'The team', 'The data engineer and I', 'My line manager', 'The product owner', 'The platform team', 'The planning lead', 'Our MLOps squad', 'A colleague from the security team', 'The analyst in operations', 'The senior ML engineer'],
  verb: ['analysed', 'optimised', 'prioritised', 'standardised', 'catalogued', 'modelled', 'visualised', 'benchmarked', 'containerised', 'retrained', 'validated', 'documented', 'summarised', 'reviewed', 'reorganised', 'refactored', 'minimised the latency of', 'normalised', 'parallelised', 'profiled', 'versioned', 'instrumented', 'load-tested', 'stress-tested', 'audited', 'anonymised', 'pseudonymised', 'labelled', 're-labelled', 'deployed', 'rolled back', 'monitored', 'recalibrated', 'pruned', 'quantised', 'distilled'],
  object: ['the demand forecasting model', 'the churn classifier', 'the fraud detection pipeline', 'the customer-segmentation clusters', 'the feature engineering code', 'the labelling guidelines', 'the data catalogue', 'the Terraform modules', 'the Airflow DAG', 'the feature store', 'the model registry entries', 'the inference service', 'the batch scoring job', 'the training data set', 'the evaluation harness', 'the drift dashboards', 'the retraining schedule', 'the anomaly detector', 'the recommendation engine', 'the document classifier', 'the named-entity recogniser', 'the image-quality model', 'the gradient-boosted ensemble', 'the transformer fine-tune', 'the embedding index', 'the A/B test framework', 'the data quality rules', 'the CI workflow', 'the Helm chart', 'the Kubernetes deployment'],
  purpose: [
    'to reduce the mean absolute percentage error from {p1}% to {p2}%',
    "so that the service's behaviour stayed predictable under {n} requests a second",
    "in line with the organisation's data protection policy",
    'after a colleague noticed that the licence of the embedding model did not allow commercial use',
    'before the quarterly steering meeting with the programme board',
    'using stratified five-fold cross-validation on {n} labelled examples',
    'so that the on-call engineer could diagnose a failure without reading the code',
    'because the finance team needed the forecast by 06:00 every Thursday',
    'to keep the 95th-percentile latency under {ms} ms',
    'to cut the monthly cloud bill by £{k},000',
    'because the previous version had drifted by {p1}% since the spring',
    'to meet the recommendations of the internal audit',
    'so that the model could be retrained without a data scientist in the loop',
    'after the stakeholder workshop on {date}',
    'to remove a dependency on a spreadsheet that nobody owned',
    'while keeping the colour palette of the dashboards accessible to colour-blind users',
    'so that every prediction could be traced to the data and code that produced it',
  ],
  opener: ['However,', 'As a result,', 'In hindsight,', 'To mitigate this,', 'Following the review,', 'Crucially,', 'In practice,', 'At first,', 'By the end of the sprint,', 'On reflection,', 'For the pilot,', 'Unexpectedly,', 'During the incident,', 'Later,', 'In the second iteration,'],
  finding: [
    'the model under-forecast bank holiday weekends by about {p1}%',
    'two of the {n} input features leaked information from the future',
    'the class imbalance was far worse in the Scottish depots than elsewhere',
    'the data engineers had already built most of what we needed',
    'the baseline was harder to beat than anyone had expected',
    'a third of the labels disagreed between annotators',
    'the staging cluster had {n} GB less memory than production',
    'the drift alert fired {n} times in a week without a real change in behaviour',
    'latency rose to {ms} ms whenever the cache was cold',
    'the planners trusted a simple explanation more than a better score',
    'the historical data before {year} used a different hub coding scheme',
    'the vendor API silently truncated requests longer than {n} tokens',
  ],
  tech: ['`pandas`', '`scikit-learn`', '`LightGBM`', '`PyTorch`', 'MLflow', 'Great Expectations', 'Azure Machine Learning', 'SageMaker', 'Vertex AI', 'Databricks', 'dbt', 'Kafka', 'Prometheus', 'Grafana', 'Evidently', 'SHAP', 'Optuna', 'FastAPI', 'Docker', 'Kubernetes', 'Terraform', 'GitHub Actions', 'Azure DevOps', 'Snowflake', 'BigQuery', 'PostgreSQL', 'Redis', 'ONNX Runtime', 'Triton', 'Ray'],
  people: ['Sarah Okafor', 'Tom Whitfield', 'Aisha Rahman', 'Gareth Lloyd', 'Mei Chen', 'Callum Fraser', 'Niamh Doyle', 'Priya Shah', 'Dominic Reyes', 'Zoë Hartley', 'Siobhán Kelly', 'José Martín'],
  role: ['the head of operations', 'the data protection officer', 'the planning lead', 'my mentor', 'the product manager', 'the service owner', 'the chief data officer', 'the security architect', 'an analyst from finance', 'the customer-service manager'],
  reflection: [
    'If I did the project again I would agree the evaluation metric with the business before touching the data.',
    'The biggest lesson was that monitoring has to be designed with the model, not bolted on afterwards.',
    'I would now write the runbook first: it forced questions that the design document never asked.',
    'Working in the open, with the backlog visible to the stakeholders, saved more time than any tool.',
    'I underestimated how long access requests take in a regulated organisation; I now raise them in the first week.',
    'The experience changed how I think about technical debt: a notebook that works is not a product.',
    'I have since shared the template with two other teams, who use it for their own models.',
    'I learnt to say no to a feature that would have delayed the release without changing a decision.',
  ],
  folder: ['data-preparation', 'model-development', 'deployment', 'monitoring', 'evaluation', 'stakeholders', 'governance', 'reflection', 'introduction', 'security', 'ethics', 'infrastructure'],
  sectionTitle: ['Business objectives and success measures', 'Data sources', 'Data quality and cleansing', 'Feature engineering', 'Model selection', 'Hyperparameter tuning', 'Evaluation against the baseline', 'Fairness and bias', 'Explainability', 'Deployment architecture', 'Continuous integration and delivery', 'Monitoring and alerting', 'Retraining strategy', 'Security and access control', 'Data protection and ethics', 'Stakeholder engagement', 'Project management', 'Cost and sustainability', 'Incident review', 'Horizon scanning', 'Lessons learnt', 'Continuous professional development', 'Testing strategy', 'Scalability and performance', 'Documentation and handover'],
  piece: ['Data pipeline audit', 'Model monitoring runbook', 'Stakeholder workshop', 'Bias evaluation', 'Horizon-scanning log', 'Incident post-mortem', 'Architecture decision record', 'Code review summary', 'Experiment log', 'Model card', 'Data protection impact assessment', 'Performance test report', 'CPD reflective log', 'Knowledge-sharing session', 'Cost optimisation review'],
  surname: ['okafor', 'whitfield', 'rahman', 'lloyd', 'chen', 'fraser', 'doyle', 'shah', 'reyes', 'hartley', 'kelly', 'martin', 'evans', 'patel', 'nowak', 'oconnell', 'mensah', 'campbell', 'hughes', 'singh'],
  month: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  lang: ['python', 'yaml', 'bash', 'sql', 'json', 'dockerfile', 'hcl'],
  nonTag: ['(the S3 bucket)', '[see K5 below]', '(see Figure {n})', '(Table {n})', '(about {p1}% of the volume)', '[sic]', '(B2B customers only)', '(K-means with k = {n})'],
};

const CODE_BODIES = {
  python: [
    'import pandas as pd\nfrom sklearn.model_selection import TimeSeriesSplit\n\n# [K5] written here is code, not a tag\nsplits = TimeSeriesSplit(n_splits=5)\nfor train_idx, test_idx in splits.split(X):\n    model.fit(X.iloc[train_idx], y.iloc[train_idx])\n    scores.append(mape(y.iloc[test_idx], model.predict(X.iloc[test_idx])))',
    'def psi(expected, actual, bins=10):\n    """Population stability index of one feature."""\n    e, edges = np.histogram(expected, bins=bins)\n    a, _ = np.histogram(actual, bins=edges)\n    e, a = e / e.sum() + 1e-6, a / a.sum() + 1e-6\n    return float(np.sum((a - e) * np.log(a / e)))',
    '@app.post("/predict")\nasync def predict(req: PredictRequest) -> PredictResponse:\n    features = store.get_online_features(req.hub_id, req.date)\n    return PredictResponse(volume=model.predict(features)[0], version=MODEL_VERSION)',
  ],
  yaml: [
    'schedule: "0 4 * * 4"\nsteps:\n  - name: validate\n    run: great_expectations checkpoint run parcels\n  - name: train\n    run: python -m hubcast.train --config configs/prod.yaml\n# KSBs: K1, S2 in a comment inside code does not count',
    'alerts:\n  - name: feature_drift\n    expr: psi{feature="volume_lag_7"} > 0.2\n    for: 24h\n    labels: { severity: warning, team: ml-platform }',
  ],
  bash: ['az ml job create --file jobs/train.yml --stream\nmlflow models serve -m "models:/hubcast/Production" -p 5001\ncurl -s localhost:5001/invocations -d @sample.json | jq .'],
  sql: ['SELECT hub_id, scan_date, COUNT(*) AS parcels\nFROM scans.parcel_events\nWHERE scan_date >= DATEADD(day, -730, CURRENT_DATE)\nGROUP BY hub_id, scan_date\nORDER BY hub_id, scan_date;'],
  json: ['{\n  "model": "hubcast",\n  "version": "2.4.1",\n  "metrics": { "mape": 0.079, "peak_mape": 0.121 },\n  "tags": ["[S3]", "K5"]\n}'],
  dockerfile: ['FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.lock .\nRUN pip install --no-cache-dir -r requirements.lock\nCOPY src/ src/\nUSER 1001\nCMD ["uvicorn", "hubcast.api:app", "--host", "0.0.0.0"]'],
  hcl: ['resource "azurerm_machine_learning_workspace" "ml" {\n  name                = "mlw-hubcast-prod"\n  location            = var.location\n  resource_group_name = azurerm_resource_group.ml.name\n  public_network_access_enabled = false\n}'],
};

// ---- generator -----------------------------------------------------------------------------------

/** A document generator over one PRNG stream. */
export function writer(rand) {
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = (a) => a[Math.floor(rand() * a.length)];
  const chance = (p) => rand() < p;
  const fill = (s) =>
    s.replace(/\{(\w+)\}/g, (_, k) =>
      k === 'p1' ? (int(50, 400) / 10).toFixed(1)
      : k === 'p2' ? (int(30, 120) / 10).toFixed(1)
      : k === 'n' ? String(int(2, 900))
      : k === 'ms' ? String(int(12, 480))
      : k === 'k' ? String(int(2, 95))
      : k === 'year' ? String(int(2015, 2023))
      : `${int(1, 28)} ${pick(W.month)} ${int(2023, 2025)}`,
    );
  const codes = (n) => {
    const set = new Set();
    while (set.size < n) set.add(pick(CODES));
    return [...set];
  };
  const sep = () => pick([', ', ', ', ', ', '; ', ' & ', ' and ', ' / ']);
  const join = (cs) => cs.reduce((s, c, i) => (i === 0 ? c : s + (i === cs.length - 1 && chance(0.3) ? pick([' & ', ' and ']) : sep()) + c), '');
  const range = () => {
    const cat = pick([K, S, S, B]);
    const a = int(0, cat.length - 2);
    const b = Math.min(cat.length - 1, a + int(1, 3));
    return `${cat[a]}${chance(0.3) ? '–' : '-'}${chance(0.2) ? cat[b].slice(1) : cat[b]}`;
  };
  /** A bracket tag: `[K5, S3]`, `(K5; S3 & B1)`, `[KSBs: K5, S3]`, `(S1-S4)`; now and then an unknown code. */
  const bracket = () => {
    const inner = chance(0.15) ? range() : join(codes(int(1, 4)));
    const unknown = chance(0.02) ? `, ${pick(['K32', 'S35', 'B6', 'S0'])}` : '';
    const label = chance(0.1) ? pick(['KSBs: ', 'KSB: ', 'KSBs ']) : '';
    return chance(0.7) ? `[${label}${inner}${unknown}]` : `(${label}${inner}${unknown})`;
  };
  const labelLine = () =>
    pick([
      () => `**KSBs:** ${join(codes(int(1, 4)))}`,
      () => `KSBs: ${join(codes(int(1, 3)))}`,
      () => `*KSBs demonstrated:* ${join(codes(int(1, 3)))}`,
      () => `**Primary KSB:** ${pick(CODES)} — ${pick(['design for live operation', 'evidence of impact', 'see the pull request', 'justify the choice'])}`,
      () => `KSBs demonstrated: ${join(codes(int(1, 2)))} (${pick(['Distinction: justify', 'with the runbook', 'pass criteria'])})`,
    ])();
  const comment = () => `<!-- ${pick(['KSB', 'KSBs', 'ksb'])}: ${join(codes(int(1, 3)))} -->`;

  const sentence = () => {
    const t = rand();
    let s;
    if (t < 0.22) s = `${pick(W.subject)} ${pick(W.verb)} ${pick(W.object)} ${fill(pick(W.purpose))}.`;
    else if (t < 0.36) s = `${pick(W.opener)} ${fill(pick(W.finding))}.`;
    else if (t < 0.46) s = `${pick(W.subject)} used ${pick(W.tech)} and ${pick(W.tech)} for ${pick(W.object)}, ${fill(pick(W.purpose))}.`;
    else if (t < 0.54) s = `${pick(W.people)}, ${pick(W.role)}, asked whether ${pick(W.object)} could be ${pick(W.verb).split(' ')[0]} ${fill(pick(W.purpose))}.`;
    else if (t < 0.6) s = `The mean absolute percentage error fell from ${fill('{p1}')}% to ${fill('{p2}')}% over ${int(3, 16)} weeks, and the 95th-percentile latency was ${fill('{ms}')} ms.`;
    else if (t < 0.66) s = `See [the ${pick(['runbook', 'model card', 'design document', 'pull request', 'dashboard', 'decision log'])}](${pick(['../docs/', 'https://dev.azure.com/northline/ml/_git/', './', '../../shared/'])}${pick(W.folder)}${chance(0.5) ? '.md' : ''}) for ${pick(['the details', 'the alert thresholds', 'the rollback procedure', 'the review comments', 'the figures'])}.`;
    else if (t < 0.71) s = `${pick(W.opener)} ${fill(pick(W.finding))} ${fill(pick(W.nonTag))}.`;
    else if (t < 0.75) s = `This also shows ${pick(CODES)}, because ${pick(W.object)} is now ${pick(W.verb).split(' ')[0]} every ${pick(['night', 'week', 'month', 'release'])}.`; // a bare code: not a tag
    else if (t < 0.79) s = `The function \`${pick(['load_scans', 'build_features', 'train_model', 'evaluate', 'psi', 'publish'])}()\` in \`${pick(['src/pipeline.py', 'hubcast/train.py', 'jobs/score.py'])}\` now ${pick(['validates its inputs', 'logs to MLflow', 'raises on empty partitions', 'runs in under a minute'])}.`;
    else if (t < 0.82) s = `We organised a *${pick(['show-and-tell', 'retrospective', 'design review', 'threat-modelling session'])}* with **${int(3, 14)} colleagues** from ${pick(['operations', 'finance', 'security', 'the data platform team', 'customer services'])}.`;
    else s = `${pick(W.subject)} ${pick(W.verb)} ${pick(W.object)} and ${pick(W.verb)} ${pick(W.object)} ${fill(pick(W.purpose))}.`;
    return s;
  };
  const paragraph = (n = int(3, 7)) => {
    let p = '';
    for (let i = 0; i < n; i++) p += (i ? ' ' : '') + sentence();
    return p;
  };
  const list = () => {
    const ordered = chance(0.4);
    let out = '';
    const n = int(3, 6);
    for (let i = 0; i < n; i++) {
      out += `${ordered ? `${i + 1}.` : pick(['-', '-', '*'])} ${sentence()}\n`;
      if (chance(0.2)) out += `${ordered ? '   ' : '  '}- ${sentence()}\n`;
      if (chance(0.08)) out += `${ordered ? '   ' : '  '}- ${labelLine()}\n`;
    }
    return out;
  };
  const table = () => {
    const ksbTable = chance(0.4);
    let out = ksbTable ? '| Activity | KSBs | Outcome |\n| --- | --- | --- |\n' : '| Model | MAPE | Peak-day MAPE | p95 latency |\n|:------|-----:|--------------:|------------:|\n';
    const n = int(3, 8);
    for (let i = 0; i < n; i++)
      out += ksbTable
        ? `| ${pick(W.sectionTitle)} | ${join(codes(int(1, 3)))} | ${pick(['Approved', 'Adopted by two teams', 'In production', 'Rolled back', 'Deferred'])} |\n`
        : `| ${pick(['LightGBM', 'Prophet', 'SARIMA', 'Seasonal naïve', 'TFT', 'XGBoost', 'Linear baseline'])} | ${fill('{p2}')}% | ${fill('{p1}')}% | ${fill('{ms}')} ms |\n`;
    return out;
  };
  const fence = () => {
    const lang = pick(W.lang);
    const body = pick(CODE_BODIES[lang] ?? CODE_BODIES.python);
    return chance(0.85) ? `\`\`\`${lang}\n${body}\n\`\`\`\n` : `~~~${lang}\n${body}\n~~~\n`;
  };
  const quote = () => `> "${paragraph(int(1, 3))}"\n> — ${pick(W.people)}, ${pick(W.role)}\n`;
  const image = () => `![Figure ${int(1, 20)}: ${pick(['forecast against actuals', 'drift of the top features', 'architecture', 'confusion matrix', 'SHAP summary'])}](figures/${pick(['forecast', 'drift', 'architecture', 'confusion', 'shap'])}-${int(1, 9)}.png)\n`;

  /** Body blocks of one section, each block followed by a blank line. */
  const sectionBody = (tagForm) => {
    let out = '';
    if (tagForm === 'label') out += `${labelLine()}\n\n`;
    else if (tagForm === 'comment') out += `${comment()}\n\n`;
    const blocks = int(2, 5);
    const tagAt = tagForm === 'inline' ? int(0, blocks - 1) : -1;
    for (let b = 0; b < blocks; b++) {
      const r = rand();
      if (b === tagAt) out += `${paragraph()} ${bracket()}\n\n`;
      else if (r < 0.58) out += `${paragraph()}\n\n`;
      else if (r < 0.7) out += `${paragraph(int(1, 2))}\n\n${list()}\n`;
      else if (r < 0.8) out += `${fence()}\n`;
      else if (r < 0.88) out += `${table()}\n`;
      else if (r < 0.93) out += `${quote()}\n`;
      else if (r < 0.97) out += `${image()}\n${paragraph(int(1, 3))}\n\n`;
      else out += `${paragraph(int(2, 4))}\n${paragraph(int(2, 4))}\n\n`; // a paragraph of two source lines
    }
    if (chance(0.03)) out += '<!-- ksb-ignore -->\n\n';
    return out;
  };
  const tagForm = () => {
    const r = rand();
    return r < 0.42 ? 'heading' : r < 0.6 ? 'label' : r < 0.7 ? 'comment' : r < 0.84 ? 'inline' : 'none';
  };
  /** A heading line (ATX, or now and then setext) with its tag when the form says so. */
  const heading = (level, text, form) => {
    const tag = form === 'heading' ? ` ${bracket()}` : '';
    if (level <= 2 && chance(0.12)) return `${text}${tag}\n${(level === 1 ? '=' : '-').repeat(Math.max(3, text.length + tag.length))}\n\n`;
    return `${'#'.repeat(level)} ${text}${tag}${chance(0.03) ? ` ${'#'.repeat(level)}` : ''}\n\n`;
  };

  const frontMatter = (kind, title, withKsbs) => {
    let fm = `---\ntitle: "${title}"\nauthor: ${pick(W.people)}\n`;
    if (chance(0.6)) fm += `evidence: ${kind}\n`;
    if (withKsbs) {
      const cs = codes(int(1, 5));
      const r = rand();
      fm += r < 0.4 ? `ksbs: [${cs.join(', ')}]\n` : r < 0.7 ? `ksbs: ${cs.join(', ')}\n` : `ksbs:\n${cs.map((c) => `  - ${c}\n`).join('')}`;
    }
    if (chance(0.5)) fm += `date: ${int(2023, 2025)}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}\n`;
    return `${fm}---\n\n`;
  };

  /** A report chapter numbered `chapter`, about `target` characters long. */
  const chapter = (chapterNo, title, target, last) => {
    let out = chance(0.3) ? frontMatter('report', title, false) : '';
    out += heading(1, `${chapterNo} ${title}`, tagForm());
    out += `${paragraph()}\n\n`;
    let sub = 0;
    while (out.length < target) {
      sub++;
      const form = tagForm();
      out += heading(2, `${chapterNo}.${sub} ${pick(W.sectionTitle)}`, form);
      out += sectionBody(form);
      if (chance(0.35)) {
        const f2 = tagForm();
        out += heading(3, `${chapterNo}.${sub}.1 ${pick(W.sectionTitle)}`, f2) + sectionBody(f2);
      }
    }
    if (last) {
      out += heading(1, `${chapterNo + 1} References`, 'none');
      for (let i = 0; i < int(4, 10); i++) out += `- ${pick(W.people).split(' ')[1]}, ${pick(W.people).split(' ')[0][0]}. (${int(2015, 2025)}) *${pick(W.sectionTitle)} in practice*. ${pick(['O’Reilly', 'Manning', 'ACM', 'arXiv'])}. <https://doi.org/10.${int(1000, 9999)}/${int(100000, 999999)}>\n`;
      out += `\n${heading(1, `Appendix A: ${pick(['Model card', 'Data dictionary', 'Risk register'])}`, 'none')}${paragraph()}\n\n${table()}\n`;
    }
    return out;
  };

  /** A portfolio piece, about `target` characters long. */
  const piece = (n, title, target) => {
    const fm = chance(0.6);
    let out = fm ? frontMatter('portfolio', title, chance(0.85)) : '';
    out += heading(1, `Portfolio piece ${n}: ${title}`, fm ? 'none' : tagForm());
    if (chance(0.6)) out += `${labelLine()}\n\n`;
    out += `**Date:** ${fill('{date}')}  \n**Stakeholders:** ${pick(W.role)}, ${pick(W.role)}\n\n`;
    let sec = 0;
    const titles = ['Context', 'What I did', 'Outcome', 'Reflection', 'Evidence', 'Next steps', 'Risks and mitigations', 'Feedback'];
    while (out.length < target) {
      const form = fm ? (chance(0.5) ? 'none' : tagForm()) : tagForm();
      out += heading(2, `${++sec}. ${titles[(sec - 1) % titles.length]}`, form);
      out += sectionBody(form);
      if (titles[(sec - 1) % titles.length] === 'Reflection') out += `${pick(W.reflection)} ${pick(W.reflection)}\n\n`;
    }
    return out;
  };

  return { chapter, piece, paragraph, int, pick, chance };
}

/** Size of one file: ~12 KB on average, 3–17 KB, with a 2% tail of 40–60 KB long pieces. */
function fileTarget(rand) {
  return rand() < 0.02 ? 40000 + Math.floor(rand() * 20000) : 3000 + Math.floor(rand() * 14000);
}

/** The files of one apprentice: [relative path, text][]; `count` files. */
function apprentice(seed, index, count) {
  const rand = prng((Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
  const w = writer(rand);
  const name = `a${String(index).padStart(5, '0')}-${w.pick(W.surname)}`;
  const dir = `cohort-${2021 + (Math.floor(index / 40) % 5)}/${name}`;
  const files = [];
  const chapters = Math.max(1, Math.round(count * (0.35 + rand() * 0.2)));
  const used = new Set();
  for (let i = 0; i < count; i++) {
    const isChapter = i < chapters;
    let slug = isChapter ? w.pick(W.folder) : w.pick(W.piece).toLowerCase().replace(/[^a-z0-9]+/g, '-');
    while (used.has(slug)) slug += '-2';
    used.add(slug);
    const no = isChapter ? i + 1 : i - chapters + 1;
    const file = `${dir}/${isChapter ? 'report' : 'portfolio'}/${String(no).padStart(2, '0')}-${slug}.md`;
    const target = fileTarget(rand);
    const text = isChapter ? w.chapter(no, slug.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()), target, i === chapters - 1) : w.piece(no, w.pick(W.piece), target);
    files.push([file, text]);
  }
  return files;
}

/** Every file of a corpus of `files` files, in order: ~12 per apprentice. */
export function* corpusFiles(files, seed = DEFAULT_SEED) {
  let made = 0;
  for (let a = 0; made < files; a++) {
    const n = Math.min(files - made, 8 + (a % 9)); // 8..16 files an apprentice
    for (const f of apprentice(seed, a, n)) yield f;
    made += n;
  }
}

/** The folder of a corpus of `files` files, generated on first use and cached in the temp folder. */
export function corpus(files, seed = DEFAULT_SEED) {
  const dir = path.join(tmpdir(), `ksb-bench-corpus-v${CORPUS_VERSION}-s${seed}-n${files}`);
  const marker = path.join(dir, '.complete');
  if (existsSync(marker)) return { dir, ...JSON.parse(readFileSync(marker, 'utf8')), cached: true };
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  let bytes = 0;
  let count = 0;
  const made = new Set();
  for (const [rel, text] of corpusFiles(files, seed)) {
    const p = path.join(tmp, rel);
    const d = path.dirname(p);
    if (!made.has(d)) {
      mkdirSync(d, { recursive: true });
      made.add(d);
    }
    const buf = Buffer.from(text, 'utf8');
    writeFileSync(p, buf);
    bytes += buf.length;
    count++;
  }
  const info = { files: count, bytes, version: CORPUS_VERSION, seed };
  writeFileSync(path.join(tmp, '.complete'), JSON.stringify(info));
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return { dir, ...info, cached: false };
}

/** A single document of about `words` prose words (the in-process benchmark's input). */
export function longDocument(words, seed = DEFAULT_SEED) {
  const w = writer(prng(seed ^ words));
  // about 6.3 characters of source per prose word in this generator; the caller checks the count
  let out = `---\ntitle: "Project report"\nevidence: report\n---\n\n`;
  let chapterNo = 0;
  while (out.length < words * 8.2) out += w.chapter(++chapterNo, w.pick(W.sectionTitle), Math.min(15000, words * 8.2 - out.length), false);
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const t0 = performance.now();
  const c = corpus(Number(process.argv[2] ?? 200), Number(process.argv[3] ?? DEFAULT_SEED));
  console.log(`${c.dir}: ${c.files} files, ${(c.bytes / 1e6).toFixed(1)} MB (${(c.bytes / c.files / 1024).toFixed(1)} KB a file), ${c.cached ? 'cached' : `made in ${((performance.now() - t0) / 1000).toFixed(1)} s`}`);
}
