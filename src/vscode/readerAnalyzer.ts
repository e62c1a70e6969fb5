/**
 * The editor's analyzer: the byte reader of the CLI (src/core/fastReader.ts over reader.wasm)
 * reads each open document's text, ~2.7x the JS reader's speed on a 10,000-word report (0.5 ms
 * against 1.3 ms here), with the same answers; what it leaves, the JS reader reads. reader.wasm
 * sits beside the bundle (the bundle stays small) and is compiled on a folder's first analysis,
 * not at activation. Without it, or without WebAssembly, the JS reader reads everything.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createAnalyzer, type Analyzer, type AnalyzerFactory, type AnalyzerOptions } from '../core/analyze';
import { createBytesAnalyzer } from '../core/fastReader';
import type { Standard } from '../core/standard';

/** The compiled reader, once for the extension host; null when it cannot be had. */
let module: WebAssembly.Module | null | undefined;

function readerModule(): WebAssembly.Module | null {
  if (module === undefined) {
    try {
      module = new WebAssembly.Module(readFileSync(path.join(__dirname, 'reader.wasm')));
    } catch (e) {
      console.warn(`ksb-evidence: the byte reader is not available (${(e as Error).message}); the JS reader reads every document`);
      module = null;
    }
  }
  return module;
}

function create(standard: Standard, options: AnalyzerOptions): Analyzer {
  const m = typeof WebAssembly === 'object' ? readerModule() : null;
  return m ? createBytesAnalyzer(m, standard, options) : createAnalyzer(standard, options);
}

/** An analyzer that makes its reader (and its memory) on first use: a project loads at activation, its first document may come later. */
export const readerAnalyzer: AnalyzerFactory = (standard, options) => {
  let inner: Analyzer | undefined;
  const reader = () => (inner ??= create(standard, options));
  return {
    standard,
    analyze: (text) => reader().analyze(text),
    analyzeBytes: (bytes) => reader().analyzeBytes?.(bytes),
  };
};
