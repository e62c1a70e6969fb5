// Types for the commonmark-spec package (it ships none).
declare module 'commonmark-spec' {
  export interface Example {
    markdown: string;
    html: string;
    section: string;
    number: number;
  }
  const spec: { text: string; tests: Example[] };
  export default spec;
}
