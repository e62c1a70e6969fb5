/**
 * The CLI's analyzer: the WebAssembly byte reader (src/core/fastReader.ts), which reads a file's
 * bytes without decoding them and makes a run over a corpus ~2x faster than the JS reader; any file it
 * leaves is read by the JS reader. KSB_EVIDENCE_JS_READER=1 reads every file with the JS reader
 * (for comparisons).
 */
import { createAnalyzer, type AnalyzerFactory } from '../core/analyze';
import { createBytesAnalyzer } from '../core/fastReader';
import readerWasm from '../core/wasm/reader.wasm';

let module: WebAssembly.Module | undefined;

export const bytesAnalyzer: AnalyzerFactory = (standard, options) => {
  if (process.env.KSB_EVIDENCE_JS_READER === '1' || typeof WebAssembly !== 'object') return createAnalyzer(standard, options);
  // compiled once a thread, on first use (~1 ms; V8 optimises the hot functions in the background)
  module ??= new WebAssembly.Module(readerWasm);
  return createBytesAnalyzer(module, standard, options);
};
