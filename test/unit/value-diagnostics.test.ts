/**
 * Values outside the range their node reads them against become warnings in
 * the one diagnostics model: the prop's pointer in the author's document, its
 * line and column from parsing with positions, the node's own sentence.
 */
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../catalog';
import { defineCatalog, defineComponent, valueOr } from '../../lib/spec/define';
import { LineIndex, nodeAtPointer, parseJsonText } from '../../lib/spec/json-text';
import type { QueryOutcome } from '../../lib/render/run-queries';
import { valueDiagnostics } from '../../lib/render/value-diagnostics';

function ok(query: string, rows: Record<string, unknown>[]): QueryOutcome {
  return { ok: true, result: { query, rows, columns: Object.keys(rows[0] ?? {}).map((name) => ({ name })), truncated: false }, elapsedMs: 1, cached: false };
}

function where(text: string, pointer: string): { line: number; column: number } {
  const node = nodeAtPointer(parseJsonText(text).tree, pointer)!;
  return new LineIndex(text).position(node.offset);
}

const page = {
  name: 'Ranges',
  declared_queries: [
    { name: 'win', source: 'sql', sql: 'SELECT 77.5 AS rate, 0.4 AS target' },
    { name: 'totals', source: 'sql', sql: 'SELECT 130 AS pct, 55 AS fine' },
    { name: 'broken', source: 'sql', sql: 'SELECT 1 AS x' },
  ],
  spec: {
    version: 1,
    root: {
      type: 'Section',
      props: { title: 'Ranges' },
      children: [
        { type: 'GaugeChart', props: { value: { $value: { query: 'win', field: 'rate' } }, format: 'ratio', target: 250 } },
        { type: 'Stat', props: { label: 'In range', value: { $value: { query: 'totals', field: 'fine' } }, format: 'percent', max: 100 } },
        { type: 'Stat', label: 'Over', value: { $value: { query: 'totals', field: 'pct' } }, format: 'percent', max: 100 },
        { type: 'Stat', props: { label: 'Failed query', value: { $value: { query: 'broken', field: 'x' } }, max: 0 } },
        { type: 'GaugeChart', props: { value: { $value: { query: 'win', field: 'rate' } }, format: 'percent' } },
      ],
    },
  },
};
const text = JSON.stringify(page, null, 2);
const outcomes: Record<string, QueryOutcome> = {
  win: ok('win', [{ rate: 77.5, target: 0.4 }]),
  totals: ok('totals', [{ pct: 130, fine: 55 }]),
  broken: { ok: false, error: { code: 'invalid_argument', message: 'no' } },
};

describe('valueDiagnostics', () => {
  const found = valueDiagnostics(JSON.parse(text), text, outcomes, catalog);

  it('lists each value outside its range, as a warning at the prop with line and column', () => {
    expect(found.map((d) => [d.code, d.severity, d.pointer])).toEqual([
      ['value-out-of-range', 'warning', '/spec/root/children/0/props/value'],
      ['value-out-of-range', 'warning', '/spec/root/children/0/props/target'],
      ['value-out-of-range', 'warning', '/spec/root/children/2/value'],
    ]);
    for (const d of found) expect({ line: d.line, column: d.column }).toEqual(where(text, d.pointer));
  });

  it('says what is wrong as the node does, and where the value came from', () => {
    expect(found[0]!.message).toBe('GaugeChart: 77.5 is above the dial\'s max 1: is it already a percentage? Then use "format": "percent"');
    expect(found[0]!.hint).toMatch(/query "win"/);
    expect(found[1]!.message).toBe("GaugeChart: The target 250 is above the dial's max 1");
    expect(found[1]!.hint).not.toMatch(/query/);
    expect(found[2]!.message).toBe("Stat: 130 is above the stat's max 100");
  });

  it('checks nothing where the query failed, and nothing in range', () => {
    expect(found.some((d) => d.pointer.startsWith('/spec/root/children/3'))).toBe(false);
    expect(found.some((d) => d.pointer.startsWith('/spec/root/children/1'))).toBe(false);
    expect(found.some((d) => d.pointer.startsWith('/spec/root/children/4'))).toBe(false);
  });

  it('carries pointers only when there is no text', () => {
    const bare = valueDiagnostics(page, undefined, outcomes, catalog);
    expect(bare.map((d) => d.pointer)).toEqual(found.map((d) => d.pointer));
    expect(bare.every((d) => d.line === undefined)).toBe(true);
  });

  it('is generic over the catalog: a component declares its own ranges', () => {
    const meter = defineComponent({
      type: 'Meter',
      group: 'data',
      description: 'A level from 0 to 10.',
      props: z.object({ level: valueOr(z.number()) }).strict(),
      valueRanges: (props) => [{ prop: 'level', value: props.level, min: 0, max: 10, owner: "the meter's" }],
      example: { type: 'Meter', props: { level: 3 } },
    });
    const own = defineCatalog([meter]);
    const doc = { type: 'Meter', props: { level: { $value: { query: 'q', field: 'v' } } } };
    expect(valueDiagnostics(doc, undefined, { q: ok('q', [{ v: -2 }]) }, own).map((d) => [d.pointer, d.message])).toEqual([
      ['/props/level', "Meter: -2 is below the meter's min 0"],
    ]);
    expect(valueDiagnostics(doc, undefined, { q: ok('q', [{ v: 4 }]) }, own)).toEqual([]);
    // The app's catalog has no Meter: nothing to check, nothing said.
    expect(valueDiagnostics(doc, undefined, { q: ok('q', [{ v: -2 }]) }, catalog)).toEqual([]);
  });
});
