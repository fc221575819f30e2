/** The formats as authors read them: `percent` takes a percentage (the platform docs' win_pct), `ratio` a fraction of one. */
import { describe, expect, it } from 'vitest';
import { formatValue, VALUE_FORMATS } from '../../lib/format/format-value';
import { defaultRangeOf, outOfRange } from '../../lib/format/value-range';

describe('percent and ratio', () => {
  it('percent shows a number that is already a percentage: 30 -> 30%', () => {
    expect(formatValue(30, 'percent')).toBe('30%');
    expect(formatValue('30', 'percent')).toBe('30%'); // a Postgres numeric arrives as a string
    expect(formatValue(77.5, 'percent')).toBe('77.5%');
    expect(formatValue(29.1, 'percent')).toBe('29.1%');
    expect(formatValue(33.333, 'percent', { digits: 2 })).toBe('33.33%');
    expect(formatValue(-4.2, 'percent')).toBe('-4.2%');
    expect(formatValue(1250, 'percent')).toBe('1,250%');
  });

  it('ratio shows a fraction of one: 0.3 -> 30%', () => {
    expect(formatValue(0.3, 'ratio')).toBe('30%');
    expect(formatValue('0.8123', 'ratio')).toBe('81.2%');
    expect(formatValue(0.1 + 0.2, 'ratio')).toBe('30%');
    expect(formatValue(1.25, 'ratio')).toBe('125%');
    expect(formatValue(0.42, 'ratio', { digits: 0 })).toBe('42%');
  });

  it('the same share reads the same either way', () => {
    for (const [ratio, pct] of [[0.3, 30], [0.0071, 0.71], [0.5, 50], [1, 100], [0, 0]] as const) {
      expect(formatValue(pct, 'percent', { digits: 2 })).toBe(formatValue(ratio, 'ratio', { digits: 2 }));
    }
  });

  it('both leave text and nulls alone', () => {
    expect(formatValue(null, 'percent')).toBe('—');
    expect(formatValue('n/a', 'ratio')).toBe('n/a');
  });

  it('ratio is one of the documented formats', () => {
    expect(VALUE_FORMATS).toContain('ratio');
    expect(VALUE_FORMATS).toContain('percent');
  });
});

describe('value ranges', () => {
  it('a format implies its range: percent 0 to 100, ratio 0 to 1', () => {
    expect(defaultRangeOf('percent')).toEqual({ min: 0, max: 100 });
    expect(defaultRangeOf('ratio')).toEqual({ min: 0, max: 1 });
  });

  it('says which end a value is past, with the raw numbers', () => {
    expect(outOfRange({ value: 77.5, min: 0, max: 100, owner: "the dial's" })).toBeUndefined();
    expect(outOfRange({ value: 100, min: 0, max: 100, owner: "the dial's" })).toBeUndefined();
    expect(outOfRange({ value: 177.5, min: 0, max: 100, owner: "the dial's" })).toBe("177.5 is above the dial's max 100");
    expect(outOfRange({ value: -0.5, min: 0, max: 1, owner: "the stat's" })).toBe("-0.5 is below the stat's min 0");
    expect(outOfRange({ value: 2, max: 1, owner: "the dial's", subject: 'The target' })).toBe("The target 2 is above the dial's max 1");
    expect(outOfRange({ value: 5, owner: "the stat's" })).toBeUndefined();
  });

  it('hints at percent only for a ratio that reads like a percentage', () => {
    expect(outOfRange({ value: 77.5, min: 0, max: 1, owner: "the dial's", format: 'ratio' })).toMatch(/use "format": "percent"$/);
    expect(outOfRange({ value: 1.2, min: 0, max: 1, owner: "the dial's", format: 'number' })).toBe("1.2 is above the dial's max 1");
    expect(outOfRange({ value: 250, min: 0, max: 1, owner: "the dial's", format: 'ratio' })).toBe("250 is above the dial's max 1");
  });
});
