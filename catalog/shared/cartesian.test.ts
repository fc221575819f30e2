import { describe, expect, it } from 'vitest';
import type { BoundRows } from '../../lib/spec/resolved';
import { axisFormatter, buildSeries, columnKind, defaultFormatForType, prepareXY, timeTicks, toTime } from './cartesian';

const rows = (r: Record<string, unknown>[], columns: BoundRows['columns'] = []): BoundRows => ({ query: 'q', rows: r, columns, truncated: false });

describe('toTime', () => {
  it('reads Dates, ISO strings, Postgres text timestamps and bare dates (as UTC midnight)', () => {
    const t = Date.UTC(2026, 4, 5, 13, 30);
    expect(toTime(new Date(t))).toBe(t);
    expect(toTime('2026-05-05T13:30:00.000Z')).toBe(t);
    expect(toTime('2026-05-05 13:30:00+00')).toBe(t);
    expect(toTime('2026-05-05 15:30:00+02:00')).toBe(t);
    expect(toTime('2026-05-05')).toBe(Date.UTC(2026, 4, 5));
    expect(toTime('email')).toBeUndefined();
    expect(toTime(null)).toBeUndefined();
  });
});

describe('columnKind', () => {
  it('trusts the Postgres type, else looks at the values', () => {
    expect(columnKind(rows([{ a: '1' }], [{ name: 'a', type: 'numeric' }]), 'a')).toBe('number');
    expect(columnKind(rows([{ a: 'x' }], [{ name: 'a', type: 'timestamptz' }]), 'a')).toBe('time');
    expect(columnKind(rows([{ a: null }, { a: '2026-01-01' }]), 'a')).toBe('time');
    expect(columnKind(rows([{ a: '12.5' }, { a: 3 }]), 'a')).toBe('number');
    expect(columnKind(rows([{ a: true }]), 'a')).toBe('boolean');
    expect(columnKind(rows([{ a: 'email' }, { a: 3 }]), 'a')).toBe('category');
  });

  it('maps types to default formats', () => {
    expect(defaultFormatForType('int8')).toBe('integer');
    expect(defaultFormatForType('NUMERIC(12,2)')).toBe('number');
    expect(defaultFormatForType('timestamp with time zone')).toBe('datetime');
    expect(defaultFormatForType('date')).toBe('date');
    expect(defaultFormatForType('text')).toBe('auto');
  });
});

describe('timeTicks', () => {
  it('puts ticks on first-of-month for half a year', () => {
    const { ticks, format } = timeTicks(Date.UTC(2026, 4, 5), Date.UTC(2026, 9, 31));
    expect(ticks.map((t) => new Date(t).toISOString().slice(0, 10))).toEqual(['2026-06-01', '2026-07-01', '2026-08-01', '2026-09-01', '2026-10-01']);
    expect(format).toBe('date');
  });

  it('puts ticks on Mondays for a few weeks and on hours within a day', () => {
    const weeks = timeTicks(Date.UTC(2026, 9, 1), Date.UTC(2026, 10, 1)).ticks;
    expect(weeks.every((t) => new Date(t).getUTCDay() === 1)).toBe(true);
    const hours = timeTicks(Date.UTC(2026, 9, 1, 0), Date.UTC(2026, 9, 1, 18));
    expect(hours.format).toBe('datetime');
    expect(hours.ticks.every((t) => t % 3_600_000 === 0)).toBe(true);
    expect(hours.ticks.length).toBeLessThanOrEqual(7);
  });
});

describe('axisFormatter', () => {
  it('uses one style per axis: compact everywhere once the axis reaches 10,000', () => {
    const f = axisFormatter({ format: 'auto' }, 18_000);
    expect([0, 4_500, 9_000, 13_500].map(f)).toEqual(['0', '4.5K', '9K', '13.5K']);
    const small = axisFormatter({ format: 'integer' }, 9_000);
    expect(small(4_500)).toBe('4,500');
  });

  it('drops cents on whole currency ticks and goes compact for large ones', () => {
    const f = axisFormatter({ format: 'currency' }, 60_000_000);
    expect(f(0)).toBe('$0');
    expect(f(15_000_000)).toBe('$15M');
    expect(axisFormatter({ format: 'currency', currency: 'EUR' }, 500)(250)).toBe('€250');
    expect(axisFormatter({ format: 'ratio' })(0.25)).toBe('25%');
    expect(axisFormatter({ format: 'percent' })(25)).toBe('25%');
  });
});

describe('prepareXY', () => {
  it('sorts by time, reads numeric strings, keeps nulls as gaps and counts unusable x', () => {
    const data = rows([
      { d: '2026-10-03', v: '3.5' },
      { d: '2026-10-01', v: 1 },
      { d: null, v: 9 },
      { d: '2026-10-02', v: null },
    ]);
    const series = buildSeries(['v']);
    const out = prepareXY(data, 'd', series, { maxPoints: 100 });
    expect(out.xKind).toBe('time');
    expect(out.skipped).toBe(1);
    expect(out.rows.map((r) => r.s0)).toEqual([1, null, 3.5]);
    expect(out.downsampled).toBe(false);
  });

  it('keeps every series\u2019 spikes when downsampling several series', () => {
    const n = 50_000;
    const r = Array.from({ length: n }, (_, i) => ({ t: i, a: i === 12_345 ? 1_000 : 1, b: i === 40_000 ? -1_000 : 0 }));
    const out = prepareXY(rows(r, [{ name: 't', type: 'int8' }]), 't', buildSeries(['a', 'b']), { maxPoints: 1000 });
    expect(out.rows.length).toBeLessThanOrEqual(1000);
    expect(out.rows.some((row) => row.s0 === 1_000)).toBe(true);
    expect(out.rows.some((row) => row.s1 === -1_000)).toBe(true);
    expect(out.rows[0]!.x).toBe(0);
    expect(out.rows.at(-1)!.x).toBe(n - 1);
    expect(out.total).toBe(n);
  });
});
