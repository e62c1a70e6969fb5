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

/**
 * A message within `max` characters for a one-line notification: cut at the last clause that
 * fits (the rest is in the Problems panel), else at a word with an ellipsis.
 */
export function shortMessage(message: string, max: number): string {
  if (message.length <= max) return message;
  const cut = message.lastIndexOf('; ', max);
  if (cut > 0) return `${message.slice(0, cut)} (more in Problems)`;
  const space = message.lastIndexOf(' ', max - 1);
  return `${message.slice(0, space > 0 ? space : max - 1)}…`;
}

export function formatProblem(p: FileProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}`;
}
