/**
 * What a control's input writes into the page's JSON: the prop's new value
 * (or its removal, when the control is cleared), as jsonc-parser edits at the
 * prop's place, so the rest of the text stays byte for byte as the author
 * left it. Pure: the editor applies the edits as one undo step.
 */
import { findNodeAtLocation, getNodeValue, modify, parseTree, type Edit } from 'jsonc-parser';
import { escapePointerSegment, isObject, readNode, type JsonObject } from '../../../lib/spec/document';
import { parsePointer } from '../../../lib/spec/json-text';
import type { PropControl } from './prop-controls';

export type { Edit };

const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };

export interface NodeAtPointer {
  type: string | undefined;
  /** Its props as the renderer reads them: inline ones (the guide's shape) and `props` merged. */
  props: Record<string, unknown>;
  /** Where each present prop is written, and where a new one goes (inline beside `type` in the inline shape, else under `props`). */
  pointerOf(prop: string): string;
}

/** The component node a document pointer names, or undefined when the text has none there. */
export function nodeAtPointer(text: string, pointer: string): NodeAtPointer | undefined {
  const tree = parseTree(text);
  const node = tree && findNodeAtLocation(tree, parsePointer(pointer));
  if (node?.type !== 'object') return undefined;
  const value = getNodeValue(node) as JsonObject;
  const view = readNode(value, pointer);
  const at = new Map(view.props.map((p) => [p.name, p.pointer]));
  const inlineShape = view.inline && !isObject(value.props);
  return {
    type: typeof value.type === 'string' ? value.type : undefined,
    props: Object.fromEntries(view.props.map((p) => [p.name, p.value])),
    pointerOf: (prop) => at.get(prop) ?? `${pointer}${inlineShape ? '' : '/props'}/${escapePointerSegment(prop)}`,
  };
}

export type ParsedInput = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * The prop's new value for what the control now holds; `undefined` removes
 * the prop. `props` are the node's current props (a `$value`'s query and
 * column are written together).
 */
export function propValueFromInput(control: PropControl, raw: string, props: Record<string, unknown>): ParsedInput {
  const current = props[control.prop];
  if (control.index !== undefined) {
    // One slot of an array (a series colour): cleared, the slot goes; the last one gone, the prop goes.
    const list = Array.isArray(current) ? [...(current as unknown[])] : [];
    if (raw === '') list.splice(control.index, 1);
    else list[Math.min(control.index, list.length)] = raw;
    return { ok: true, value: list.length ? list : undefined };
  }
  // A select whose options stand for values (where a `$value` comes from): it writes the value its choice names.
  if (control.choices) return { ok: true, value: control.choices[raw] };
  const binding = isObject(current) && isObject(current.$value) ? current.$value : undefined;
  if (control.id !== control.prop) {
    // The column of a `$value` binding.
    return { ok: true, value: { $value: { ...(binding ?? {}), field: raw } } };
  }
  if (raw === '') return { ok: true, value: undefined };
  switch (control.kind) {
    case 'number': {
      const n = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(n)) return { ok: false, message: `"${raw}" is not a number` };
      if (control.integer && !Number.isInteger(n)) return { ok: false, message: `${control.label} takes a whole number` };
      return { ok: true, value: n };
    }
    case 'boolean':
      return { ok: true, value: raw === 'true' };
    case 'json':
      try {
        return { ok: true, value: JSON.parse(raw) as unknown };
      } catch {
        return { ok: false, message: 'Not valid JSON' };
      }
    case 'select':
      if (control.source === 'query') return { ok: true, value: binding ? { $value: { ...binding, query: raw } } : { $query: raw } };
      return { ok: true, value: raw };
    case 'text':
      return { ok: true, value: control.acceptsNumber && /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : raw };
  }
}

/**
 * The edits that set (or, for `undefined`, remove) a prop of the node at
 * `nodePointer`, where that node keeps it: under `props`, or beside `type`
 * in the guide's inline shape.
 */
export function propEdits(text: string, nodePointer: string, prop: string, value: unknown): Edit[] {
  const node = nodeAtPointer(text, nodePointer);
  const target = node ? node.pointerOf(prop) : `${nodePointer}/props/${prop}`;
  // A removal deletes the property's own text; formatting it would re-indent its neighbours.
  return modify(text, parsePointer(target), value, value === undefined ? {} : FORMAT);
}
