// Standard files imported from code are parsed at bundle time (esbuild.mjs, vitest.config.mts).
declare module '*.yaml' {
  const value: unknown;
  export default value;
}
