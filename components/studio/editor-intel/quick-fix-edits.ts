/**
 * Quick fixes as text edits, pure (no Monaco): the diagnostic's own
 * `suggestion` applied where it points; a missing declared query stubbed from
 * the binding that names it; a node in the guide's inline-props shape moved to
 * the canonical `{type, props, children}`.
 */
import { getNodeValue, modify, type Node } from 'jsonc-parser';
import type { Diagnostic } from '../../../lib/spec/diagnostics';
import { isObject, NODE_KEYS } from '../../../lib/spec/document';
import { nodeAtPointer, propertyValue } from '../../../lib/spec/json-text';
import { formatDocument } from '../../../lib/spec/normalise';
import { componentProp, inlineNodeAt, parseDocument, readFacts, type ColumnsOf, type PageFacts } from './json-location';
import type { TextEdit } from './rename-edits';

export interface QuickFix {
  title: string;
  edits: TextEdit[];
  /** The one fix Monaco may apply on its own (the diagnostic's certain suggestion). */
  preferred?: boolean;
}

/** 1-based line and column (UTF-16 units) to an offset. */
export function offsetAt(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(text.length, offset + column - 1);
}

/** Every fix the diagnostic supports, most certain first. */
export function quickFixesFor(text: string, diagnostic: Diagnostic, columnsOf: ColumnsOf, facts: PageFacts = readFacts(text)): QuickFix[] {
  const fixes: QuickFix[] = [];
  const suggestion = suggestionFix(text, diagnostic, facts.tree);
  if (suggestion) fixes.push(suggestion);
  if (diagnostic.code === 'unbound-query') {
    const stub = declareQueryFix(text, diagnostic, columnsOf, facts);
    if (stub) fixes.push(stub);
  }
  return fixes;
}

/** `did you mean "X"?`: replace the string the diagnostic underlines (a value, or a key for an unknown prop) with X. */
function suggestionFix(text: string, d: Diagnostic, tree: Node | undefined): QuickFix | undefined {
  if (d.suggestion === undefined || !tree || d.line === undefined || d.column === undefined) return undefined;
  const start = offsetAt(text, d.line, d.column);
  const key = nodeAtPointer(tree, d.pointer, true);
  const value = nodeAtPointer(tree, d.pointer);
  // The diagnostic's position says which of the two it is about.
  const target = key && key !== value && key.offset === start ? key : value?.offset === start ? value : undefined;
  if (target?.type !== 'string' || target.value === d.suggestion) return undefined;
  return { title: `Change to "${d.suggestion}"`, edits: [{ offset: target.offset, length: target.length, text: JSON.stringify(d.suggestion) }], preferred: true };
}

const SIMPLE_IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function ident(name: string): string {
  return SIMPLE_IDENTIFIER.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/**
 * SQL that gives the binding something to show at once over the demo table:
 * the columns its component already names (the first a category, the rest
 * counts), or the `$value` field as one count.
 */
export function stubSql(kind: 'rows' | 'value', columns: readonly string[], field?: string): string {
  if (kind === 'value') return `SELECT COUNT(*) AS ${ident(field ?? 'value')} FROM interactions`;
  const [category, ...measures] = columns;
  const head = category === undefined || category === 'channel' ? 'channel' : `channel AS ${ident(category)}`;
  const counts = (measures.length ? measures : ['events']).map((m) => `COUNT(*) AS ${ident(m)}`).join(', ');
  return `SELECT ${head}, ${counts} FROM interactions GROUP BY 1 ORDER BY 2 DESC`;
}

/** The columns a component names from the rows bound to `source`, in the order of its columnsOf. */
function columnsNamedFrom(component: Node, columnsOf: Readonly<Record<string, string>> | undefined, source: string): string[] {
  const out: string[] = [];
  const add = (v: unknown) => {
    if (typeof v === 'string' && v !== '' && !out.includes(v)) out.push(v);
  };
  for (const [path, from] of Object.entries(columnsOf ?? {})) {
    if (from !== source) continue;
    const [name, key] = path.split('[].');
    const node = componentProp(component, name!);
    const value = node ? getNodeValue(node) : undefined;
    if (key === undefined) (Array.isArray(value) ? value : [value]).forEach(add);
    else if (Array.isArray(value)) value.forEach((item) => isObject(item) && add(item[key]));
  }
  return out;
}

function declareQueryFix(text: string, d: Diagnostic, columnsOf: ColumnsOf, facts: PageFacts): QuickFix | undefined {
  if (!facts.tree || !facts.isPage) return undefined;
  const node = nodeAtPointer(facts.tree, d.pointer);
  const binding = node && facts.bindings.find((b) => b.span.offset === node.offset);
  if (!binding || facts.queries.some((q) => q.name === binding.query)) return undefined;
  const existing = propertyValue(facts.tree, 'declared_queries');
  if (existing && existing.type !== 'array') return undefined;
  const columns = binding.component && binding.kind === 'rows' ? columnsNamedFrom(binding.component.node, columnsOf(binding.component.type), binding.component.prop) : [];
  const stub = { name: binding.query, source: 'sql', sql: stubSql(binding.kind, columns, binding.field) };
  const formattingOptions = { insertSpaces: true, tabSize: 2, eol: '\n' };
  const edits = existing
    ? modify(text, ['declared_queries', -1], stub, { formattingOptions, isArrayInsertion: true })
    : modify(text, ['declared_queries'], [stub], { formattingOptions });
  return { title: `Declare the query "${binding.query}" (a stub to edit)`, edits: edits.map((e) => ({ offset: e.offset, length: e.length, text: e.content })) };
}

function indentOfLine(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/** Fixes at the cursor that no diagnostic reports: the guide's inline props moved under `props`. */
export function shapeFixesAt(text: string, offset: number, tree: Node | undefined = parseDocument(text)): QuickFix[] {
  const node = tree && inlineNodeAt(tree, offset);
  if (!tree || !node) return [];
  const value = getNodeValue(node) as Record<string, unknown>;
  const canonical: Record<string, unknown> = { type: value.type };
  if (value.id !== undefined) canonical.id = value.id;
  const props: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!NODE_KEYS.has(k)) props[k] = v;
  // A prop under `props` wins over the same one inline, as the validator reads it.
  if (isObject(value.props)) Object.assign(props, value.props);
  canonical.props = props;
  if (value.children !== undefined) canonical.children = value.children;
  const indent = indentOfLine(text, node.offset);
  const fixes: QuickFix[] = [
    { title: `Move ${String(value.type)}'s props under "props"`, edits: [{ offset: node.offset, length: node.length, text: JSON.stringify(canonical, null, 2).replace(/\n/g, `\n${indent}`) }] },
  ];
  try {
    const whole = formatDocument(JSON.parse(text));
    fixes.push({ title: 'Convert the whole page to the canonical shape', edits: [{ offset: 0, length: text.length, text: whole }] });
  } catch {
    // Not valid JSON yet: only the node's own fix.
  }
  return fixes;
}
