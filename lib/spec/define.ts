/**
 * The helpers a catalog entry uses to describe itself. A definition is the one
 * place a component is described: its props (zod), which props take bindings,
 * which props name columns of bound rows, its docs and an example. The JSON
 * Schema, the validator, the editor's completion and the CLI derive from it.
 * No React here: definitions load on the server and in the CLI.
 */
import { z } from 'zod';
import type { PropRange } from '../format/value-range';
import type { DrawingRule } from './drawing';
import { COLOR_KEY, NUMERIC_KEY } from './schema-keywords';

export type BindingKind = 'rows' | 'value';
export const BINDING_META_KEY = 'x-binding';

export const queryBindingSchema = z
  .object({ $query: z.string().min(1).describe('The name of a declared query.') })
  .strict();

export const valueBindingSchema = z
  .object({
    $value: z
      .object({
        query: z.string().min(1).describe('The name of a declared query.'),
        field: z.string().min(1).describe('A column of the first row.'),
      })
      .strict(),
  })
  .strict();

export type QueryBinding = z.infer<typeof queryBindingSchema>;
export type ValueBinding = z.infer<typeof valueBindingSchema>;

/** A prop that takes the rows of a declared query: `{"$query": "<name>"}`. */
export function rowsBinding(description = 'Rows of a declared query, as {"$query": "<name>"}.') {
  return queryBindingSchema.meta({ description, [BINDING_META_KEY]: 'rows' });
}

/**
 * A prop that takes a literal or one scalar from the first row of a declared
 * query: `{"$value": {"query": "<name>", "field": "<column>"}}`.
 */
export function valueOr<T extends z.ZodType>(literal: T, description?: string, options: { numeric?: boolean } = {}) {
  const numeric = options.numeric ?? acceptsOnlyNumbers(literal);
  return z
    .union([literal, valueBindingSchema])
    .meta({ ...(description ? { description } : {}), [BINDING_META_KEY]: 'value', ...(numeric ? { [NUMERIC_KEY]: true } : {}) });
}

/** Marks a prop (or an array's items) holding a CSS colour: the studio offers the theme's colour tokens there. */
export const COLOR_META_KEY = COLOR_KEY;

/** A CSS colour (`#4f6bed`, `var(--ap-series-1)`, `rebeccapurple`). */
export function cssColor(description = 'A CSS colour.') {
  return z.string().min(1).meta({ description, [COLOR_META_KEY]: true });
}

/** A prop that names a column of the rows bound to another prop. */
export function column(description = 'A column name of the bound rows.') {
  return z.string().min(1).describe(description);
}

/** A prop that names a column of numbers (a chart's measure): a text column there is reported as `column-type`. */
export function numericColumn(description = 'A numeric column of the bound rows.') {
  return z.string().min(1).meta({ description, [NUMERIC_KEY]: true });
}

function zodType(schema: z.ZodType): string {
  return (schema as unknown as { _zod: { def: { type: string } } })._zod.def.type;
}

/** A literal schema that takes numbers (and maybe null) and nothing else: its `$value` must be numeric too. */
function acceptsOnlyNumbers(schema: z.ZodType): boolean {
  const inner = unwrapSchema(schema);
  const type = zodType(inner);
  if (type === 'number' || type === 'int') return true;
  if (type !== 'union') return false;
  const options = (inner as unknown as { _zod: { def: { options: z.ZodType[] } } })._zod.def.options;
  const kinds = options.map((o) => zodType(unwrapSchema(o)));
  return kinds.some((k) => k === 'number' || k === 'int') && kinds.every((k) => k === 'number' || k === 'int' || k === 'null');
}

/** The prop, or any branch or item of it, was declared with numericColumn() or a numeric valueOr(). */
function isNumericProp(schema: z.ZodType, depth = 0): boolean {
  if (depth > 6) return false;
  const inner = unwrapSchema(schema);
  const meta = z.globalRegistry.get(inner) as Record<string, unknown> | undefined;
  if (meta?.[NUMERIC_KEY] === true) return true;
  const def = (inner as unknown as { _zod: { def: { type: string; options?: z.ZodType[]; element?: z.ZodType } } })._zod.def;
  if (def.type === 'union' && def.options) return def.options.some((o) => isNumericProp(o, depth + 1));
  if (def.type === 'array' && def.element) return isNumericProp(def.element, depth + 1);
  return false;
}

