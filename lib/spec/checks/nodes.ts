/**
 * The tree: every node's type, children and props, the bindings and column
 * names it holds (recorded for the cross-checks and the online checks), and
 * unsafe links.
 */
import type { z } from 'zod';
import { unwrapSchema, type ComponentDefinition } from '../define';
import { bindingQueryName, escapePointerSegment, isObject, readNode, type NodeView } from '../document';
import { findMarkdownLinks } from '../markdown-links';
import { MAX_DEPTH } from '../normalise';
import { suggestOr } from '../suggest';
import { isSafeUrl, looksLikeUnsafeUrl } from '../url-safety';
import { push, type Context } from './context';
import { ajvFindings, validatorFor } from './props-validators';

export function checkNode(ctx: Context, value: unknown, pointer: string, depth = 0): void {
  if (depth > MAX_DEPTH) {
    push(ctx, { code: 'bad-prop', message: `The tree is nested deeper than ${MAX_DEPTH} levels`, pointer, hint: 'flatten it: a page this deep cannot be read or rendered' });
    return;
  }
  if (!isObject(value)) {
    push(ctx, { code: 'bad-prop', message: 'A node must be an object such as {"type": "Section"}', pointer });
    return;
  }
  const view = readNode(value, pointer);
  let def: ComponentDefinition | undefined;
  if (view.type === undefined) {
    push(ctx, { code: 'missing-prop', message: 'This node has no "type"', pointer, hint: 'add "type": one of the catalog components, such as "Section"' });
  } else if (typeof view.type !== 'string') {
    push(ctx, { code: 'bad-prop', message: 'A node\'s "type" must be a string', pointer: `${pointer}/type` });
  } else {
    def = ctx.catalog.get(view.type);
    if (!def) {
      push(ctx, {
        code: 'unknown-component',
        message: `Unknown component "${view.type}"`,
        pointer: `${pointer}/type`,
        ...suggestOr(view.type, ctx.catalog.types, `the catalog has ${ctx.catalog.types.join(', ')}`),
      });
    } else if (def.requiresScope && !ctx.options.allowCustom) {
      push(ctx, { code: 'custom-not-allowed', message: `${def.type} needs the ${def.requiresScope} scope`, pointer: `${pointer}/type`, hint: 'ask a workspace admin, or pass --allow-custom when you hold it' });
    }
  }
  if (value.props !== undefined && !isObject(value.props)) {
    push(ctx, { code: 'bad-prop', message: 'props must be an object', pointer: `${pointer}/props` });
  }
  if (value.id !== undefined && typeof value.id !== 'string') push(ctx, { code: 'bad-prop', message: 'A node id must be a string', pointer: `${pointer}/id` });
  if (def) checkProps(ctx, def, view);
  else {
    // Still check what an unknown component binds, so one typo does not hide another.
    for (const prop of view.props) {
      if (bindingShape(prop.value) === 'rows' || bindingShape(prop.value) === 'value') recordBinding(ctx, undefined, typeof view.type === 'string' ? view.type : 'node', prop.name, prop.value, prop.pointer);
    }
    checkUnsafeStrings(ctx, view, undefined);
  }
  checkChildren(ctx, def, view, depth);
}

function checkChildren(ctx: Context, def: ComponentDefinition | undefined, view: NodeView, depth: number): void {
  const childrenPointer = `${view.pointer}/children`;
  if (view.childrenValue === undefined) {
    if (def?.children?.min) push(ctx, { code: 'missing-prop', message: `${def.type} needs at least ${def.children.min} child node${def.children.min > 1 ? 's' : ''}`, pointer: view.pointer, hint: 'add "children": [ … ]' });
    return;
  }
  if (!view.children) {
    push(ctx, { code: 'bad-prop', message: 'children must be an array of nodes', pointer: childrenPointer });
    return;
  }
  if (def && !def.children && view.children.length > 0) {
    push(ctx, { code: 'bad-prop', message: `${def.type} takes no children`, pointer: childrenPointer, key: true, hint: 'put these nodes in a Section, Row, Grid or Card beside it' });
  } else if (def?.children) {
    const rule = def.children;
    if (rule.min !== undefined && view.children.length < rule.min) push(ctx, { code: 'bad-prop', message: `${def.type} needs at least ${rule.min} child node${rule.min > 1 ? 's' : ''}`, pointer: childrenPointer, key: true });
    if (rule.max !== undefined && view.children.length > rule.max) push(ctx, { code: 'bad-prop', message: `${def.type} takes at most ${rule.max} child node${rule.max > 1 ? 's' : ''}`, pointer: childrenPointer, key: true });
    if (rule.types) {
      view.children.forEach((child) => {
        const type = isObject(child.value) ? child.value.type : undefined;
        if (typeof type === 'string' && ctx.catalog.get(type) && !rule.types!.includes(type)) {
          push(ctx, { code: 'bad-prop', message: `${def.type} takes only ${rule.types!.join(', ')} children, not ${type}`, pointer: `${child.pointer}/type` });
        }
      });
    }
  }
  for (const child of view.children) checkNode(ctx, child.value, child.pointer, depth + 1);
}

