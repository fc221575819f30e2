import { describe, expect, it } from 'vitest';
import { NONE_LABEL, categoryLabel, missingColumns, sumByLabel, topWithOther } from './category-charts';

describe('category chart helpers', () => {
  it('names categories: nulls visibly, midnight dates by day, other instants whole', () => {
    expect(categoryLabel(null)).toBe(NONE_LABEL);
    expect(categoryLabel('')).toBe(NONE_LABEL);
    expect(categoryLabel(42)).toBe('42');
    expect(categoryLabel(new Date('2026-10-05T00:00:00Z'))).toBe('2026-10-05');
    expect(categoryLabel(new Date('2026-10-05T13:00:00Z'))).toBe('2026-10-05T13:00:00.000Z');
  });

  it('sums by label in first-seen order, reading numeric strings and counting the rest', () => {
    const { items, skipped } = sumByLabel(
      [
        { k: 'b', v: '1.5' },
        { k: 'a', v: 2 },
        { k: 'b', v: 1 },
        { k: 'c', v: 'x' },
        { k: 'c', v: null },
      ],
      'k',
      'v',
    );
    expect(items).toEqual([
      { label: 'b', value: 2.5 },
      { label: 'a', value: 2 },
    ]);
    expect(skipped).toBe(2);
  });

  it('keeps the largest items and groups the rest', () => {
    const items = [1, 5, 3, 4, 2].map((value) => ({ label: `c${value}`, value }));
    expect(topWithOther(items, 2, 'Other')).toEqual([
      { label: 'c5', value: 5 },
      { label: 'c4', value: 4 },
      { label: 'Other', value: 6 },
    ]);
    expect(topWithOther(items, 5, 'Other')).toHaveLength(5);
    // One left over keeps its name rather than becoming "Other".
    expect(topWithOther(items, 4, 'Other').map((i) => i.label)).toEqual(['c5', 'c4', 'c3', 'c2', 'c1']);
  });

  it('finds missing columns from the column list or the first row', () => {
    const data = { query: 'q', rows: [{ a: 1, b: 2 }], columns: [{ name: 'a' }], truncated: false };
    expect(missingColumns(data, ['a', 'b', 'c', undefined])).toEqual(['c']);
    expect(missingColumns({ ...data, rows: [] }, ['c'])).toEqual([]);
  });
});
