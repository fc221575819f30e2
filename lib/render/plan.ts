/**
 * The plan of a render: which declared queries the tree binds (only those run),
 * each once, and the same SQL with the same params once even under two names.
 */
import type { Catalog } from '../spec/define';
import { bindingQueryName } from '../spec/document';
import type { DeclaredQuery, Page, SpecNode } from '../spec/page-model';

export interface PlannedQuery {
  /** Identifies one execution: the source, its text and params. */
  key: string;
  query: DeclaredQuery;
  /** Every declared name that resolves to this execution. */
  names: string[];
}

export interface RenderPlan {
  queries: PlannedQuery[];
  /** Bound names that no declared query provides (validation reports them too). */
  unbound: string[];
}

/** The queries one node's own props bind (not its children's): what that node waits for when the page streams. */
export function ownQueryNames(node: SpecNode): string[] {
  const names = new Set<string>();
  for (const value of Object.values(node.props)) {
    const name = bindingQueryName(value);
    if (name) names.add(name);
  }
  return [...names];
}

export function boundQueryNames(root: SpecNode): Set<string> {
  const names = new Set<string>();
  const visit = (node: SpecNode) => {
    for (const name of ownQueryNames(node)) names.add(name);
    node.children?.forEach(visit);
  };
  visit(root);
  return names;
}

export function planPage(page: Page, _catalog?: Catalog, params: Record<string, unknown> = {}): RenderPlan {
  const declared = new Map(page.declared_queries.map((q) => [q.name, q]));
  const byKey = new Map<string, PlannedQuery>();
  const unbound: string[] = [];
  for (const name of boundQueryNames(page.spec.root)) {
    const query = declared.get(name);
    if (!query) {
      unbound.push(name);
      continue;
    }
    const usedParams = Object.keys(query.params ?? {}).sort().map((p) => [p, params[p]]);
    // Declarations matter too: two queries with the same SQL but different defaults are different runs.
    const key = JSON.stringify([query.source, query.sql ?? null, query.query ?? null, query.target ?? null, query.params ?? null, usedParams]);
    const existing = byKey.get(key);
    if (existing) existing.names.push(name);
    else byKey.set(key, { key, query, names: [name] });
  }
  return { queries: [...byKey.values()], unbound };
}
