/**
 * The full rows of one node's query, as the page that drew it sees them: the
 * same identity, slice and params, through the same render path (so a fresh
 * result comes from the query cache). What Show data and Download CSV fetch
 * once a chart drew a reduction of its rows.
 */
import type { Catalog } from '../spec/define';
import { bindingQueryName } from '../spec/document';
import type { Page, SpecNode } from '../spec/page-model';
import type { BoundRows } from '../spec/resolved';
import type { QueryOutcome } from '../render/run-queries';

export type NodeRows =
  | { ok: true; data: BoundRows; title: string }
  | { ok: false; status: number; reason: string };

/** The node at a renderer pointer (`/root`, `/root/children/2/children/0`), or undefined. */
export function nodeAt(root: SpecNode, pointer: string): SpecNode | undefined {
  const parts = pointer.split('/');
  if (parts[0] !== '' || parts[1] !== 'root') return undefined;
  let node: SpecNode | undefined = root;
  for (let i = 2; i < parts.length; i += 2) {
    const index = parts[i + 1];
    if (parts[i] !== 'children' || index === undefined || !/^(0|[1-9]\d{0,4})$/.test(index)) return undefined;
    node = node?.children?.[Number(index)];
  }
  return node;
}

/** The prop holding the rows a node draws: its drawing rule's, else its first rows binding. */
function rowsProp(catalog: Catalog, node: SpecNode): string | undefined {
  const def = catalog.get(node.type);
  if (!def) return undefined;
  return def.drawing?.rows ?? Object.entries(def.bindings).find(([, kind]) => kind === 'rows')?.[0];
}

/**
 * `run` starts the render of a page (the host's own, with the caller's
 * identity, slice and params); only the node's own queries run, since the
 * page handed to it holds that node alone.
 */
export async function nodeRows(
  catalog: Catalog,
  page: Page,
  pointer: string,
  run: (page: Page) => Record<string, Promise<QueryOutcome>>,
): Promise<NodeRows> {
  const node = nodeAt(page.spec.root, pointer);
  if (!node) return { ok: false, status: 404, reason: `no node at ${pointer}` };
  const prop = rowsProp(catalog, node);
  const name = prop ? bindingQueryName(node.props[prop]) : undefined;
  if (!prop || !name) return { ok: false, status: 404, reason: `${node.type} at ${pointer} binds no rows` };
  const outcome = await run({ ...page, spec: { ...page.spec, root: { type: node.type, props: node.props } } })[name];
  if (!outcome) return { ok: false, status: 404, reason: `"${name}" did not run` };
  if (!outcome.ok) return { ok: false, status: outcome.error.code === 'slice_not_enforced' ? 403 : 502, reason: `${outcome.error.code}: ${outcome.error.message}` };
  const title = typeof node.props.title === 'string' && node.props.title ? node.props.title : name;
  return { ok: true, data: outcome.result, title };
}