type BindingShape = 'rows' | 'value' | 'bad-rows' | 'bad-value' | undefined;

function bindingShape(value: unknown): BindingShape {
  if (!isObject(value)) return undefined;
  if ('$query' in value) return Object.keys(value).length === 1 && typeof value.$query === 'string' && value.$query !== '' ? 'rows' : 'bad-rows';
  if ('$value' in value) {
    const inner = value.$value;
    const ok =
      Object.keys(value).length === 1 &&
      isObject(inner) &&
      typeof inner.query === 'string' &&
      inner.query !== '' &&
      typeof inner.field === 'string' &&
      inner.field !== '' &&
      Object.keys(inner).every((k) => k === 'query' || k === 'field');
    return ok ? 'value' : 'bad-value';
  }
  return undefined;
}

function checkProps(ctx: Context, def: ComponentDefinition, view: NodeView): void {
  const shape = def.props.shape as Record<string, unknown>;
  const plain: Record<string, unknown> = {};
  const pointers = new Map<string, string>();
  const skip = new Set<string>();
  for (const prop of view.props) {
    pointers.set(prop.name, prop.pointer);
    const kind = def.bindings[prop.name];
    const found = bindingShape(prop.value);
    const label = `${def.type}.${prop.name}`;
    if (!Object.hasOwn(shape, prop.name)) {
      // defineProperty: a "__proto__" key is reported as an unknown prop, never taken as the prototype.
      Object.defineProperty(plain, prop.name, { value: prop.value, enumerable: true, writable: true, configurable: true });
      continue;
    }
    if (found) {
      skip.add(prop.name);
      const named = bindingQueryName(prop.value);
      if (named) ctx.named.add(named);
      if (!kind) {
        push(ctx, { code: 'binding-kind', message: `${label} takes a literal value, not a binding`, pointer: prop.pointer, hint: 'bindings go in props that take data, such as data or value' });
      } else if (kind === 'rows' && (found === 'value' || found === 'bad-value')) {
        push(ctx, { code: 'binding-kind', message: `${label} takes rows, {"$query": "<name>"}; {"$value": …} gives one value`, pointer: prop.pointer, hint: `write {"$query": "${bindingQueryName(prop.value) ?? 'query_name'}"}` });
      } else if (kind === 'value' && (found === 'rows' || found === 'bad-rows')) {
        const q = isObject(prop.value) && typeof prop.value.$query === 'string' ? prop.value.$query : 'query_name';
        push(ctx, { code: 'binding-kind', message: `${label} takes one value, {"$value": {"query", "field"}}; {"$query": …} gives rows`, pointer: prop.pointer, hint: `write {"$value": {"query": "${q}", "field": "<column>"}}` });
      } else if (found === 'bad-rows') {
        push(ctx, { code: 'bad-prop', message: `${label}: a rows binding is exactly {"$query": "<query name>"}`, pointer: prop.pointer });
      } else if (found === 'bad-value') {
        push(ctx, { code: 'bad-prop', message: `${label}: a value binding is exactly {"$value": {"query": "<query name>", "field": "<column>"}}`, pointer: prop.pointer });
      } else {
        recordBinding(ctx, def, def.type, prop.name, prop.value, prop.pointer);
      }
      continue;
    }
    if (kind === 'rows' && !acceptsLiteral(shape[prop.name] as z.ZodType)) {
      skip.add(prop.name);
      push(ctx, { code: 'bad-prop', message: `${label} takes the rows of a declared query: {"$query": "<name>"}`, pointer: prop.pointer, hint: 'declare the query in declared_queries and bind it by name' });
      continue;
    }
    plain[prop.name] = prop.value;
  }
  const validate = validatorFor(ctx.catalog, def);
  if (!validate(plain)) {
    for (const finding of ajvFindings(def, validate.errors ?? [], view, pointers, skip)) push(ctx, finding);
  }
  recordColumns(ctx, def, view, plain);
  checkUnsafeStrings(ctx, view, def);
}

