/**
 * The page's component tree as the Outline shows it, read from the editor's
 * text with positions (jsonc-parser): each node's document pointer, type and
 * title, and its children. Pure.
 */
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { parsePointer, propertyValue } from '../../../lib/spec/json-text';
import { documentPointerOfNode, toPointer } from '../spec-pointers';

export interface OutlineNode {
  /** The node's document pointer (`/spec/root/children/1`). */
  pointer: string;
  type: string;
  /** The first of its `title`, `text`, `label` or `name` props that is a string, in `props` or beside `type`. */
  title?: string;
  /** The node has a `children` array (a layout node). */
  hasChildren: boolean;
  children: OutlineNode[];
}

const TITLE_PROPS = ['title', 'text', 'label', 'name'];

function read(node: Node, path: (string | number)[], depth: number): OutlineNode | undefined {
  if (node.type !== 'object' || depth > 64) return undefined;
  const type = propertyValue(node, 'type');
  const props = propertyValue(node, 'props');
  // A prop in `props` wins over one beside `type` (the guide's inline shape), as readNode reads them.
  const titleNode = TITLE_PROPS.map((key) => propertyValue(props, key) ?? propertyValue(node, key)).find((n) => n?.type === 'string');
  const list = propertyValue(node, 'children');
  const children: OutlineNode[] = [];
  list?.children?.forEach((child, index) => {
    const read_ = read(child, [...path, 'children', index], depth + 1);
    if (read_) children.push(read_);
  });
  return {
    pointer: toPointer(path),
    type: type?.type === 'string' ? String(type.value) : '(no type)',
    ...(titleNode ? { title: String(titleNode.value) } : {}),
    hasChildren: list?.type === 'array',
    children,
  };
}

/** The root node and everything under it; undefined when the text has no tree to show. */
export function outlineOf(text: string): OutlineNode | undefined {
  let tree: Node | undefined;
  try {
    tree = parseTree(text);
  } catch {
    return undefined;
  }
  if (!tree) return undefined;
  const rootPointer = documentPointerOfNode(text, '/root');
  const path = parsePointer(rootPointer);
  const root = path.length ? findNodeAtLocation(tree, path) : tree;
  return root ? read(root, path, 0) : undefined;
}

/** Every node, depth first, as the Outline lists its rows. */
export function flatten(root: OutlineNode | undefined, depth = 1): { node: OutlineNode; depth: number; parent?: OutlineNode; index: number }[] {
  if (!root) return [];
  const out: { node: OutlineNode; depth: number; parent?: OutlineNode; index: number }[] = [{ node: root, depth, index: 0 }];
  const walk = (parent: OutlineNode, d: number) => {
    parent.children.forEach((child, index) => {
      out.push({ node: child, depth: d, parent, index });
      walk(child, d + 1);
    });
  };
  walk(root, depth + 1);
  return out;
}

/** `/a/children/3` → parent `/a`, index 3; undefined for the root. */
export function parentOf(pointer: string): { parent: string; index: number } | undefined {
  const match = /^(.*)\/children\/(\d+)$/.exec(pointer);
  return match ? { parent: match[1]!, index: Number(match[2]) } : undefined;
}
