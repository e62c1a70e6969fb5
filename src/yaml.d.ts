// Standard files imported from code are parsed at bundle time (esbuild.mjs, vitest.config.mts).
// The byte reader's WebAssembly is bundled as its bytes (esbuild's binary loader).
declare module '*.wasm' {
  const bytes: Uint8Array;
  export default bytes;
}
declare module '*.yaml' {
  const value: unknown;
  export default value;
}
