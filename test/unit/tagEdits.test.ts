import { describe, expect, it } from 'vitest';
import { removalRange } from '../../src/core/tagEdits';

/** The line with the code at its first occurrence taken out. */
function remove(line: string, code: string): string {
  const start = line.indexOf(code);
  const r = removalRange(line, start, start + code.length);
  return line.slice(0, r.start) + line.slice(r.end);
}

describe('removing a code from its tag', () => {
  it('takes the separator after it from the middle of a list', () => {
    expect(remove('## 3 Data [K5, K40, S3]', 'K40')).toBe('## 3 Data [K5, S3]');
    expect(remove('KSBs: K40; K20, S3', 'K40')).toBe('KSBs: K20, S3');
  });
  it('takes the separator before it at the end of a list', () => {
    expect(remove('## 3 Data [K20, K40]', 'K40')).toBe('## 3 Data [K20]');
    expect(remove('**KSBs:** K20 and K40 — monitoring', 'K40')).toBe('**KSBs:** K20 — monitoring');
    expect(remove('<!-- KSB: K20, K40 -->', 'K40')).toBe('<!-- KSB: K20 -->');
  });
  it('leaves the code alone when it is the only one', () => {
    expect(remove('[K40]', 'K40')).toBe('[]');
  });
});
