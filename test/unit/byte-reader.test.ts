// The CLI's byte reader (src/core/wasm/reader.c as WebAssembly, with src/core/fastReader.ts) reads
// every document as the JS reader does, field for field, or leaves it to the JS reader. (Every
// test that reads through helpers.read() checks this too.)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { corpusFiles, longDocument } from '../../bench/corpus.mjs';
import { createAnalyzer } from '../../src/core/analyze';
import { createBytesAnalyzer } from '../../src/core/fastReader';
import { defaultConfig } from '../../src/core/config';
import { analyzeFile, projectOf } from '../../src/core/project';
import { parseStandard } from '../../src/core/standard';
import { analyzersFor, checkBytes, encoder, READER_MODULE, READER_WASM } from './byteReader';
import { ST1398, prose } from './helpers';

const REPO = path.resolve(__dirname, '../..');

// the pieces Markdown evidence is made of, and the odd ones the reader must get right
const PIECES = ['KSBs', 'KSB', 'ksbs', ':', '**', '*', '_', ' ', ' ', ' ', 'K5', 'S3', 'K32', '`x`', '`', '\\', '!', '(', ')', '[', ']', 'word', 'Primary', 'demonstrated',
  '<!-- ksb: K1 -->', '<!-- ksb-ignore -->', '<!-- ksb-ignore-file -->', '<b>', '\n', '\n', '# ', '## ', '- ', '|', ',', '-', 'S1-S4', 'S1–4', '\t', 'é', '—', '> ', '1. ', '```\n', '~~~\n', '    ', '\\:',
  'https://x.y', '\r\n', '---\n', '===', '|---|---|\n', '| a | b |\n', '| KSBs: K5 | x |', ' KSB: S3', '\n\n', 'K5:', '**KSBs:**', '[K9](#a)', '![K1](i.png)', '[^1]', '<div>\n', '</div>\n',
  '<!--', '-->', '<br>', '<a href="x">', '<https://a.b>', '<x@y.z>', '\u00a0', '😀', '[a]: /url "t"\n', '<details>\n', '<pre>\n', '</pre>', '<?x', '?>', '<!X', '<![CDATA[', ']]>',
  'S1 - S4', ' and ', 'K5.1', '(K1; S2 & B3)', '[KSBs: K1]', '\u2003', '`` a ``', '***\n', '1) ', '2. ', '+ ', '<img src=x>\n', '\\`', 'Kelvin', '\u212asb-ignore', '\ufeff', 'References', '6 Appendix A'];
const FRONT_MATTER = ['ksbs: K1, S2\n', 'ksbs:\n', '  - K5\n', '- S3\n', 'evidence: report\n', 'evidence:  Portfolio \n', 'title: "x [K9]"\n', 'ksbs: [K1, "S2"]\n', 'ksbs: >\n', '  K3\n', 'KSB: K40\n',
  'ksbs: | # c\n', '\n', '  S1-S4\n', "ksbs: 'K1'\n", 'other: 1\n', '\t- K2\n', 'ksbs:K7\n', 'KSBS : S9 and K1\n', '  -K4\n', 'ksbs: K1 "-"S3\n', 'ksbsx: K1\n', '\u00a0- K6\n'];

const documents = fc
  .record({
    bom: fc.boolean(),
    head: fc.option(fc.record({ lines: fc.array(fc.constantFrom(...FRONT_MATTER), { maxLength: 6 }), close: fc.constantFrom('---\n', '...\n', '') })),
    body: fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }),
    crlf: fc.boolean(),
  })
  .map(({ bom, head, body, crlf }) => {
    let text = (bom ? '\ufeff' : '') + (head ? `---\n${head.lines.join('')}${head.close}` : '') + body.join('');
    if (crlf) text = text.replace(/\n/g, '\r\n');
    return text;
  });

