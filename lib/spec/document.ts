/**
 * How a document given by an author is read: a page `{name, tags,
 * declared_queries, spec}`, a canonical spec `{version, root, layout}`, or a
 * bare node as the guide writes it. A node's props are under `props` or, in
 * the guide's inline shape, beside `type`. These readers keep the pointer of
 * every part so diagnostics name places in the author's own document.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = Record<string, unknown>;

export const LAYOUTS = ['dashboard', 'single', 'document'] as const;
export type Layout = (typeof LAYOUTS)[number];

/** Keys of a node that are not props. `id` is kept for hosts that name nodes. */
export const NODE_KEYS = new Set(['type', 'props', 'children', 'id']);
export const SPEC_KEYS = new Set(['$schema', 'version', 'root', 'layout']);
export const PAGE_KEYS = new Set(['$schema', 'name', 'tags', 'declared_queries', 'spec', 'description', 'id', 'status', 'version', 'created_at', 'updated_at']);

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface PropView {
  name: string;
  value: unknown;
  pointer: string;
}

export interface NodeView {
  pointer: string;
  type: unknown;
  /** Props in the author's order; inline props and `props` merged (a `props` entry wins). */
  props: PropView[];
  /** Where props live: `<node>/props`, or the node itself when it has no props object (inline shape, or none yet). */
  propsPointer: string;
  inline: boolean;
  children: { value: unknown; pointer: string }[] | undefined;
  childrenValue: unknown;
}

export function readNode(value: JsonObject, pointer: string): NodeView {
  const props: PropView[] = [];
  const byName = new Map<string, number>();
  let inline = false;
  for (const [key, v] of Object.entries(value)) {
    if (NODE_KEYS.has(key)) continue;
    inline = true;
    byName.set(key, props.length);
    props.push({ name: key, value: v, pointer: `${pointer}/${escapePointerSegment(key)}` });
  }
  const explicit = value.props;
  if (isObject(explicit)) {
    for (const [key, v] of Object.entries(explicit)) {
      const prop = { name: key, value: v, pointer: `${pointer}/props/${escapePointerSegment(key)}` };
      const at = byName.get(key);
      if (at === undefined) props.push(prop);
      else props[at] = prop;
    }
  }
  const childrenValue = value.children;
  const children = Array.isArray(childrenValue)
    ? childrenValue.map((child, i) => ({ value: child, pointer: `${pointer}/children/${i}` }))
    : undefined;
  return {
    pointer,
    type: value.type,
    props,
    propsPointer: isObject(explicit) ? `${pointer}/props` : pointer,
    inline,
    children,
    childrenValue,
  };
}

/** One RFC 6901 pointer segment: `~` and `/` escaped. */
export function escapePointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The declared query a binding names: `{"$query": q}` or `{"$value": {"query": q}}`; undefined for anything else. */
export function bindingQueryName(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  if (typeof value.$query === 'string') return value.$query;
  if (isObject(value.$value) && typeof value.$value.query === 'string') return value.$value.query;
  return undefined;
}

export type DocumentKind = 'page' | 'spec' | 'node';

export interface DocumentView {
  kind: DocumentKind;
  /** Pointer of the spec: '' for a bare spec or node, '/spec' inside a page. */
  specPointer: string;
  spec: unknown;
  /** The root node's value and pointer. */
  root: unknown;
  rootPointer: string;
  /** The canonical spec's own fields, when the spec is canonical. */
  canonical: boolean;
  layout: unknown;
  declaredQueries: unknown;
  queriesPointer: string;
}

export function readDocument(value: unknown): DocumentView {
  const page = isObject(value) && 'spec' in value && !('type' in value) && !('root' in value);
  const spec = page ? (value as JsonObject).spec : value;
  const specPointer = page ? '/spec' : '';
  const canonical = isObject(spec) && !('type' in spec) && ('root' in spec || 'version' in spec);
  return {
    kind: page ? 'page' : canonical ? 'spec' : 'node',
    specPointer,
    spec,
    root: canonical ? (spec as JsonObject).root : spec,
    rootPointer: canonical ? `${specPointer}/root` : specPointer,
    canonical,
    layout: canonical ? (spec as JsonObject).layout : undefined,
    declaredQueries: page ? (value as JsonObject).declared_queries : undefined,
    queriesPointer: '/declared_queries',
  };
}
