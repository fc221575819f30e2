/**
 * Normalisation at the edge: any accepted document (a page, a canonical spec,
 * a bare node; props inline or under `props`) becomes the canonical Page.
 * It trusts nothing and throws nothing: callers validate first and use this
 * for rendering, formatting and saving.
 */
import { isObject, LAYOUTS, readDocument, readNode, type JsonObject, type Layout } from './document';
import type { DeclaredQuery, Page, PageSpec, ParamDeclaration, QuerySource, SpecNode } from './page-model';

/** Deeper trees are cut here (the validator reports them); recursion must not overflow the stack. */
export const MAX_DEPTH = 64;

export function normaliseNode(value: unknown, depth = 0): SpecNode {
  if (!isObject(value)) return { type: typeof value === 'string' ? value : JSON.stringify(value) ?? 'undefined', props: {} };
  const view = readNode(value, '');
  const node: SpecNode = { type: typeof view.type === 'string' ? view.type : JSON.stringify(view.type) ?? 'undefined', props: {} };
  if (typeof value.id === 'string') node.id = value.id;
  for (const prop of view.props) {
    // defineProperty: a "__proto__" key stays a plain (invalid) prop and never becomes the prototype.
    Object.defineProperty(node.props, prop.name, { value: prop.value, enumerable: true, writable: true, configurable: true });
  }
  if (view.children && depth < MAX_DEPTH) node.children = view.children.map((child) => normaliseNode(child.value, depth + 1));
  return node;
}

export function normaliseSpec(value: unknown): PageSpec {
  const doc = readDocument(value);
  const layout = LAYOUTS.includes(doc.layout as Layout) ? (doc.layout as Layout) : 'dashboard';
  return { version: 1, layout, root: normaliseNode(doc.root) };
}

const QUERY_SOURCES: readonly QuerySource[] = ['sql', 'cluster_search', 'kb_search'];

/** A query without `source`: `sql` when it has SQL (the guide's shape), a search when it has only search text. */
export function inferQuerySource(q: JsonObject): QuerySource {
  if (typeof q.sql === 'string' || q.query === undefined) return 'sql';
  return typeof q.target === 'string' ? 'cluster_search' : 'kb_search';
}

export function normaliseQuery(value: unknown): DeclaredQuery {
  const q = isObject(value) ? value : {};
  const declared = typeof q.source === 'string' && QUERY_SOURCES.includes(q.source as QuerySource) ? (q.source as QuerySource) : undefined;
  const source: QuerySource = declared ?? inferQuerySource(q);
  const out: DeclaredQuery = { name: typeof q.name === 'string' ? q.name : '', source };
  if (typeof q.description === 'string') out.description = q.description;
  if (typeof q.sql === 'string') out.sql = q.sql;
  if (typeof q.query === 'string') out.query = q.query;
  if (typeof q.target === 'string') out.target = q.target;
  if (isObject(q.params)) out.params = q.params as Record<string, ParamDeclaration>;
  return out;
}

/** A page from a page document, or from a bare spec (a page with no queries). */
export function normalisePage(value: unknown): Page {
  const doc = readDocument(value);
  const page = doc.kind === 'page' ? (value as JsonObject) : {};
  return {
    name: typeof page.name === 'string' ? page.name : '',
    tags: Array.isArray(page.tags) ? page.tags.filter((t): t is string => typeof t === 'string') : [],
    declared_queries: Array.isArray(doc.declaredQueries) ? doc.declaredQueries.map(normaliseQuery) : [],
    spec: normaliseSpec(doc.kind === 'page' ? doc.spec : value),
  };
}

/** Key order of the canonical, stably formatted file. */
function orderedNode(node: SpecNode): JsonObject {
  const out: JsonObject = { type: node.type };
  if (node.id !== undefined) out.id = node.id;
  if (Object.keys(node.props).length > 0) out.props = node.props;
  if (node.children) out.children = node.children.map(orderedNode);
  return out;
}

function orderedQuery(q: DeclaredQuery): JsonObject {
  const out: JsonObject = { name: q.name, source: q.source };
  for (const key of ['description', 'sql', 'query', 'target', 'params'] as const) if (q[key] !== undefined) out[key] = q[key];
  return out;
}

/**
 * The canonical text of a document: a page stays a page (keeping `$schema`,
 * `id` and other page fields), a bare spec or node becomes a canonical spec.
 */
export function formatDocument(value: unknown): string {
  const doc = readDocument(value);
  const spec = normaliseSpec(doc.kind === 'page' ? doc.spec : value);
  const specOut: JsonObject = { version: spec.version, layout: spec.layout, root: orderedNode(spec.root) };
  let out: JsonObject;
  if (doc.kind === 'page') {
    const page = value as JsonObject;
    const normal = normalisePage(value);
    out = {};
    if (page.$schema !== undefined) out.$schema = page.$schema;
    if (page.id !== undefined) out.id = page.id;
    out.name = normal.name;
    if (page.description !== undefined) out.description = page.description;
    out.tags = normal.tags;
    for (const key of ['status', 'version', 'created_at', 'updated_at']) if (page[key] !== undefined) out[key] = page[key];
    out.declared_queries = normal.declared_queries.map(orderedQuery);
    out.spec = specOut;
  } else {
    out = isObject(value) && value.$schema !== undefined ? { $schema: value.$schema, ...specOut } : specOut;
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}