/** Strip optional/default/nullable wrappers to reach the schema a prop was built from. */
export function unwrapSchema(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  for (let i = 0; i < 10; i++) {
    const def = (current as unknown as { _zod: { def: { type: string; innerType?: z.ZodType } } })._zod.def;
    if (
      def.innerType &&
      (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault' || def.type === 'readonly')
    ) {
      current = def.innerType;
    } else break;
  }
  return current;
}

export function bindingKindOf(schema: z.ZodType): BindingKind | undefined {
  const meta = z.globalRegistry.get(unwrapSchema(schema)) as Record<string, unknown> | undefined;
  const kind = meta?.[BINDING_META_KEY];
  return kind === 'rows' || kind === 'value' ? kind : undefined;
}

export type ComponentGroup = 'layout' | 'content' | 'data' | 'advanced';

/** What children a component accepts. */
export interface ChildrenRule {
  /** Omit for "any number". */
  max?: number;
  min?: number;
  /** Only these component types may be children. */
  types?: readonly string[];
}

export interface ExampleNode {
  type: string;
  props?: Record<string, unknown>;
  children?: ExampleNode[];
}

export interface ComponentInput<P extends z.ZodObject> {
  type: string;
  group: ComponentGroup;
  description: string;
  props: P;
  /** Omit for a leaf (no children allowed). */
  children?: ChildrenRule;
  /**
   * Props that name columns of rows bound to another prop: `{x: 'data'}`.
   * A path into an array of objects is written `columns[].key`.
   */
  columnsOf?: Readonly<Record<string, string>>;
  /** Props holding links; checked for unsafe schemes (javascript:, data:). Markdown props are checked too. */
  urlProps?: readonly string[];
  /** Props holding Markdown; links inside are checked for unsafe schemes. */
  markdownProps?: readonly string[];
  /** A visualisation can stand alone as the root of a `single` layout page. */
  visualization?: boolean;
  /**
   * Numbers that can only be right within a range (a gauge's dial, a stat's
   * min and max), worked out from the node's resolved props. The studio's
   * diagnostics list each value outside its range (lib/render/value-diagnostics).
   */
  valueRanges?: (props: Record<string, unknown>) => readonly PropRange[];
  /**
   * How the chart reduces its rows for drawing at its size (LTTB for series,
   * density-preserving sampling for points, top N plus "Other" for categories).
   * Applied on the server before the props reach the browser.
   */
  drawing?: DrawingRule;
  /** A scope the page's author must hold to use this component (Custom: pages:admin). */
  requiresScope?: string;
  /** One valid node, shown in docs and completion. */
  example: ExampleNode;
}

export interface ComponentDefinition<P extends z.ZodObject = z.ZodObject> extends ComponentInput<P> {
  /** Derived from the props schema: which props take which kind of binding. */
  bindings: Readonly<Record<string, BindingKind>>;
  /** Derived from the props schema: props whose column or `$value` must hold numbers. */
  numericProps: readonly string[];
}

export function defineComponent<P extends z.ZodObject>(input: ComponentInput<P>): ComponentDefinition<P> {
  const bindings: Record<string, BindingKind> = {};
  const numericProps: string[] = [];
  for (const [name, schema] of Object.entries(input.props.shape as Record<string, z.ZodType>)) {
    const kind = bindingKindOf(schema);
    if (kind) bindings[name] = kind;
    if (isNumericProp(schema)) numericProps.push(name);
  }
  if (input.drawing && bindings[input.drawing.rows] !== 'rows') {
    throw new Error(`${input.type}: drawing.rows names "${input.drawing.rows}", which is not a rows binding`);
  }
  for (const [prop, source] of Object.entries(input.columnsOf ?? {})) {
    if (bindings[source] !== 'rows') {
      throw new Error(`${input.type}: columnsOf.${prop} names "${source}", which is not a rows binding`);
    }
  }
  return Object.freeze({ ...input, bindings, numericProps });
}

export interface Catalog {
  readonly components: ReadonlyMap<string, ComponentDefinition>;
  readonly types: readonly string[];
  get(type: string): ComponentDefinition | undefined;
}

export function defineCatalog(definitions: readonly ComponentDefinition[]): Catalog {
  const components = new Map<string, ComponentDefinition>();
  for (const def of definitions) {
    if (components.has(def.type)) throw new Error(`catalog: component ${def.type} is defined twice`);
    components.set(def.type, def);
  }
  return Object.freeze({
    components,
    types: [...components.keys()],
    get: (type: string) => components.get(type),
  });
}
