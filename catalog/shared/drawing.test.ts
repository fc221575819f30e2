import { describe, expect, it } from 'vitest';
import { catalog } from '../index';
import { reduceForDrawing } from '../../lib/render/reduce-for-drawing';
import type { BoundRows, Row } from '../../lib/spec/resolved';
import { SCATTER_POINTS, SERIES_POINTS, categoriesDrawing, pointsDrawing, seriesDrawing } from './drawing';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

function bound(rows: Row[], columns: string[], types: Record<string, string> = {}): BoundRows {
  return { query: 'q', rows, columns: columns.map((name) => ({ name, ...(types[name] ? { type: types[name] } : {}) })), truncated: false };
}

/** A noisy line of `n` days with one spike up and one dip down away from the ends, shuffled so order is the reducer's job. */
function line(n: number): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) rows.push({ day: new Date(T0 + i * DAY).toISOString(), value: 100 + Math.sin(i / 7) * 10 + ((i * 7919) % 13), other: 'x'.repeat(20) });
  if (n > 3210) {
    rows[1234]!.value = 999;
    rows[3210]!.value = -555;
  }
  // A deterministic shuffle.
  return rows.map((r, i) => [r, (i * 2654435761) % 4294967296] as const).sort((a, b) => a[1] - b[1]).map(([r]) => r);
}

describe('seriesDrawing: LTTB for lines, every extreme kept', () => {
  const rule = seriesDrawing();
  it('draws a small result exactly', () => {
    expect(rule.reduce(bound(line(200), ['day', 'value'], { day: 'timestamptz' }), { x: 'day', y: 'value', maxPoints: 1000 })).toBeUndefined();
  });

  it('reduces 5,000 points to the budget, ascending in x, keeping the highest, the lowest, the first and the last', () => {
    const data = bound(line(5000), ['day', 'value'], { day: 'timestamptz' });
    const out = rule.reduce(data, { x: 'day', y: 'value', maxPoints: 1000 })!;
    expect(out.rows.length).toBeLessThanOrEqual(SERIES_POINTS);
    expect(out.rows.length).toBeGreaterThan(SERIES_POINTS / 2);
    const values = out.rows.map((r) => r.value);
    expect(values).toContain(999);
    expect(values).toContain(-555);
    const days = out.rows.map((r) => Date.parse(String(r.day)));
    expect(days).toEqual([...days].sort((a, b) => a - b));
    expect(days[0]).toBe(T0);
    expect(days.at(-1)).toBe(T0 + 4999 * DAY);
  });

  it('keeps each series’ extremes when there are several', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({ x: i, a: Math.sin(i / 50), b: Math.cos(i / 30) }));
    rows[100]!.b = 50;
    rows[2900]!.a = -50;
    const out = seriesDrawing({ y: ['y'] }).reduce(bound(rows, ['x', 'a', 'b'], { x: 'int4' }), { x: 'x', y: ['a', 'b'], maxPoints: 1000 })!;
    expect(out.rows).toContain(rows[100]);
    expect(out.rows).toContain(rows[2900]);
  });

  it('never draws more than the chart’s own maxPoints', () => {
    const out = rule.reduce(bound(line(5000), ['day', 'value'], { day: 'timestamptz' }), { x: 'day', y: 'value', maxPoints: 100 })!;
    expect(out.rows.length).toBeLessThanOrEqual(100);
  });
});

describe('pointsDrawing: density-preserving sampling for scatters', () => {
  const rule = pointsDrawing();
  const cloud = () => {
    const rows: Row[] = [];
    for (let i = 0; i < 10_000; i++) rows.push({ d: ((i * 7919) % 1000) / 10, s: Math.sin(i) * ((i * 31) % 17) / 17, g: i % 3 ? 'a' : 'b' });
    rows[4321] = { d: 5000, s: 0, g: 'a' }; // far to the right, alone
    rows[77] = { d: 50, s: 9, g: 'b' }; // far above, alone
    return rows;
  };

  it('keeps at most the budget, the lone outliers among them, in query order, the same every time', () => {
    const rows = cloud();
    const data = bound(rows, ['d', 's', 'g'], { d: 'float8', s: 'float8' });
    const out = rule.reduce(data, { x: 'd', y: 's', maxPoints: 5000 })!;
    expect(out.rows.length).toBeLessThanOrEqual(SCATTER_POINTS);
    expect(out.rows.length).toBeGreaterThan(SCATTER_POINTS * 0.6);
    expect(out.rows).toContain(rows[4321]);
    expect(out.rows).toContain(rows[77]);
    const positions = out.rows.map((r) => rows.indexOf(r));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(rule.reduce(data, { x: 'd', y: 's', maxPoints: 5000 })!.rows).toEqual(out.rows);
  });

  it('keeps dense regions dense: the share of each group stays close to the whole', () => {
    const rows = cloud();
    const out = rule.reduce(bound(rows, ['d', 's', 'g']), { x: 'd', y: 's', maxPoints: 5000 })!;
    const share = (list: Row[]) => list.filter((r) => r.g === 'b').length / list.length;
    expect(Math.abs(share(out.rows) - share(rows))).toBeLessThan(0.08);
  });
});

