import { describe, expect, it } from 'vitest';
import { shortText } from '../../src/core/standard';
import { ST1398 } from './helpers';

const text = (code: string) => ST1398.byCode.get(code)!.text;

describe('shortText', () => {
  it('marks a clause cut at a colon with an ellipsis (K5)', () => {
    expect(shortText(text('K5'), 90)).toBe('Differences and applications of machine learning methods, and models such as…');
  });
  it('marks a clause cut at a semicolon', () => {
    expect(shortText('Develop relationships; and provide updates.', 60)).toBe('Develop relationships…');
  });
  it('leaves a whole first sentence as it is', () => {
    expect(shortText(text('S4'), 100)).toBe('Apply methodologies and project management techniques for the machine learning activities');
    expect(shortText('Short sentence. Another one.')).toBe('Short sentence');
  });
  it('cuts a long clause at a word, with an ellipsis', () => {
    const s = shortText(text('K5'), 30);
    expect(s.endsWith('…')).toBe(true);
    expect(s.length).toBeLessThanOrEqual(30);
  });
});
