/**
 * What the Components palette inserts: the component's first example, cut to
 * its shape (its required props, when it has any, else the example's props),
 * bound to the page's first declared query and to that query's columns where
 * the studio holds its results; and where: as the last child of the selected
 * layout node, else just after the selected node, else last in the root. Pure.
 */
import { classifyColumnType } from '../../../lib/spec/column-types';
import type { ExampleNode } from '../../../lib/spec/define';
import { isObject } from '../../../lib/spec/document';
import type { PaletteEntry } from '../../../lib/spec/palette';
import type { ResultColumn } from '../../../lib/spec/resolved';
import { insertChild, parentOf, type TreeChange } from '../outline/tree-edits';

export interface BindContext {
  /** The page's declared query names, in order. */
  queries: readonly string[];
  columnsOf(query: string): readonly ResultColumn[] | undefined;
}

function columnPicker(columns: readonly ResultColumn[] | undefined) {
  if (!columns?.length) return undefined;
  const numeric = columns.filter((c) => classifyColumnType(c.type) === 'numeric');
  const other = columns.filter((c) => classifyColumnType(c.type) !== 'numeric');
  return (wantsNumber: boolean) => (wantsNumber ? (numeric[0] ?? columns[0]!) : (other[0] ?? columns[0]!)).name;
}

/** The example node of `entry` (and its children's), cut to its shape and bound to the page's data. */
export function nodeToInsert(entry: PaletteEntry, entries: ReadonlyMap<string, PaletteEntry>, ctx: BindContext): ExampleNode {
  const query = ctx.queries[0];
  const pick = query ? columnPicker(ctx.columnsOf(query)) : undefined;
  const bind = (example: ExampleNode, depth: number): ExampleNode => {
    const def = entries.get(example.type);
    const props: Record<string, unknown> = {};
    for (const [prop, value] of Object.entries(example.props ?? {})) {
      // Cut to the required props, when there are any: the example's other literals describe its own data.
      if (def && def.requiredProps.length > 0 && !def.requiredProps.includes(prop)) continue;
      if (isObject(value) && typeof value.$query === 'string' && query) props[prop] = { $query: query };
      else if (isObject(value) && isObject(value.$value) && query) {
        props[prop] = { $value: { query, field: pick ? pick(true) : value.$value.field } };
      } else props[prop] = structuredClone(value);
    }
    for (const [prop, source] of Object.entries(def?.columnsOf ?? {})) {
      if (!pick || !(prop in props) || !isObject(props[source])) continue;
      const numeric = def!.numericProps.includes(prop);
      props[prop] = Array.isArray(props[prop]) ? [pick(numeric)] : pick(numeric);
    }
    const node: ExampleNode = { type: example.type, props };
    if (example.children && depth < 8) node.children = example.children.map((child) => bind(child, depth + 1));
    return node;
  };
  return bind(entry.example, 0);
}

/**
 * Where an inserted node goes, as a tree change: into the selected node when
 * it takes children, else after it, else last in the root.
 */
export function insertNear(text: string, node: ExampleNode, selected: string | undefined, selectedTakesChildren: boolean, rootPointer: string): TreeChange | undefined {
  if (selected !== undefined && selectedTakesChildren) return insertChild(text, selected, Number.MAX_SAFE_INTEGER, node);
  const at = selected === undefined ? undefined : parentOf(selected);
  if (at) return insertChild(text, at.parent, at.index + 1, node);
  return insertChild(text, rootPointer, Number.MAX_SAFE_INTEGER, node);
}
