/**
 * Changes to the page's tree as edits of its JSON text: insert a node as a
 * child or after a sibling, move a node (among its siblings, into a layout
 * node, out of one), delete it. Each change is one edit spanning only what
 * changed (jsonc-parser does the JSON; the rest of the text stays byte for
 * byte). Pure.
 */
import { applyEdits, findNodeAtLocation, getNodeValue, modify, parseTree, type Edit } from 'jsonc-parser';
import { parsePointer } from '../../../lib/spec/json-text';
import { parentOf } from './page-tree';

export { parentOf };

const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };

export interface TreeChange {
  edits: Edit[];
  /** Where the inserted or moved node is now. */
  pointer: string;
}

/** One edit turning `before` into `after`: the span between their common start and end. */
export function spanEdit(before: string, after: string): Edit[] {
  if (before === after) return [];
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return [{ offset: start, length: before.length - start - end, content: after.slice(start, after.length - end) }];
}

function valueAt(text: string, pointer: string): unknown {
  const tree = parseTree(text);
  const node = tree && findNodeAtLocation(tree, parsePointer(pointer));
  return node ? getNodeValue(node) : undefined;
}

function childCount(text: string, parentPointer: string): number | undefined {
  const children = valueAt(text, `${parentPointer}/children`);
  return Array.isArray(children) ? children.length : undefined;
}

/** Inserts `node` as child `index` of the node at `parentPointer` (creating its `children`), or last when index is past the end. */
export function insertChild(text: string, parentPointer: string, index: number, node: unknown): TreeChange | undefined {
  if (valueAt(text, parentPointer) === undefined) return undefined;
  const count = childCount(text, parentPointer);
  const at = Math.max(0, Math.min(index, count ?? 0));
  const edits =
    count === undefined
      ? modify(text, [...parsePointer(parentPointer), 'children'], [node], FORMAT)
      : modify(text, [...parsePointer(parentPointer), 'children', at], node, { ...FORMAT, isArrayInsertion: true });
  return { edits: spanEdit(text, applyEdits(text, edits)), pointer: `${parentPointer}/children/${at}` };
}

/**
 * The text without the array element at `pointer`: from the end of the
 * element before it (or, for the first, up to the one after it), so the
 * separators and indentation around it stay as they were.
 */
function withoutElement(text: string, pointer: string): string | undefined {
  const at = parentOf(pointer);
  const tree = at && parseTree(text);
  const list = tree && findNodeAtLocation(tree, [...parsePointer(at.parent), 'children']);
  const items = list?.type === 'array' ? (list.children ?? []) : [];
  const item = at && items[at.index];
  if (!at || !list || !item) return undefined;
  const end = (n: { offset: number; length: number }) => n.offset + n.length;
  const [from, to] =
    items.length === 1 ? [list.offset + 1, end(list) - 1] : at.index > 0 ? [end(items[at.index - 1]!), end(item)] : [item.offset, items[1]!.offset];
  return text.slice(0, from) + text.slice(to);
}

/** Removes the node at `pointer` (not the root). */
export function deleteNode(text: string, pointer: string): Edit[] {
  const without = withoutElement(text, pointer);
  return without === undefined ? [] : spanEdit(text, without);
}

/** A pointer as it reads once the node at `removed` is gone from its array. */
function afterRemoval(pointer: string, removed: string): string {
  const gone = parentOf(removed)!;
  const prefix = `${gone.parent}/children/`;
  if (!pointer.startsWith(prefix)) return pointer;
  const rest = pointer.slice(prefix.length);
  const match = /^(\d+)(.*)$/.exec(rest);
  if (!match) return pointer;
  const index = Number(match[1]);
  return index > gone.index ? `${prefix}${index - 1}${match[2]}` : pointer;
}

/**
 * Moves the node at `from` to be child `index` of `toParent` (indexes as they
 * read after the node left its place). Undefined for a move into itself or
 * its own subtree, or from the root.
 */
export function moveNode(text: string, from: string, toParent: string, index: number): TreeChange | undefined {
  if (!parentOf(from) || toParent === from || toParent.startsWith(`${from}/`)) return undefined;
  const node = valueAt(text, from);
  if (node === undefined) return undefined;
  const without = withoutElement(text, from);
  if (without === undefined) return undefined;
  const parent = afterRemoval(toParent, from);
  const inserted = insertChild(without, parent, index, node);
  if (!inserted) return undefined;
  return { edits: spanEdit(text, applyEdits(without, inserted.edits)), pointer: inserted.pointer };
}

/** Moves a node `delta` places among its siblings; undefined at either end. */
export function moveAmongSiblings(text: string, pointer: string, delta: number): TreeChange | undefined {
  const at = parentOf(pointer);
  const count = at && childCount(text, at.parent);
  if (!at || count === undefined) return undefined;
  const to = at.index + delta;
  if (to < 0 || to >= count) return undefined;
  return moveNode(text, pointer, at.parent, to);
}

/** Moves a node into its previous sibling, as its last child, when `canHoldChildren` says that sibling takes children. */
export function moveIntoPrevious(text: string, pointer: string, canHoldChildren: (pointer: string) => boolean): TreeChange | undefined {
  const at = parentOf(pointer);
  if (!at || at.index === 0) return undefined;
  const sibling = `${at.parent}/children/${at.index - 1}`;
  if (!canHoldChildren(sibling)) return undefined;
  return moveNode(text, pointer, sibling, childCount(text, sibling) ?? 0);
}

/** Moves a node out of its parent, to just after it; undefined when its parent is the root. */
export function moveOut(text: string, pointer: string): TreeChange | undefined {
  const at = parentOf(pointer);
  const up = at && parentOf(at.parent);
  if (!at || !up) return undefined;
  return moveNode(text, pointer, up.parent, up.index + 1);
}

/** The node at `from` dropped on the row of `target`: inside it, last, when it takes children; else just before it. */
export function dropOn(text: string, from: string, target: string, takesChildren: (pointer: string) => boolean): TreeChange | undefined {
  if (from === target) return undefined;
  if (takesChildren(target)) return moveNode(text, from, target, Number.MAX_SAFE_INTEGER);
  const at = parentOf(target);
  const origin = parentOf(from);
  if (!at || !origin) return undefined;
  // Before the target, counted once the dragged node has left its place.
  const index = origin.parent === at.parent && origin.index < at.index ? at.index - 1 : at.index;
  return moveNode(text, from, at.parent, index);
}
