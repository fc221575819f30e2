/** The duplicate's name: "<name> (copy)", kept within the platform's 200 characters. */
import { describe, expect, it } from 'vitest';
import { copyName } from '../../lib/pages-list/page-actions';

describe('copyName', () => {
  it('adds " (copy)"', () => {
    expect(copyName('Weekly sentiment')).toBe('Weekly sentiment (copy)');
    expect(copyName('Weekly sentiment (copy)')).toBe('Weekly sentiment (copy) (copy)');
  });

  it('shortens a long name so the copy still fits in 200 characters', () => {
    const long = 'x'.repeat(199);
    const copy = copyName(long);
    expect(copy).toHaveLength(200);
    expect(copy.endsWith(' (copy)')).toBe(true);
    expect(copyName('y'.repeat(193))).toBe(`${'y'.repeat(193)} (copy)`);
  });
});
