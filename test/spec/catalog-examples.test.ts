/** Every catalog entry: a view, docs for every prop, valid examples, and a JSON Schema that ajv and the examples agree on. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../catalog';
import { views } from '../../catalog/views';
import { pageJsonSchema } from '../../lib/spec/json-schema';
import { loadSqlParser } from '../../lib/spec/sql-check';
import { validatePage } from '../../lib/spec/validate';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const kebab = (type: string) => type.replace(/(?<!^)([A-Z])/g, '-$1').toLowerCase();

function examplesOf(type: string): { file: string; text: string }[] {
  const dir = path.join(ROOT, 'catalog', kebab(type), 'examples');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ file: path.join(dir, f), text: readFileSync(path.join(dir, f), 'utf8') }));
}

beforeAll(async () => {
  await loadSqlParser();
});

describe('the catalog', () => {
  it('has the platform docs\' 29 components, each with exactly one view', () => {
    expect([...catalog.types].sort()).toEqual(
      ['Section', 'Row', 'Grid', 'Card', 'Divider', 'Spacer', 'Heading', 'Text', 'Markdown', 'Stat', 'StatRow', 'Badge', 'Callout', 'List', 'Table', 'BarChart', 'LineChart', 'PieChart', 'AreaChart', 'ScatterChart', 'ComposedChart', 'FunnelChart', 'RadarChart', 'GaugeChart', 'Treemap', 'Sankey', 'SignalMap', 'Insight', 'Custom'].sort(),
    );
    expect(Object.keys(views).sort()).toEqual([...catalog.types].sort());
  });

  for (const def of catalog.components.values()) {
    describe(def.type, () => {
      it('documents itself and every prop', () => {
        expect(def.description.length).toBeGreaterThan(10);
        const schema = pageJsonSchema(catalog).definitions as Record<string, { properties?: Record<string, { description?: string }> }>;
        for (const [name, prop] of Object.entries(schema[`props_${def.type}`]!.properties ?? {})) {
          expect(prop.description, `${def.type}.${name} has no description`).toBeTruthy();
        }
      });

      it('has examples that validate clean', () => {
        const examples = examplesOf(def.type);
        expect(examples.length).toBeGreaterThan(0);
        for (const { file, text } of examples) {
          const diagnostics = validatePage(text, catalog, { allowCustom: true });
          expect(diagnostics, path.relative(ROOT, file)).toEqual([]);
          expect(text).toContain(`"${def.type}"`);
        }
      });

      it('its definition example parses against its props', () => {
        expect(def.example.type).toBe(def.type);
        const parsed = def.props.safeParse(def.example.props ?? {});
        expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      });
    });
  }

  it('compiles as one draft-07 page schema that accepts every example', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(pageJsonSchema(catalog));
    for (const def of catalog.components.values()) {
      for (const { file, text } of examplesOf(def.type)) {
        expect(validate(JSON.parse(text)), `${path.relative(ROOT, file)}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      }
    }
    expect(validate({ spec: { version: 1, root: { type: 'Nope' } }, name: 'x' })).toBe(false);
  });

  it('the checked-in schema/page.schema.json is up to date', () => {
    const current = readFileSync(path.join(ROOT, 'schema', 'page.schema.json'), 'utf8');
    expect(current).toBe(`${JSON.stringify(pageJsonSchema(catalog), null, 2)}\n`);
  });
});
