// The CLI's byte reader (src/core/fastReader.ts over src/core/wasm/reader.wasm) beside the JS
// reader: checkBytes() reads a document both ways and fails the test when the byte reader's
// analysis differs from the JS reader's in any field. helpers.read() calls it, so every reader
// test is also a test of the byte reader.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { expect } from 'vitest';
import { createAnalyzer, type Analyzer, type AnalyzerOptions, type DocumentAnalysis } from '../../src/core/analyze';
import { createBytesAnalyzer } from '../../src/core/fastReader';
import type { Standard } from '../../src/core/standard';

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
  const forCoverage = viaBytes.coverageOfBytes!(bytes);
  expect(forCoverage === undefined).toBe(read === undefined);
  if (read) {
    const expected = js.analyze(decoder.decode(bytes));
    expect(read).toStrictEqual(expected);
    // the CLI's lighter reading: what the coverage reads of the same analysis
    expect(forCoverage).toStrictEqual({
      sections: expected.sections,
      tags: expected.tags.map(({ form, line, codes, section }) => ({ form, line, codes, section })),
      unknown: expected.unknown.map(({ line, code }) => ({ line, code })),
      words: expected.words,
      headings: expected.headings,
      ...(expected.frontMatter ? { frontMatter: expected.frontMatter } : {}),
    });
  }
  return read;
}

/** A string that UTF-8 can carry as it is (no lone surrogate halves). */
export const wellFormed = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
