// The CLI's byte reader (src/core/fastReader.ts over src/core/wasm/reader.wasm) beside the JS
// reader: checkBytes() reads a document both ways and fails the test when the byte reader's
// analysis differs from the JS reader's in any field. helpers.read() calls it, so every reader
// test is also a test of the byte reader.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { expect } from 'vitest';
import { createAnalyzer, type Analyzer, type AnalyzerOptions, type DocumentAnalysis } from '../../src/core/analyze';
import { createBytesAnalyzer } from '../../src/core/fastReader';
import { CoverageAccumulator } from '../../src/core/coverage';
import type { Standard } from '../../src/core/standard';

/** The kind a file gets from its front matter alone (the classifier's globs are not the reader's business). */
const KIND_BY_FRONT_MATTER = { kind: (_path: string, frontMatterKind?: 'report' | 'portfolio') => frontMatterKind ?? 'report' };

export const READER_WASM = path.resolve(__dirname, '../../src/core/wasm/reader.wasm');
export const READER_MODULE = new WebAssembly.Module(readFileSync(READER_WASM));

const analyzers = new Map<Standard, Map<string, { bytes: Analyzer; js: Analyzer }>>();
/** The byte analyzer and the JS analyzer for a standard and options (made once: each holds its own memory). */
export function analyzersFor(standard: Standard, options: AnalyzerOptions = {}): { bytes: Analyzer; js: Analyzer } {
  const key = JSON.stringify([options.minWords, options.excludedHeadings]);
  let byOptions = analyzers.get(standard);
  if (!byOptions) analyzers.set(standard, (byOptions = new Map()));
  let pair = byOptions.get(key);
  if (!pair) byOptions.set(key, (pair = { bytes: createBytesAnalyzer(READER_MODULE, standard, options), js: createAnalyzer(standard, options) }));
  return pair;
}

const decoder = new TextDecoder();
export const encoder = new TextEncoder();

/**
 * The byte reader's analysis of a file's bytes, checked equal to the JS reader's analysis of the
 * same bytes decoded; undefined when the byte reader leaves the file to the JS reader.
 */
export function checkBytes(bytes: Uint8Array, standard: Standard, options: AnalyzerOptions = {}): DocumentAnalysis | undefined {
  const { bytes: viaBytes, js } = analyzersFor(standard, options);
  const read = viaBytes.analyzeBytes!(bytes);
  // the CLI's reading for the coverage, handed straight to an accumulator, against the JS
  // reader's analysis added to another
  const direct = new CoverageAccumulator(standard, {});
  const taken = viaBytes.coverageInto!(bytes, 'file.md', KIND_BY_FRONT_MATTER, direct);
  expect(taken).toBe(read !== undefined);
  if (read) {
    const decoded = decoder.decode(bytes);
    const expected = js.analyze(decoded);
    expect(read).toStrictEqual(expected);
    // the editor's analyze(text), which reads the text as UTF-8 with the byte reader
    expect(viaBytes.analyze(decoded)).toStrictEqual(expected);
    const added = new CoverageAccumulator(standard, {});
    added.add({ path: 'file.md', kind: KIND_BY_FRONT_MATTER.kind('file.md', expected.frontMatter?.evidence), analysis: expected });
    expect(direct.snapshot()).toStrictEqual(added.snapshot());
  } else expect(direct.snapshot().files).toEqual([]);
  return read;
}

/** A string that UTF-8 can carry as it is (no lone surrogate halves). */
export const wellFormed = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
