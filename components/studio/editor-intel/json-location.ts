/**
 * Where the cursor is in a page's JSON, and what the page declares and binds,
 * read from jsonc-parser's tree (tolerant of the half-typed text an editor
 * holds), never by searching the text. Pure: no Monaco, so vitest runs it in Node.
 */
import { findNodeAtOffset, getNodePath, parseTree, type JSONPath, type Node } from 'jsonc-parser';
import { NODE_KEYS } from '../../../lib/spec/document';
import { nodeAtPath, propertyValue } from '../../../lib/spec/json-text';

/** A string in the text: its raw span including the quotes, and its decoded value. */
export interface StringSpan {
  offset: number;
  length: number;
  value: string;
}

export interface DeclaredQueryFact {
  name: string;
  index: number;
  /** The `name` string of the declaration. */
  nameSpan: StringSpan;
  sql?: string;
}

export interface BindingFact {
  query: string;
  kind: 'rows' | 'value';
  /** The query name string (`"$query": "…"` or `"$value": {"query": "…"}`). */
  span: StringSpan;
  /** The `field` of a `$value` binding. */
  field?: string;
  /** The component node that holds the binding, and the prop it is in. */
  component?: ComponentAt;
}

export interface ComponentAt {
  type: string;
  node: Node;
  /** The prop the path enters (`data`, `x`, …), and the path below it. */
  prop: string;
  below: JSONPath;
}

export interface PageFacts {
  tree: Node | undefined;
  /** The page's `declared_queries` array; undefined for a bare spec or a page without it. */
  queriesArray: Node | undefined;
  /** The document is a page `{…, spec}` (only a page can declare queries). */
  isPage: boolean;
  queries: DeclaredQueryFact[];
  bindings: BindingFact[];
}

/** `{prop: boundProp}` per component type, as the catalog's columnsOf (from the schema's `x-columns-of`). */
export type ColumnsOf = (type: string) => Readonly<Record<string, string>> | undefined;

export type CursorTarget =
  | { kind: 'query-ref'; name: string; span: StringSpan; binding: BindingFact }
  | { kind: 'query-decl'; name: string; span: StringSpan; query: DeclaredQueryFact }
  | { kind: 'column'; span: StringSpan | undefined; query: string | undefined; component: string; prop: string }
  | { kind: 'none' };

export function parseDocument(text: string): Node | undefined {
  try {
    return parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  } catch {
    return undefined; // a document deep enough to overflow the parser: no help, no crash
  }
}

function spanOf(node: Node | undefined): StringSpan | undefined {
  return node?.type === 'string' ? { offset: node.offset, length: node.length, value: String(node.value) } : undefined;
}

/** The innermost component node above `path` (an object with a string `type`), and the prop the path enters there. */
export function componentAbove(tree: Node, path: JSONPath): ComponentAt | undefined {
  for (let k = path.length - 1; k >= 0; k--) {
    const node = nodeAtPath(tree, path.slice(0, k));
    const type = propertyValue(node, 'type');
    if (!node || type?.type !== 'string') continue;
    let rest = path.slice(k);
    if (rest[0] === 'props') rest = rest.slice(1);
    const prop = rest[0];
    if (typeof prop !== 'string' || prop === 'type' || prop === 'children' || prop === 'id') return undefined;
    return { type: String(type.value), node, prop, below: rest.slice(1) };
  }
  return undefined;
}

/** The value of a component's prop, inline or under `props` (`props` wins, as the validator reads it). */
export function componentProp(component: Node, prop: string): Node | undefined {
  return propertyValue(propertyValue(component, 'props'), prop) ?? propertyValue(component, prop);
}

/** The rows query bound to a component's prop (`{"$query": name}`), if any. */
export function boundQuery(component: Node, prop: string): string | undefined {
  const q = propertyValue(componentProp(component, prop), '$query');
  return q?.type === 'string' ? String(q.value) : undefined;
}

export function readFacts(text: string): PageFacts {
  const tree = parseDocument(text);
  const facts: PageFacts = { tree, queriesArray: undefined, isPage: false, queries: [], bindings: [] };
  if (tree?.type !== 'object') return facts;
  facts.isPage = propertyValue(tree, 'spec') !== undefined || propertyValue(tree, 'declared_queries') !== undefined;
  const array = facts.isPage ? propertyValue(tree, 'declared_queries') : undefined;
  if (array?.type === 'array') {
    facts.queriesArray = array;
    array.children?.forEach((q, index) => {
      const nameSpan = spanOf(propertyValue(q, 'name'));
      const sql = propertyValue(q, 'sql');
      if (nameSpan) facts.queries.push({ name: nameSpan.value, index, nameSpan, sql: sql?.type === 'string' ? String(sql.value) : undefined });
    });
  }
  collectBindings(tree, tree, facts.queriesArray, facts.bindings, 0);
  return facts;
}

let lastRead: { text: string; facts: PageFacts } | undefined;

/** readFacts, kept for the last text: completion, hover and code actions on one version of the page parse it once. */
export function factsOf(text: string): PageFacts {
  if (lastRead?.text !== text) lastRead = { text, facts: readFacts(text) };
  return lastRead.facts;
}