describe('categoriesDrawing: top N plus "Other"', () => {
  const rows = Array.from({ length: 120 }, (_, i) => ({ cat: `c${i}`, n: (i * 37) % 120, m: 1 }));
  const data = bound(rows, ['cat', 'n', 'm']);

  it('keeps the largest `limit` in order and sums the rest into "Other", telling the view to draw them as given', () => {
    const out = categoriesDrawing().reduce(data, { x: 'cat', y: ['n', 'm'], limit: 10, sort: 'desc', other: true, otherLabel: 'Rest' })!;
    expect(out.rows.map((r) => r.n)).toEqual([119, 118, 117, 116, 115, 114, 113, 112, 111, 110, (109 * 110) / 2]);
    expect(out.rows.at(-1)).toEqual({ cat: 'Rest', n: (109 * 110) / 2, m: 110 });
    expect(out.props).toEqual({ sort: 'none', other: false, limit: 11 });
  });

  it('without `other` keeps the first `limit` and draws a small result exactly', () => {
    expect(categoriesDrawing().reduce(data, { x: 'cat', y: 'n', limit: 5, sort: 'none', other: false })!.rows).toEqual(rows.slice(0, 5));
    expect(categoriesDrawing().reduce(data, { x: 'cat', y: 'n', limit: 500, sort: 'desc' })).toBeUndefined();
  });
});

describe('reduceForDrawing: the catalog entry decides, the server applies', () => {
  const lineDef = catalog.get('LineChart')!;

  it('sends only the drawn rows and the columns the chart names, with how many there were and where the rest are', () => {
    const data = bound(line(5000), ['day', 'value', 'other'], { day: 'timestamptz', value: 'float8', other: 'text' });
    const props = reduceForDrawing(lineDef, { data, x: 'day', y: 'value', maxPoints: 1000 }, '/pages/p/rows?node=%2Froot');
    const drawn = props.data as BoundRows;
    expect(drawn.columns.map((c) => c.name)).toEqual(['day', 'value']);
    expect(Object.keys(drawn.rows[0]!).sort()).toEqual(['day', 'value']);
    expect(drawn.drawn).toMatchObject({ total: 5000, drawn: drawn.rows.length, unit: 'points', href: '/pages/p/rows?node=%2Froot' });
    expect(JSON.stringify(drawn).length).toBeLessThan(JSON.stringify(data).length / 10);
  });

  it('leaves small results, and components that declare no drawing, as they were', () => {
    const small = { data: bound(line(100), ['day', 'value']), x: 'day', y: 'value', maxPoints: 1000 };
    expect(reduceForDrawing(lineDef, small, '/x')).toBe(small);
    const funnel = { data: bound(line(5000), ['day', 'value']), label: 'day', value: 'value' };
    expect(reduceForDrawing(catalog.get('FunnelChart')!, funnel, '/x')).toBe(funnel);
    // A pie of 5,000 distinct days: one row per category is no fewer rows, so they go as they are.
    const pie = { data: bound(line(5000), ['day', 'value']), label: 'day', value: 'value' };
    expect(reduceForDrawing(catalog.get('PieChart')!, pie, '/x')).toBe(pie);
  });

  it('every rows-drawing chart of the catalog declares its rule on a rows binding', () => {
    const declared = [...catalog.components.values()].filter((d) => d.drawing).map((d) => d.type).sort();
    expect(declared).toEqual(['AreaChart', 'BarChart', 'ComposedChart', 'LineChart', 'PieChart', 'ScatterChart', 'Table']);
  });

  it('a table sends its first rows in its first order, every column kept', () => {
    const rows = Array.from({ length: 500 }, (_, i) => ({ id: i, score: (i * 37) % 500, note: `n${i}` }));
    const data = bound(rows, ['id', 'score', 'note'], { id: 'int4', score: 'int4' });
    const table = catalog.get('Table')!;
    const plain = reduceForDrawing(table, { data }, '/h').data as BoundRows;
    expect(plain.rows).toEqual(rows.slice(0, 100));
    expect(plain.columns.map((c) => c.name)).toEqual(['id', 'score', 'note']);
    expect(plain.drawn).toMatchObject({ total: 500, drawn: 100, unit: 'rows' });
    const sorted = reduceForDrawing(table, { data, sortBy: 'score', sortDirection: 'desc' }, '/h').data as BoundRows;
    expect(sorted.rows.map((r) => r.score)).toEqual(Array.from({ length: 100 }, (_, i) => 499 - i));
    expect(Object.keys(sorted.rows[0]!)).toEqual(['id', 'score', 'note']);
  });
});
