/**
 * Between the studio's two views of one page: a JSON pointer into the
 * editor's document (`/spec/root/children/0/props/title`) and the pointer the
 * renderer gives each node (`/root/children/0`, relative to the spec). Offsets
 * come from parsing with positions (jsonc-parser), never from searching.
 */
import { getLocation, parseTree, type Node } from 'jsonc-parser';
import { nodeAtPointer } from '../../lib/spec/json-text';

const escape = (segment: string | number) => String(segment).replace(/~/g, '~0').replace(/\//g, '~1');

export function toPointer(path: readonly (string | number)[]): string {
  return path.map((s) => `/${escape(s)}`).join('');
}

/** The document pointer of the value the offset is in (or the property being written). */
export function pointerAtOffset(text: string, offset: number): string {
  return toPointer(getLocation(text, offset).path);
}

function propertyValue(node: Node | undefined, key: string): Node | undefined {
  if (node?.type !== 'object') return undefined;
  let found: Node | undefined;
  for (const property of node.children ?? []) if (property.children?.[0]?.value === key) found = property.children[1];
  return found;
}

/**
 * Where the renderer's root node sits in the document: a page keeps its spec
 * under `spec`; a spec has `root`; the guide's bare node is the root itself.
 */
function rootPath(tree: Node | undefined): (string | number)[] {
  const spec = propertyValue(tree, 'spec');
  const base: string[] = spec ? ['spec'] : [];
  return propertyValue(spec ?? tree, 'root') ? [...base, 'root'] : base;
}

function parsePath(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The renderer pointer of the node that holds a document pointer, or undefined when it is outside the tree. */
export function nodePointerFor(text: string, documentPointer: string): string | undefined {
  const root = rootPath(parseTree(text)).map(String);
  const path = parsePath(documentPointer);
  if (!root.every((segment, i) => path[i] === segment)) return undefined;
  const rest = path.slice(root.length);
  let nodePath = '/root';
  for (let i = 0; i + 1 < rest.length && rest[i] === 'children' && /^\d+$/.test(rest[i + 1]!); i += 2) nodePath += `/children/${rest[i + 1]}`;
  return nodePath;
}

/** The document pointer of a renderer node. */
export function documentPointerOfNode(text: string, nodePointer: string): string {
  return toPointer(rootPath(parseTree(text))) + nodePointer.replace(/^\/root/, '');
}

/** The value a pointer names, as an offset and length; undefined when the text does not reach it. */
export function rangeOfPointer(text: string, pointer: string): { offset: number; length: number } | undefined {
  const tree = parseTree(text);
  const node = nodeAtPointer(tree, pointer);
  // nodeAtPointer falls back to the nearest parent: only an exact match is that pointer's value.
  if (!node || toPointer(pathOf(node)) !== pointer) return undefined;
  return { offset: node.offset, length: node.length };
}

function pathOf(node: Node): (string | number)[] {
  const path: (string | number)[] = [];
  let current: Node | undefined = node;
  while (current?.parent) {
    const parent: Node = current.parent;
    if (parent.type === 'property') {
      path.unshift(String(parent.children![0]!.value));
      current = parent.parent;
    } else {
      path.unshift(parent.children!.indexOf(current));
      current = parent;
    }
  }
  return path;
}