function collectBindings(tree: Node, node: Node, skip: Node | undefined, out: BindingFact[], depth: number): void {
  if (node === skip || depth > 200) return;
  if (node.type === 'object') {
    const rowsNode = propertyValue(node, '$query');
    const rows = spanOf(rowsNode);
    if (rows) out.push({ query: rows.value, kind: 'rows', span: rows, component: componentAbove(tree, getNodePath(rowsNode!)) });
    const value = propertyValue(node, '$value');
    const queryNode = propertyValue(value, 'query');
    const query = spanOf(queryNode);
    if (query) {
      const field = propertyValue(value, 'field');
      out.push({ query: query.value, kind: 'value', span: query, field: field?.type === 'string' ? String(field.value) : undefined, component: componentAbove(tree, getNodePath(queryNode!)) });
    }
  }
  for (const child of node.children ?? []) collectBindings(tree, child, skip, out, depth + 1);
}

/** The string node under the cursor (offset may sit just inside either quote). */
function stringAt(tree: Node, offset: number): Node | undefined {
  const node = findNodeAtOffset(tree, offset, true);
  if (node?.type !== 'string') return undefined;
  // On the closing quote's right side the cursor is past the string.
  if (offset <= node.offset || offset >= node.offset + node.length + (isClosed(node) ? 0 : 1)) return undefined;
  return node;
}

function isClosed(node: Node): boolean {
  return node.length >= 2;
}

/** What the cursor is on: a query name (binding or declaration), a column prop, or nothing this module knows. */
export function locate(text: string, offset: number, columnsOf: ColumnsOf, facts: PageFacts = readFacts(text)): CursorTarget {
  const tree = facts.tree;
  if (!tree) return { kind: 'none' };
  const node = stringAt(tree, offset);
  if (!node) return { kind: 'none' };
  const span = spanOf(node)!;
  const binding = facts.bindings.find((b) => b.span.offset === node.offset);
  if (binding) return { kind: 'query-ref', name: binding.query, span, binding };
  const decl = facts.queries.find((q) => q.nameSpan.offset === node.offset);
  if (decl) return { kind: 'query-decl', name: decl.name, span, query: decl };
  // A property key is not a value: only values name columns.
  if (node.parent?.type === 'property' && node.parent.children?.[0] === node) return { kind: 'none' };
  const path = getNodePath(node);
  // `{"$value": {"query": q, "field": |}}`: a column of q's first row.
  if (path.length >= 2 && path[path.length - 1] === 'field' && path[path.length - 2] === '$value') {
    const query = spanOf(propertyValue(node.parent!.parent!, 'query'))?.value;
    const at = componentAbove(tree, path);
    return { kind: 'column', span, query, component: at?.type ?? '', prop: at?.prop ?? 'field' };
  }
  const at = componentAbove(tree, path);
  if (!at) return { kind: 'none' };
  const source = columnSource(columnsOf(at.type), at.prop, at.below);
  if (source === undefined) return { kind: 'none' };
  return { kind: 'column', span, query: boundQuery(at.node, source), component: at.type, prop: at.prop };
}

/**
 * Which bound prop a column prop reads from, given the path below the prop:
 * `x` (a string), `y` and its items (`["a", "b"]`), `columns[].key` (a key of an item).
 */
export function columnSource(columnsOf: Readonly<Record<string, string>> | undefined, prop: string, below: JSONPath): string | undefined {
  if (!columnsOf) return undefined;
  for (const [path, source] of Object.entries(columnsOf)) {
    const [name, key] = path.split('[].');
    if (name !== prop) continue;
    if (key === undefined && (below.length === 0 || (below.length === 1 && typeof below[0] === 'number'))) return source;
    if (key !== undefined && below.length === 2 && typeof below[0] === 'number' && below[1] === key) return source;
  }
  return undefined;
}

/** Inner range of a string span (between its quotes), for replacing what the author typed. */
export function innerRange(span: StringSpan): { offset: number; length: number } {
  const closed = span.length >= 2;
  return { offset: span.offset + 1, length: Math.max(0, span.length - (closed ? 2 : 1)) };
}

/** A node of the tree: the spec's root, a bare document's root, or a child. */
function isTreeNode(node: Node): boolean {
  const path = getNodePath(node);
  const last = path[path.length - 1];
  if (path.length === 0) return true;
  if (path.length === 1 && last === 'spec') return true;
  return last === 'root' || (typeof last === 'number' && path[path.length - 2] === 'children');
}

function isInline(node: Node): boolean {
  return propertyValue(node, 'type')?.type === 'string' && (node.children ?? []).some((p) => !NODE_KEYS.has(String(p.children?.[0]?.value)));
}

/** The innermost tree node in the guide's inline-props shape around the offset (the quick fix's target). */
export function inlineNodeAt(tree: Node, offset: number): Node | undefined {
  let best: Node | undefined;
  const visit = (node: Node) => {
    if (offset < node.offset || offset > node.offset + node.length) return;
    if (node.type === 'object' && isInline(node) && isTreeNode(node)) best = node;
    for (const child of node.children ?? []) visit(child);
  };
  visit(tree);
  return best;
}
