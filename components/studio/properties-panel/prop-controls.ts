/**
 * The properties panel's controls for one node, derived from its component's
 * props JSON Schema (generated from the catalog's zod definitions: no form is
 * written per component): a text box per string, a number box per number, a
 * select per enum or boolean, the declared queries for a `$query` prop, the
 * bound query's result columns for a prop that names a column
 * (`x-columns-of`), and a JSON box for anything richer. Pure: no React, no
 * Monaco, so vitest runs it in Node.
 */
import { toNumber } from '../../../lib/format/format-value';
import type { Diagnostic } from '../../../lib/spec/diagnostics';
import { isObject } from '../../../lib/spec/document';
import type { Row } from '../../../lib/spec/resolved';
import { COLOR_KEY, COLUMNS_OF_KEY, NUMERIC_KEY } from '../../../lib/spec/schema-keywords';

type Schema = Record<string, unknown>;

export type ControlKind = 'text' | 'number' | 'boolean' | 'select' | 'json';

export interface PropControl {
  /** Unique within the node: the prop, or `prop.field` for a `$value`'s column. */
  id: string;
  /** The prop it writes (under the node's `props`). */
  prop: string;
  label: string;
  kind: ControlKind;
  /** What a select lists: enum values, declared queries, result columns, the theme's colour tokens, or where a `$value` prop's value comes from. */
  source?: 'enum' | 'query' | 'column' | 'color' | 'binding';
  /** For one slot of an array prop (a series colour): its index; clearing it removes the slot. */
  index?: number;
  options?: readonly string[];
  /** What each option (and '' for the empty choice) writes, for a select whose options are not the prop's values. */
  choices?: Readonly<Record<string, unknown>>;
  /** What the control holds: the prop's value as text, '' when the prop is not set. */
  value: string;
  /** The default, shown as a placeholder (or as the select's empty choice). */
  placeholder?: string;
  description?: string;
  required: boolean;
  integer?: boolean;
  /** A text box for long text (a schema allowing 1,000 characters or more, or a value with a line break): drawn as a text area. */
  multiline?: boolean;
  /** A text box whose prop also takes numbers: what reads as a number is written as one. */
  acceptsNumber?: boolean;
  min?: number;
  max?: number;
  /** The first diagnostic the validator gave the prop (or inside it), as the editor marks it. */
  diagnostic?: Pick<Diagnostic, 'code' | 'severity' | 'message' | 'hint'>;
}

export interface ControlContext {
  /** The names of the page's declared queries, in order. */
  queries: readonly string[];
  /** The result columns the studio holds for a query, or undefined when it holds none. */
  columnsOf(query: string): readonly string[] | undefined;
  /** The first row of a query's result the studio holds: what a `$value` shows. */
  firstRow?(query: string): Row | undefined;
  /** The theme's colour tokens (`var(--ap-series-1)`, …), offered for colour props. */
  colorTokens: readonly string[];
  /** The document pointer of the node (`/spec/root/children/0`): diagnostics are matched under it. */
  nodePointer: string;
  diagnostics: readonly Diagnostic[];
}

/** The JSON types a schema accepts, through `anyOf` branches. */
export function typesOf(schema: Schema): Set<string> {
  const out = new Set<string>();
  const type = schema.type;
  if (typeof type === 'string') out.add(type);
  if (Array.isArray(type)) for (const t of type) out.add(String(t));
  if (Array.isArray(schema.enum) && out.size === 0) for (const v of schema.enum) out.add(typeof v);
  if (Array.isArray(schema.anyOf)) for (const branch of schema.anyOf) if (isObject(branch)) for (const t of typesOf(branch)) out.add(t);
  return out;
}

/** The enum values of a schema that is only an enum of strings; undefined otherwise. */
function stringEnum(schema: Schema): string[] | undefined {
  if (Array.isArray(schema.anyOf)) return undefined;
  return Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === 'string') ? (schema.enum as string[]) : undefined;
}

/** The string branch of a prop (itself, or the string branch of an anyOf). */
function stringBranch(schema: Schema): Schema | undefined {
  if (schema.type === 'string') return schema;
  if (Array.isArray(schema.anyOf)) return schema.anyOf.find((b): b is Schema => isObject(b) && b.type === 'string');
  return undefined;
}