/** A rows prop declared as a union (rows or a literal list, such as Sankey's nodes) also takes the literal. */
function acceptsLiteral(schema: z.ZodType): boolean {
  return (unwrapSchema(schema) as unknown as { _zod: { def: { type: string } } })._zod.def.type === 'union';
}

function recordBinding(ctx: Context, def: ComponentDefinition | undefined, component: string, prop: string, value: unknown, pointer: string): void {
  const v = value as { $query?: string; $value?: { query: string; field: string } };
  const numeric = def?.numericProps.includes(prop) ?? false;
  if (v.$query !== undefined) ctx.bindings.push({ query: v.$query, pointer: `${pointer}/$query`, component, prop, numeric: false });
  else if (v.$value) ctx.bindings.push({ query: v.$value.query, pointer: `${pointer}/$value/query`, field: v.$value.field, fieldPointer: `${pointer}/$value/field`, component, prop, numeric });
}

/** Props named in `columnsOf` that name columns of a bound query, for the column check. */
function recordColumns(ctx: Context, def: ComponentDefinition, view: NodeView, plain: Record<string, unknown>): void {
  if (!def.columnsOf) return;
  const byName = new Map(view.props.map((p) => [p.name, p]));
  for (const [path, source] of Object.entries(def.columnsOf)) {
    const bound = byName.get(source)?.value;
    if (bindingShape(bound) !== 'rows') continue;
    const query = (bound as { $query: string }).$query;
    const [propName, rest] = path.split('[].');
    const prop = byName.get(propName!);
    if (!prop || !(propName! in plain)) continue;
    const numeric = rest === undefined && def.numericProps.includes(propName!);
    const add = (column: unknown, pointer: string) => {
      if (typeof column === 'string') ctx.columns.push({ query, column, pointer, component: def.type, prop: propName!, numeric });
    };
    if (rest === undefined) {
      if (Array.isArray(prop.value)) prop.value.forEach((c, i) => add(c, `${prop.pointer}/${i}`));
      else add(prop.value, prop.pointer);
    } else if (Array.isArray(prop.value)) {
      prop.value.forEach((item, i) => {
        if (isObject(item)) add(item[rest], `${prop.pointer}/${i}/${escapePointerSegment(rest)}`);
      });
    }
  }
}

/** javascript:/data: links anywhere in props, and inside Markdown. */
function checkUnsafeStrings(ctx: Context, view: NodeView, def: ComponentDefinition | undefined): void {
  for (const prop of view.props) {
    const isUrlProp = def?.urlProps?.includes(prop.name) ?? false;
    const isMarkdown = def?.markdownProps?.includes(prop.name) ?? false;
    walkStrings(prop.value, prop.pointer, (text, pointer) => {
      if ((isUrlProp && !isSafeUrl(text)) || looksLikeUnsafeUrl(text)) {
        push(ctx, { code: 'unsafe-url', message: `Unsafe link ${JSON.stringify(text.slice(0, 40))}: only http, https, mailto and relative links are allowed`, pointer, hint: 'javascript: and data: links are never rendered' });
      } else if (isMarkdown) {
        for (const link of findMarkdownLinks(text)) {
          if (!isSafeUrl(link.url)) {
            push(ctx, { code: 'unsafe-url', message: `Unsafe link in Markdown ${JSON.stringify(link.url.slice(0, 40))}: only http, https, mailto and relative links are allowed`, pointer, at: { offset: link.offset, length: link.length }, hint: 'javascript: and data: links are never rendered' });
          }
        }
      }
    });
  }
}

function walkStrings(value: unknown, pointer: string, visit: (text: string, pointer: string) => void, depth = 0): void {
  if (depth > 20) return;
  if (typeof value === 'string') visit(value, pointer);
  else if (Array.isArray(value)) value.forEach((v, i) => walkStrings(v, `${pointer}/${i}`, visit, depth + 1));
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) walkStrings(v, `${pointer}/${escapePointerSegment(k)}`, visit, depth + 1);
}
