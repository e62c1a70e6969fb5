// Types for the benchmark's corpus generator (bench/corpus.mjs), which the byte reader's tests use.
declare module '*/bench/corpus.mjs' {
  export function corpusFiles(files: number, seed?: number): Iterable<[string, string]>;
  export function longDocument(words: number, seed?: number): string;
}
