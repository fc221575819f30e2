/**
 * What changes between two versions of a page, component by component: the
 * page's name and tags, each declared query (by name) and field, and each
 * node of the tree (children aligned by their `id`, else their type, so an
 * inserted node is one change, not a cascade), each prop by JSON pointer.
 * Pointers are into the new version in canonical form (`/spec/root/...`).
 */
import { escapePointerSegment } from '../spec/document';
import type { DeclaredQuery, Page, SpecNode } from '../spec/page-model';

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface PageChange {
  kind: ChangeKind;
  /** In the new version; for a removal, where it was (the parent's pointer and the old index). */
  pointer: string;
  /** What changed, in words: `BarChart.y`, `query "by_channel" sql`, `node Stat`. */
  what: string;
  before?: unknown;
  after?: unknown;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function diffPages(before: Page, after: Page): PageChange[] {
  const changes: PageChange[] = [];
  if (before.name !== after.name) changes.push({ kind: 'changed', pointer: '/name', what: 'name', before: before.name, after: after.name });
  if (!same(before.tags, after.tags)) changes.push({ kind: 'changed', pointer: '/tags', what: 'tags', before: before.tags, after: after.tags });
  diffQueries(before.declared_queries, after.declared_queries, changes);
  if (before.spec.layout !== after.spec.layout) changes.push({ kind: 'changed', pointer: '/spec/layout', what: 'layout', before: before.spec.layout, after: after.spec.layout });
  diffNode(before.spec.root, after.spec.root, '/spec/root', changes);
  return changes;
}

function diffQueries(before: DeclaredQuery[], after: DeclaredQuery[], changes: PageChange[]): void {
  const old = new Map(before.map((q) => [q.name, q]));
  const kept = new Set<string>();
  after.forEach((q, i) => {
    const pointer = `/declared_queries/${i}`;
    const previous = old.get(q.name);
    if (!previous) {
      changes.push({ kind: 'added', pointer, what: `query "${q.name}"`, after: q });
      return;
    }
    kept.add(q.name);
    for (const field of ['source', 'sql', 'query', 'target', 'params'] as const) {
      if (!same(previous[field], q[field])) {
        const kind: ChangeKind = previous[field] === undefined ? 'added' : q[field] === undefined ? 'removed' : 'changed';
        changes.push({ kind, pointer: `${pointer}/${field}`, what: `query "${q.name}" ${field}`, before: previous[field], after: q[field] });
      }
    }
  });
  before.forEach((q, i) => {
    if (!kept.has(q.name)) changes.push({ kind: 'removed', pointer: `/declared_queries/${i}`, what: `query "${q.name}"`, before: q });
  });
}

function signature(node: SpecNode): string {
  return node.id !== undefined ? `#${node.id}` : node.type;
}

/** Longest common subsequence of two children lists by signature: the pairs that are "the same node". */
function alignChildren(a: SpecNode[], b: SpecNode[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  // Long lists fall back to position: the table would be large and such lists are rare in pages.
  if (n * m > 250_000) return Array.from({ length: Math.min(n, m) }, (_, i) => [i, i] as [number, number]).filter(([i, j]) => signature(a[i]!) === signature(b[j]!));
  const table = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i]![j] = signature(a[i]!) === signature(b[j]!) ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (signature(a[i]!) === signature(b[j]!)) {
      pairs.push([i++, j++]);
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}

function diffNode(before: SpecNode, after: SpecNode, pointer: string, changes: PageChange[], depth = 0): void {
  if (before.type !== after.type) {
    changes.push({ kind: 'changed', pointer, what: `node ${before.type} → ${after.type}`, before: before.type, after: after.type });
    return;
  }
  if (before.id !== after.id) changes.push({ kind: 'changed', pointer: `${pointer}/id`, what: `${after.type} id`, before: before.id, after: after.id });
  const keys = new Set([...Object.keys(before.props), ...Object.keys(after.props)]);
  for (const key of keys) {
    const had = Object.hasOwn(before.props, key);
    const has = Object.hasOwn(after.props, key);
    const at = `${pointer}/props/${escapePointerSegment(key)}`;
    const what = `${after.type}.${key}`;
    if (had && !has) changes.push({ kind: 'removed', pointer: at, what, before: before.props[key] });
    else if (!had && has) changes.push({ kind: 'added', pointer: at, what, after: after.props[key] });
    else if (!same(before.props[key], after.props[key])) changes.push({ kind: 'changed', pointer: at, what, before: before.props[key], after: after.props[key] });
  }
  if (depth > 64) return;
  const a = before.children ?? [];
  const b = after.children ?? [];
  const pairs = alignChildren(a, b);
  const matchedOld = new Set(pairs.map(([i]) => i));
  const matchedNew = new Set(pairs.map(([, j]) => j));
  a.forEach((child, i) => {
    if (!matchedOld.has(i)) changes.push({ kind: 'removed', pointer: `${pointer}/children/${i}`, what: `node ${child.type}`, before: child });
  });
  b.forEach((child, j) => {
    if (!matchedNew.has(j)) changes.push({ kind: 'added', pointer: `${pointer}/children/${j}`, what: `node ${child.type}`, after: child });
  });
  for (const [i, j] of pairs) diffNode(a[i]!, b[j]!, `${pointer}/children/${j}`, changes, depth + 1);
}

/** A value shown in one line: JSON, cut to `max` characters. */
export function preview(value: unknown, max = 80): string {
  if (value === undefined) return '(none)';
  const text = typeof value === 'object' && value !== null && 'type' in value && 'props' in value ? `${(value as SpecNode).type} node` : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
