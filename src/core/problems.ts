/** A problem in a user's file (standard or config), told with the file and 1-based line. */
export interface FileProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  severity: 'error' | 'warning';
  /** A fix the user may choose: `length` characters at line:column replaced by `text` (a mistyped key by the setting it most likely meant). */
  replacement?: { length: number; text: string };
}

export function formatProblem(p: FileProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}`;
}

/** Thrown where a caller cannot go on (the CLI turns it into exit code 2). */
export class FileProblemsError extends Error {
  constructor(readonly problems: FileProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'FileProblemsError';
  }
}