describe('the byte reader reads as the JS reader', () => {
  it('random documents of evidence pieces, front matter, CRLF and BOMs (and reads most of them itself)', () => {
    let read = 0;
    let runs = 0;
    fc.assert(
      fc.property(documents, (text) => {
        runs++;
        if (checkBytes(encoder.encode(text), ST1398)) read++;
      }),
      { numRuns: 4000 },
    );
    // what it leaves to the JS reader is a code span or HTML tag running over lines: a minority here
    expect(read / runs).toBeGreaterThan(0.6);
  });

  it('analyze(text) (the editor\'s) as the JS reader, for any string: BOMs, U+FFFD, lone surrogate halves, NUL', () => {
    const { bytes: viaBytes, js } = analyzersFor(ST1398);
    const odd = fc.constantFrom('\ufeff', '\ufffd', '\ud800', '\udc00', '\ud83d\ude00', '\u0000', '# ', '\n', '[K1]', 'word ', '\r\n', 'é');
    fc.assert(
      fc.property(fc.tuple(documents, fc.array(odd, { maxLength: 8 }), fc.nat()), ([text, extra, at]) => {
        const k = at % (text.length + 1);
        const s = text.slice(0, k) + extra.join('') + text.slice(k);
        expect(viaBytes.analyze(s)).toStrictEqual(js.analyze(s));
      }),
      { numRuns: 3000 },
    );
    // a lone surrogate in a heading: the JS reader's heading, not U+FFFD
    const s = '# Lone \ud800 half\n\nSome words of prose here. [K1]\n';
    expect(viaBytes.analyze(s).sections[1].heading).toBe('Lone \ud800 half');
  });

  it("the benchmark's realistic portfolios: every file read, identically", () => {
    let files = 0;
    for (const [name, text] of corpusFiles(150, 7)) {
      files++;
      expect(checkBytes(encoder.encode(text), ST1398), name).toBeDefined();
    }
    expect(files).toBe(150);
  });

  it('the example workspace and the fixtures', () => {
    for (const file of ['examples/ml-engineer-portfolio/report/report.md', 'examples/ml-engineer-portfolio/portfolio/01-data-pipeline-audit.md', 'test/fixtures/custom-standard-workspace/report/report.md']) {
      expect(checkBytes(readFileSync(path.join(REPO, file)), ST1398), file).toBeDefined();
    }
  });

  it('a 50,000-word report, then a small file (the memory grows and shrinks back to a small read)', () => {
    const big = encoder.encode(longDocument(50000, 3));
    expect(big.length).toBeGreaterThan(300_000);
    expect(checkBytes(big, ST1398)?.words).toBeGreaterThan(45000);
    expect(checkBytes(encoder.encode(`# Small [K1]\n\n${prose(45)}\n`), ST1398)?.tags).toHaveLength(1);
  });

  it('several megabytes of one paragraph line; 60,000 one-line sections (past 65,536 sections or tags: left to the JS reader)', () => {
    expect(checkBytes(encoder.encode(`# Long [K1]\n\n${prose(400_000)} (K2) ${prose(10)}\n`), ST1398)?.words).toBe(400_011);
    const sections = (n: number) => encoder.encode(Array.from({ length: n }, (_, i) => `# H${i} [S${(i % 34) + 1}]`).join('\n'));
    expect(checkBytes(sections(60_000), ST1398)?.headings).toBe(60_000);
    expect(checkBytes(sections(70_000), ST1398)).toBeUndefined();
  });

  it('options: minWords and excluded headings', () => {
    const text = `# Method\n\n${prose(30)}\n\n# Glossary of terms\n\n${prose(50)}\n\n# Risks\n\n${prose(50)}\n`;
    for (const options of [{}, { minWords: 20 }, { excludedHeadings: ['Risks'] }, { excludedHeadings: [] }]) {
      expect(checkBytes(encoder.encode(text), ST1398, options), JSON.stringify(options)).toBeDefined();
    }
  });

  it('a custom standard: dotted codes, two-letter and one-letter prefixes', () => {
    const { standard } = parseStandard(
      'id: X1\ntitle: Custom\nksbs:\n  - { code: K4.1, category: knowledge, text: One. }\n  - { code: K4.2, category: knowledge, text: Two. }\n  - { code: KS1, category: skills, text: Three. }\n  - { code: A1, category: behaviours, text: Four. }\n',
      'custom.yaml',
    );
    const text = `# Intro [K4.1, A1]\n\nBoth (K4.1-K4.2) and KS1: a typo [K4.3], [KS2], K4.2 in prose, Kubernetes.\n\nKSBs: KS1, K4.2 and A1\n`;
    const read = checkBytes(encoder.encode(text), standard!);
    expect(read?.tags.map((t) => t.codes)).toEqual([['K4.1', 'A1'], ['K4.1', 'K4.2'], [], [], ['KS1', 'K4.2', 'A1']]);
    expect(read?.unknown.map((u) => u.code)).toEqual(['K4.3', 'KS2']);
    expect(read?.bareCodes.map((b) => b.code)).toEqual(['KS1', 'K4.2']);
    fc.assert(fc.property(documents, (doc) => void checkBytes(encoder.encode(doc.replace(/K5/g, 'K4.1').replace(/S3/g, 'KS1')), standard!)), { numRuns: 500 });
  });
});

