/**
 * The JSON Schema of a page, generated from the catalog (draft-07, which
 * Monaco's JSON service and ajv read alike). Each component's props schema
 * comes from its zod definition; the page schema ties them to `type` with
 * if/then so editors complete and document props per component.
 */
import { z } from 'zod';
import type { Catalog, ComponentDefinition } from './define';
import { LAYOUTS } from './document';
import { PARAM_TYPES } from './page-model';
import { COLUMNS_OF_KEY } from './schema-keywords';

export type JsonSchema = Record<string, unknown>;

export const PAGE_SCHEMA_ID = 'https://amdahl.dev/schemas/page.schema.json';

const propsSchemas = new WeakMap<ComponentDefinition, JsonSchema>();

/** The props schema of one component, as the author writes them (defaults not required). */
export function componentPropsSchema(def: ComponentDefinition): JsonSchema {
  let schema = propsSchemas.get(def);
  if (!schema) {
    const generated = z.toJSONSchema(def.props, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as JsonSchema;
    delete generated.$schema;
    schema = { ...generated, description: def.description };
    propsSchemas.set(def, schema);
  }
  return schema;
}

const paramSchema: JsonSchema = {
  description: 'A param used as @name in the SQL: a type, a list of allowed values, or {type, values?, default?}.',
  anyOf: [
    { type: 'string', enum: [...PARAM_TYPES] },
    { type: 'array', items: { type: ['string', 'number'] }, minItems: 1 },
    {
      type: 'object',
      properties: {
        type: { type: 'string', enum: [...PARAM_TYPES] },
        values: { type: 'array', items: { type: ['string', 'number'] }, minItems: 1 },
        default: { type: ['string', 'number', 'boolean'] },
        description: { type: 'string' },
      },
      additionalProperties: false,
    },
  ],
};

export const declaredQuerySchema: JsonSchema = {
  type: 'object',
  description: 'A named, read-only query the host runs server-side.',
  required: ['name'],
  properties: {
    name: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$', description: 'Referenced by {"$query": name} and {"$value": {"query": name, ...}}.' },
    description: { type: 'string', description: 'What the query answers, for readers of the file (kept in the file; the pages API stores none).' },
    source: { type: 'string', enum: ['sql', 'cluster_search', 'kb_search'], default: 'sql', description: 'Where the rows come from.' },
    sql: { type: 'string', description: 'One SELECT over the allowed tables; @name for params. Never mention business_id.' },
    query: { type: 'string', description: 'The search text (cluster_search, kb_search).' },
    target: { type: 'string', description: 'What cluster_search searches.' },
    params: { type: 'object', additionalProperties: paramSchema, description: 'Params by name, used as @name in the SQL.' },
  },
  additionalProperties: false,
};

/**
 * A page as the studio edits it and as `amdahl-pages pull` writes it into
 * `<slug>.page.json`: `$schema` (the editor's link to this schema), the
 * platform's `id` and `version`, then the content. A version is the
 * platform's counter, or an opaque string on a platform that uses tags.
 */
const pageFileSchema: JsonSchema = {
  type: 'object',
  required: ['spec'],
  properties: {
    $schema: { type: 'string', description: "This schema's location, for editors: amdahl-pages pull writes the installed package's schema/page.schema.json." },
    id: { type: 'string', minLength: 1, description: "The page's id on the platform; absent until the first push creates it." },
    name: { type: 'string', minLength: 1, description: 'The page name.' },
    description: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' }, description: 'Tags; pull --tag and push keep to one.' },
    status: { type: 'string' },
    version: { type: ['integer', 'string'], description: 'The platform version this file was last pulled or pushed at: push sends it as If-Match.' },
    created_at: { type: 'string' },
    updated_at: { type: 'string' },
    declared_queries: { type: 'array', items: { $ref: '#/definitions/declaredQuery' }, description: 'The named queries the page binds.' },
    spec: { anyOf: [{ $ref: '#/definitions/spec' }, { $ref: '#/definitions/node' }] },
  },
  additionalProperties: false,
};

export function pageJsonSchema(catalog: Catalog): JsonSchema {
  const definitions: Record<string, JsonSchema> = {};
  const branches: JsonSchema[] = [];
  for (const def of catalog.components.values()) {
    // `x-columns-of` tells the editor which props name columns of which bound prop (the catalog's columnsOf).
    definitions[`props_${def.type}`] = def.columnsOf ? { ...componentPropsSchema(def), [COLUMNS_OF_KEY]: def.columnsOf } : componentPropsSchema(def);
    branches.push({
      if: { properties: { type: { const: def.type } }, required: ['type'] },
      then: { properties: { props: { $ref: `#/definitions/props_${def.type}` } } },
    });
  }
  definitions.node = {
    type: 'object',
    required: ['type'],
    properties: {
      type: {
        type: 'string',
        enum: [...catalog.types],
        // Monaco's JSON service shows these beside each completion; other readers ignore them.
        markdownEnumDescriptions: [...catalog.components.values()].map((def) => def.description),
        description: 'A catalog component.',
      },
      props: { type: 'object', description: "The component's props." },
      children: { type: 'array', items: { $ref: '#/definitions/node' }, description: 'Child nodes, for layout components.' },
      id: { type: 'string', description: 'An optional name for the node.' },
    },
    allOf: branches,
  };
  definitions.spec = {
    type: 'object',
    required: ['version', 'root'],
    properties: {
      $schema: { type: 'string' },
      version: { const: 1, description: 'The spec format version.' },
      layout: { type: 'string', enum: [...LAYOUTS], default: 'dashboard', description: 'dashboard: a grid of panels; single: one visualisation full-bleed; document: a centred prose column.' },
      root: { $ref: '#/definitions/node' },
    },
    additionalProperties: false,
  };
  definitions.declaredQuery = declaredQuerySchema;
  definitions.page = pageFileSchema;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: PAGE_SCHEMA_ID,
    title: 'Amdahl Page',
    description: 'A page file {$schema, id, name, tags, version, declared_queries, spec} (what amdahl-pages pull writes), a canonical spec {version, root, layout}, or a bare node.',
    definitions,
    anyOf: [{ $ref: '#/definitions/page' }, { $ref: '#/definitions/spec' }, { $ref: '#/definitions/node' }],
  };
}
