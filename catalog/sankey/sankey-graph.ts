/**
 * Turns rows into the graph recharts' Sankey draws: numeric node indices,
 * positive values, no self-loops and no cycles. recharts lays nodes out by
 * depth and a cycle has none; it would hang or drop every node, so cycles are
 * broken here, keeping the heaviest flows, and reported.
 */
import { toNumber } from '../../lib/format/format-value';
import type { BoundRows, Row } from '../../lib/spec/resolved';
import { categoryLabel } from '../shared/category-values';

export interface SankeyNodeSpec {
  name: string;
  color?: string;
}

export type NodesInput = BoundRows | readonly (string | SankeyNodeSpec)[] | undefined;

export interface GraphNode {
  name: string;
  /** The colour the author gave this node, if any. */
  color?: string;
}

export interface GraphLink {
  source: number;
  target: number;
  value: number;
}

export interface Flow {
  source: string;
  target: string;
}

export interface SankeyGraph {
  nodes: GraphNode[];
  links: GraphLink[];
  /** Rows whose value was null or not a number. */
  skipped: number;
  /** Rows with a zero or negative value. */
  nonPositive: number;
  selfLoops: Flow[];
  /** Links left out because, with heavier links kept, they would close a cycle. */
  cycles: Flow[];
  /** Links left out past the cap, smallest first. */
  capped: number;
}

/** More links than this make the layout slow and unreadable: the smallest go. */
export const MAX_LINKS = 500;

export interface SankeyFields {
  sourceField: string;
  targetField: string;
  valueField: string;
  nodeField: string;
  colorField?: string;
}

function isBoundRows(value: NodesInput): value is BoundRows {
  return !!value && !Array.isArray(value) && typeof value === 'object' && Array.isArray((value as BoundRows).rows);
}

function listedNodes(nodes: NodesInput, fields: SankeyFields): GraphNode[] {
  if (!nodes) return [];
  const out: GraphNode[] = [];
  if (isBoundRows(nodes)) {
    for (const row of nodes.rows) {
      const color = fields.colorField ? row[fields.colorField] : undefined;
      out.push({ name: categoryLabel(row[fields.nodeField]), ...(typeof color === 'string' && color ? { color } : {}) });
    }
  } else {
    for (const item of nodes) out.push(typeof item === 'string' ? { name: item } : { name: item.name, ...(item.color ? { color: item.color } : {}) });
  }
  return out;
}

export function buildSankey(linkRows: readonly Row[], nodes: NodesInput, fields: SankeyFields): SankeyGraph {
  let skipped = 0;
  let nonPositive = 0;
  const selfLoops: Flow[] = [];
  // source -> target -> total, in first-seen order.
  const totals = new Map<string, Map<string, number>>();
  const appearance: string[] = [];
  const seen = new Set<string>();
  const note = (name: string) => {
    if (!seen.has(name)) {
      seen.add(name);
      appearance.push(name);
    }
  };
  for (const row of linkRows) {
    const value = toNumber(row[fields.valueField]);
    if (value === undefined) {
      skipped++;
      continue;
    }
    if (value <= 0) {
      nonPositive++;
      continue;
    }
    const source = categoryLabel(row[fields.sourceField]);
    const target = categoryLabel(row[fields.targetField]);
    if (source === target) {
      if (!selfLoops.some((f) => f.source === source)) selfLoops.push({ source, target });
      continue;
    }
    note(source);
    note(target);
    let out = totals.get(source);
    if (!out) totals.set(source, (out = new Map()));
    out.set(target, (out.get(target) ?? 0) + value);
  }

  const candidates = [...totals].flatMap(([source, out]) => [...out].map(([target, value]) => ({ source, target, value })));
  // Heaviest first: when a cycle must be broken, its lightest link goes.
  candidates.sort((a, b) => b.value - a.value);
  const capped = Math.max(0, candidates.length - MAX_LINKS);
  const kept: typeof candidates = [];
  const cycles: Flow[] = [];
  const adjacency = new Map<string, string[]>();
  const reaches = (from: string, to: string): boolean => {
    const stack = [from];
    const visited = new Set<string>();
    while (stack.length > 0) {
      const at = stack.pop()!;
      if (at === to) return true;
      if (visited.has(at)) continue;
      visited.add(at);
      for (const next of adjacency.get(at) ?? []) stack.push(next);
    }
    return false;
  };
  for (const link of candidates.slice(0, MAX_LINKS)) {
    if (reaches(link.target, link.source)) {
      cycles.push({ source: link.source, target: link.target });
      continue;
    }
    kept.push(link);
    const out = adjacency.get(link.source);
    if (out) out.push(link.target);
    else adjacency.set(link.source, [link.target]);
  }

  const used = new Set(kept.flatMap((l) => [l.source, l.target]));
  const ordered: GraphNode[] = [];
  const index = new Map<string, number>();
  const add = (node: GraphNode) => {
    if (!used.has(node.name) || index.has(node.name)) return;
    index.set(node.name, ordered.length);
    ordered.push(node);
  };
  for (const node of listedNodes(nodes, fields)) add(node);
  for (const name of appearance) add({ name });

  // Links back in the rows' order, so equal layouts come out the same.
  const order = new Map(appearance.map((name, i) => [name, i]));
  kept.sort((a, b) => order.get(a.source)! - order.get(b.source)! || order.get(a.target)! - order.get(b.target)!);
  return {
    nodes: ordered,
    links: kept.map((l) => ({ source: index.get(l.source)!, target: index.get(l.target)!, value: l.value })),
    skipped,
    nonPositive,
    selfLoops,
    cycles,
    capped,
  };
}
