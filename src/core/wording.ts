/** Short phrases the editor shows, kept in one place so every view says a thing the same way. */

/** `2 in report, 1 in portfolio`: where a KSB is evidenced, zero counts left out; `missing` when nowhere. */
export function countsInWords(counts: { report: number; portfolio: number; other: number }): string {
  const parts = [counts.report && `${counts.report} in report`, counts.portfolio && `${counts.portfolio} in portfolio`, counts.other && `${counts.other} elsewhere`];
  return parts.filter(Boolean).join(', ') || 'missing';
}