/** The literal branch of a `$value` prop: the one that is not the binding object. */
function literalBranch(schema: Schema): Schema {
  const branches = Array.isArray(schema.anyOf) ? schema.anyOf.filter(isObject) : [];
  return branches.find((b) => !isObject(b.properties) || !('$value' in b.properties)) ?? {};
}

const show = (value: unknown): string => (value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value));

function diagnosticFor(ctx: ControlContext, prop: string): PropControl['diagnostic'] {
  const at = `${ctx.nodePointer}/props/${prop.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  const found = ctx.diagnostics.find((d) => d.pointer === at || d.pointer.startsWith(`${at}/`));
  return found ? { code: found.code, severity: found.severity, message: found.message, ...(found.hint ? { hint: found.hint } : {}) } : undefined;
}

/** `[""]`-free options, with the current value kept even when it is not one of them, so the select can show it. */
function withCurrent(options: readonly string[], current: string): string[] {
  return current === '' || options.includes(current) ? [...options] : [...options, current];
}

function literalControl(base: Omit<PropControl, 'kind' | 'value'>, schema: Schema, value: unknown): PropControl {
  const types = typesOf(schema);
  const enumValues = stringEnum(schema);
  if (enumValues && (value === undefined || typeof value === 'string')) {
    return { ...base, kind: 'select', source: 'enum', options: withCurrent(enumValues, show(value)), value: show(value) };
  }
  if (types.size === 1 && types.has('boolean') && (value === undefined || typeof value === 'boolean')) {
    return { ...base, kind: 'boolean', options: ['true', 'false'], value: show(value) };
  }
  if ([...types].every((t) => t === 'number' || t === 'integer' || t === 'null') && (types.has('number') || types.has('integer')) && (value === undefined || typeof value === 'number')) {
    return {
      ...base,
      kind: 'number',
      value: show(value),
      ...(types.has('integer') && !types.has('number') ? { integer: true } : {}),
      ...(typeof schema.minimum === 'number' ? { min: schema.minimum } : {}),
      ...(typeof schema.maximum === 'number' ? { max: schema.maximum } : {}),
    };
  }
  if (types.has('string') && [...types].every((t) => t === 'string' || t === 'number' || t === 'integer' || t === 'null') && (value === undefined || typeof value === 'string' || typeof value === 'number')) {
    const multiline = (typeof schema.maxLength === 'number' && schema.maxLength >= 1000) || (typeof value === 'string' && value.includes('\n'));
    return { ...base, kind: 'text', value: show(value), ...(types.has('number') || types.has('integer') ? { acceptsNumber: true } : {}), ...(multiline ? { multiline: true } : {}) };
  }
  return { ...base, kind: 'json', value: show(value) };
}

/** A colour prop as a select of the theme's tokens; an array of colours as one select per slot and one more to add a colour. */
function colorControls(base: Omit<PropControl, 'kind' | 'value'>, schema: Schema, value: unknown, tokens: readonly string[]): PropControl[] | undefined {
  if (schema[COLOR_KEY] === true && (value === undefined || typeof value === 'string')) {
    return [{ ...base, kind: 'select', source: 'color', options: withCurrent(tokens, show(value)), value: show(value) }];
  }
  const items = isObject(schema.items) ? schema.items : undefined;
  if (schema.type !== 'array' || items?.[COLOR_KEY] !== true) return undefined;
  if (value !== undefined && !(Array.isArray(value) && value.every((v) => typeof v === 'string'))) return undefined;
  const list = (value as string[] | undefined) ?? [];
  const { placeholder: _default, ...slot } = base;
  return [...list, ''].map((color, index) => ({
    ...slot,
    id: `${base.prop}.${index}`,
    label: `${base.prop} ${index + 1}`,
    kind: 'select' as const,
    source: 'color' as const,
    index,
    options: withCurrent(tokens, color),
    value: color,
    required: false,
  }));
}

/**
 * Where a `$value` prop's value comes from: typed here, or a query's first
 * row. Switching to a query binds the first declared query (its first numeric
 * column for a number); switching back keeps the value the binding showed, so
 * the preview does not change under the author. Nothing when the page
 * declares no query to bind and the prop is not bound.
 */
function valueSourceControl(base: Omit<PropControl, 'kind' | 'value'>, schema: Schema, value: unknown, ctx: ControlContext): PropControl | undefined {
  const bound = isObject(value) && isObject(value.$value) ? value.$value : undefined;
  const first = ctx.queries[0];
  if (!bound && first === undefined) return undefined;
  const literal = literalBranch(schema);
  const types = typesOf(literal);
  const numeric = schema[NUMERIC_KEY] === true || (types.size > 0 && [...types].every((t) => t === 'number' || t === 'integer'));
  let toQuery: unknown = value;
  if (!bound) {
    const row = ctx.firstRow?.(first!);
    const columns = ctx.columnsOf(first!) ?? [];
    const field = (numeric && row ? columns.find((c) => toNumber(row[c]) !== undefined) : undefined) ?? columns[0];
    toQuery = { $value: { query: first, ...(field ? { field } : {}) } };
  }
  let toLiteral: unknown;
  if (bound && typeof bound.query === 'string' && typeof bound.field === 'string') {
    const shown = ctx.firstRow?.(bound.query)?.[bound.field];
    if ((types.has('number') || types.has('integer')) && toNumber(shown) !== undefined) toLiteral = toNumber(shown);
    else if (types.has('string') && (typeof shown === 'string' || typeof shown === 'number')) toLiteral = String(shown);
  } else if (!bound) toLiteral = value;
  const { placeholder: _default, diagnostic: _problem, ...rest } = base;
  return {
    ...rest,
    id: `${base.prop}.from`,
    label: `${base.prop} from`,
    kind: 'select',
    source: 'binding',
    options: ['query'],
    choices: { '': toLiteral, query: toQuery },
    value: bound ? 'query' : '',
    required: false,
  };
}

/** One control per prop of the node (two for a prop bound with `$value`: its query and its column). */
export function controlsFor(propsSchema: Schema, props: Record<string, unknown>, ctx: ControlContext): PropControl[] {
  const properties = isObject(propsSchema.properties) ? (propsSchema.properties as Record<string, Schema>) : {};
  const required = new Set(Array.isArray(propsSchema.required) ? (propsSchema.required as string[]) : []);
  const columnsOf = isObject(propsSchema[COLUMNS_OF_KEY]) ? (propsSchema[COLUMNS_OF_KEY] as Record<string, string>) : {};
  const controls: PropControl[] = [];
  for (const [prop, schema] of Object.entries(properties)) {
    const value = props[prop];
    const base = {
      id: prop,
      prop,
      label: prop,
      required: required.has(prop),
      ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
      ...('default' in schema ? { placeholder: show(schema.default) } : {}),
      ...(diagnosticFor(ctx, prop) ? { diagnostic: diagnosticFor(ctx, prop) } : {}),
    };
    const binding = schema['x-binding'];
    if (binding === 'rows' && (value === undefined || (isObject(value) && typeof value.$query === 'string'))) {
      const current = isObject(value) ? String(value.$query) : '';
      controls.push({ ...base, kind: 'select', source: 'query', options: withCurrent(ctx.queries, current), value: current });
      continue;
    }
    const from = binding === 'value' ? valueSourceControl(base, schema, value, ctx) : undefined;
    if (from) controls.push(from);
    if (binding === 'value' && isObject(value) && isObject(value.$value)) {
      const query = typeof value.$value.query === 'string' ? value.$value.query : '';
      const field = typeof value.$value.field === 'string' ? value.$value.field : '';
      controls.push({ ...base, kind: 'select', source: 'query', options: withCurrent(ctx.queries, query), value: query });
      controls.push({ ...base, id: `${prop}.field`, label: `${prop} column`, kind: 'select', source: 'column', options: withCurrent(ctx.columnsOf(query) ?? [], field), value: field, required: true });
      continue;
    }
    const boundProp = columnsOf[prop];
    if (boundProp && stringBranch(schema) && (value === undefined || typeof value === 'string')) {
      const bound = props[boundProp];
      const query = isObject(bound) && typeof bound.$query === 'string' ? bound.$query : undefined;
      const columns = query ? (ctx.columnsOf(query) ?? []) : [];
      controls.push({ ...base, kind: 'select', source: 'column', options: withCurrent(columns, show(value)), value: show(value) });
      continue;
    }
    const colors = colorControls(base, schema, value, ctx.colorTokens);
    if (colors) {
      controls.push(...colors);
      continue;
    }
    controls.push(literalControl(base, binding === 'value' ? { ...literalBranch(schema), ...('default' in schema ? { default: schema.default } : {}) } : schema, value));
  }
  return controls;
}
