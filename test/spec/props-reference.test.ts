import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { catalog } from '../../catalog';
import { defineComponent, rowsBinding, valueOr } from '../../lib/spec/define';
import { propsReference, schemaTypeText } from '../../lib/spec/props-reference';

const sample = defineComponent({
  type: 'Sample',
  group: 'data',
  description: 'A component made up for this test.',
  props: z
    .object({
      data: rowsBinding('Rows.'),
      value: valueOr(z.number(), 'A number or one value of a query.'),
      sort: z.enum(['none', 'asc', 'desc']).default('none').describe('Order.'),
      limit: z.number().int().min(1).max(500).default(50).describe('Most rows.'),
      y: z.union([z.string(), z.array(z.string()).min(1)]).describe('Columns.'),
      note: z.string().optional().describe('A note.'),
    })
    .strict(),
  example: { type: 'Sample', props: { data: { $query: 'q' }, value: 1, y: 'n' } },
});

describe('propsReference', () => {
  it('reads name, type, default, required and description from the zod definition', () => {
    expect(propsReference(sample)).toEqual([
      { name: 'data', type: '{"$query": name}', required: true, description: 'Rows.' },
      { name: 'value', type: 'number | {"$value": {query, field}}', required: true, description: 'A number or one value of a query.' },
      { name: 'sort', type: '"none" | "asc" | "desc"', default: '"none"', required: false, description: 'Order.' },
      { name: 'limit', type: 'integer 1–500', default: '50', required: false, description: 'Most rows.' },
      { name: 'y', type: 'string | string[] of ≥ 1', required: true, description: 'Columns.' },
      { name: 'note', type: 'string', required: false, description: 'A note.' },
    ]);
  });

  it('spells nested shapes briefly', () => {
    expect(schemaTypeText({ type: 'array', items: { type: 'object', properties: { key: {}, label: {} }, required: ['key'] } })).toBe('{key, label?}[]');
    expect(schemaTypeText({ type: 'object', additionalProperties: { type: 'string' } })).toBe('{[key]: string}');
    expect(schemaTypeText({ type: ['number', 'null'] })).toBe('number | null');
  });

  it('gives every prop of every catalog component a type and a description', () => {
    for (const def of catalog.components.values()) {
      const rows = propsReference(def);
      expect(rows.length, def.type).toBeGreaterThan(0);
      expect(rows.map((r) => r.name)).toEqual(Object.keys(def.props.shape));
      for (const row of rows) {
        expect(row.type, `${def.type}.${row.name}`).not.toBe('any');
        expect(row.description, `${def.type}.${row.name}`).not.toBe('');
      }
    }
  });
});