describe('what the byte reader leaves to the JS reader', () => {
  const bytes = analyzersFor(ST1398).bytes;

  it('a code span or HTML tag that may run on to later lines of the paragraph', () => {
    for (const text of ['Text with `a span\nthat closes` here [K1].\n', 'A <span class="x"\ntitle="y">tag</span> [K2].\n']) {
      expect(bytes.analyzeBytes!(encoder.encode(text))).toBeUndefined();
    }
  });

  it('a binary file and a file that is not UTF-8: the project reads them as before, with their warnings', () => {
    const project = projectOf(defaultConfig(), ST1398, [], (standard, options) => createBytesAnalyzer(READER_MODULE, standard, options));
    const binary = Uint8Array.from([0x23, 0x20, 0x00, 0x01]);
    const latin1 = Uint8Array.from(Buffer.from('# Caf\xe9 [K1]\n', 'latin1'));
    expect(bytes.analyzeBytes!(binary)).toBeUndefined();
    expect(bytes.analyzeBytes!(latin1)).toBeUndefined();
    expect(analyzeFile(project, 'report.md', binary)).toEqual({ warning: 'binary file (it holds NUL bytes); skipped' });
    const read = analyzeFile(project, 'report.md', latin1);
    expect(read.warning).toBe('not valid UTF-8; read with replacement characters');
    expect(read.document?.analysis.sections[1].heading).toBe('Caf\ufffd');
    // UTF-8 as TextDecoder's fatal mode reads it: overlong forms, surrogates and truncated characters are not UTF-8
    for (const bad of [[0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xff]]) {
      expect(bytes.analyzeBytes!(Uint8Array.from([0x61, ...bad, 0x62]))).toBeUndefined();
    }
    expect(bytes.analyzeBytes!(encoder.encode('é € 😀 \u{10ffff}'))).toBeDefined();
  });

  it('a standard whose prefixes are not ASCII (parseStandard allows none today): no byte reader at all', () => {
    expect(createBytesAnalyzer(READER_MODULE, { ...ST1398, prefixes: ['Ä', ...ST1398.prefixes] }).analyzeBytes).toBeUndefined();
    expect(createBytesAnalyzer(READER_MODULE, ST1398).analyzeBytes).toBeDefined();
  });
});

describe('src/core/wasm/reader.wasm', () => {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'ksb-wasm-')), 'reader.wasm');
  const built = spawnSync(process.execPath, [path.join(REPO, 'scripts/build-wasm.mjs'), '--out', out], { encoding: 'utf8' });
  // exit 2: no clang here (apt-get install clang lld); CI installs them, so it checks there
  it.skipIf(built.status === 2)('is what reader.c builds to (rebuild: node scripts/build-wasm.mjs)', () => {
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    expect(Buffer.compare(readFileSync(out), readFileSync(READER_WASM))).toBe(0);
    rmSync(path.dirname(out), { recursive: true, force: true });
  });

  it('the build puts it beside the extension bundle, where the editor reads it (src/vscode/readerAnalyzer.ts)', () => {
    // npm test builds first; the packaged extension includes it (.vscodeignore)
    expect(Buffer.compare(readFileSync(path.join(REPO, 'dist/reader.wasm')), readFileSync(READER_WASM))).toBe(0);
    expect(readFileSync(path.join(REPO, '.vscodeignore'), 'utf8')).toMatch(/^!dist\/reader\.wasm$/m);
  });
});
