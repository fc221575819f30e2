/**
 * The props reference of a catalog component, derived from the JSON Schema
 * its zod definition generates (the same schema the editor and ajv read), so
 * the docs cannot drift from what the validator accepts. No React here.
 */
import type { ComponentDefinition } from './define';
import { componentPropsSchema, type JsonSchema } from './json-schema';

export interface PropReference {
  name: string;
  /** A short TypeScript-like spelling: `"none" | "asc" | "desc"`, `integer 1–500`, `{"$query": name}`. */
  type: string;
  /** The default as JSON, when the prop has one. */
  default?: string;
  required: boolean;
  description: string;
}

const MAX_DEPTH = 4;

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function range(schema: JsonSchema, low: string, high: string): string {
  const min = schema[low];
  const max = schema[high];
  if (typeof min === 'number' && typeof max === 'number') return ` ${min}–${max}`;
  if (typeof min === 'number') return ` ≥ ${min}`;
  if (typeof max === 'number') return ` ≤ ${max}`;
  return '';
}

/** How a JSON Schema reads as a type, briefly. */
export function schemaTypeText(schema: JsonSchema, depth = 0): string {
  const properties = isSchema(schema.properties) ? schema.properties : undefined;
  if (properties && Object.keys(properties).length === 1 && '$query' in properties) return '{"$query": name}';
  if (properties && Object.keys(properties).length === 1 && '$value' in properties) return '{"$value": {query, field}}';
  if ('const' in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  const branches = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : undefined;
  if (branches) {
    if (depth >= MAX_DEPTH) return 'union';
    return [...new Set(branches.filter(isSchema).map((b) => schemaTypeText(b, depth + 1)))].join(' | ');
  }
  const type = schema.type;
  if (Array.isArray(type)) return type.map(String).join(' | ');
  switch (type) {
    case 'string':
      return `string${schema.pattern ? ` (${String(schema.pattern)})` : ''}`;
    case 'number':
    case 'integer':
      return `${type}${range(schema, 'minimum', 'maximum')}`;
    case 'boolean':
    case 'null':
      return type;
    case 'array': {
      const items = isSchema(schema.items) ? schemaTypeText(schema.items, depth + 1) : 'unknown';
      const item = items.includes(' | ') ? `(${items})` : items;
      return `${item}[]${range(schema, 'minItems', 'maxItems').replace(/^ /, ' of ')}`;
    }
    case 'object': {
      if (!properties || depth >= MAX_DEPTH) {
        const values = isSchema(schema.additionalProperties) ? schemaTypeText(schema.additionalProperties, depth + 1) : undefined;
        return values ? `{[key]: ${values}}` : 'object';
      }
      const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
      return `{${Object.keys(properties)
        .map((k) => `${k}${required.has(k) ? '' : '?'}`)
        .join(', ')}}`;
    }
    default:
      return 'any';
  }
}

/** One row per prop, in the definition's order. */
export function propsReference(def: ComponentDefinition): PropReference[] {
  const schema = componentPropsSchema(def);
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  return Object.entries(properties)
    .filter((entry): entry is [string, JsonSchema] => isSchema(entry[1]))
    .map(([name, prop]) => ({
      name,
      type: schemaTypeText(prop),
      ...('default' in prop ? { default: JSON.stringify(prop.default) } : {}),
      required: required.has(name),
      description: typeof prop.description === 'string' ? prop.description : '',
    }));
}
