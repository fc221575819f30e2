/**
 * Validates a page document against a catalog and reports every problem at
 * once, each as one Diagnostic with a pointer into the author's document and,
 * when the input was text, its line and column. Structure comes from ajv over
 * the JSON Schema generated from the catalog; meaning (bindings, queries, SQL,
 * params, links, layout) from the checks below. Never throws on bad input.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { Node as JsonNode } from 'jsonc-parser';
import type { z } from 'zod';
import { unwrapSchema, type Catalog, type ComponentDefinition } from './define';
import type { Diagnostic, DiagnosticCode, Severity } from './diagnostics';
import { bindingQueryName, escapePointerSegment, isObject, LAYOUTS, PAGE_KEYS, readDocument, readNode, SPEC_KEYS, type DocumentView, type NodeView } from './document';
import { componentPropsSchema, type JsonSchema } from './json-schema';
import { LineIndex, nodeAtPointer, parseJsonText, rawOffsetInString } from './json-text';
import { findMarkdownLinks } from './markdown-links';
import { inferQuerySource, MAX_DEPTH } from './normalise';
import { PARAM_TYPES } from './page-model';
import { analyseSql, sqlParserReady } from './sql-check';
import { findParamReferences } from './sql-params';
import { didYouMean } from './suggest';
import { isSafeUrl, looksLikeUnsafeUrl } from './url-safety';

export interface ValidateOptions {
  /** The author holds `pages:admin`: `Custom` components are allowed. */
  allowCustom?: boolean;
  /** Tables a declared query may read (default: interactions). */
  allowedTables?: readonly string[];
  /** A page document needs a name (default true); `POST /pages/validate` sends none. */
  requireName?: boolean;
}

/** A problem before positions are attached. `at` points inside a string value. */
interface Finding {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  pointer: string;
  hint?: string;
  /** Underline the property's key rather than its value. */
  key?: boolean;
  at?: { offset: number; length: number };
}

interface BindingUse {
  query: string;
  pointer: string;
  field?: string;
  fieldPointer?: string;
  component: string;
  prop: string;
}

interface ColumnUse {
  query: string;
  column: string;
  pointer: string;
  component: string;
  prop: string;
}

interface Context {
  catalog: Catalog;
  options: ValidateOptions;
  findings: Finding[];
  bindings: BindingUse[];
  /** Queries named by any binding, well-formed or not: none of them is "unused". */
  named: Set<string>;
  columns: ColumnUse[];
}

const QUERY_KEYS = ['name', 'description', 'source', 'sql', 'query', 'target', 'params'];
const SOURCES = ['sql', 'cluster_search', 'kb_search'];
const QUERY_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface CompiledCatalog {
  ajv: Ajv;
  validators: Map<string, ValidateFunction>;
}

const compiled = new WeakMap<Catalog, CompiledCatalog>();

/** How props validators are compiled; scripts/gen-validators.ts precompiles with the same options. */
export const AJV_OPTIONS = { allErrors: true, strict: false, verbose: true } as const;

function compiledFor(catalog: Catalog): CompiledCatalog {
  let entry = compiled.get(catalog);
  if (!entry) {
    entry = { ajv: new Ajv(AJV_OPTIONS), validators: new Map() };
    compiled.set(catalog, entry);
  }
  return entry;
}

/** A component's props validator, compiled on first use (a short CLI run pays only for what it meets). */
function validatorFor(catalog: Catalog, def: ComponentDefinition): ValidateFunction {
  const entry = compiledFor(catalog);
  let validate = entry.validators.get(def.type);
  if (!validate) {
    validate = entry.ajv.compile(componentPropsSchema(def));
    entry.validators.set(def.type, validate);
  }
  return validate;
}

/**
 * Uses validators precompiled from this same catalog (the CLI bundle's), so
 * nothing is compiled at start-up. Types missing from the map compile lazily.
 */
export function usePrecompiledValidators(catalog: Catalog, validators: Record<string, ValidateFunction>): void {
  const entry = compiledFor(catalog);
  for (const def of catalog.components.values()) {
    const validate = validators[def.type];
    if (typeof validate === 'function') entry.validators.set(def.type, validate);
  }
}

/** Compiles every validator ahead of the first request (servers); the CLI compiles lazily. */
export function prepareCatalog(catalog: Catalog): void {
  for (const def of catalog.components.values()) validatorFor(catalog, def);
}

export function validatePage(input: string | unknown, catalog: Catalog, options: ValidateOptions = {}): Diagnostic[] {
  if (!sqlParserReady()) throw new Error('validatePage: call `await loadSqlParser()` once before validating');
  let value: unknown = input;
  let text: string | undefined;
  if (typeof input === 'string') {
    text = input;
    if (input.trim() === '') {
      return [{ code: 'invalid-json', severity: 'error', message: 'The document is empty', pointer: '', line: 1, column: 1, endLine: 1, endColumn: 1, hint: 'start with {"name": …, "declared_queries": [], "spec": {…}}' }];
    }
    try {
      // The native parser first: most documents are valid, and positions are only needed for findings.
      value = JSON.parse(input);
    } catch (error) {
      const parsed = parseJsonText(input);
      const lines = new LineIndex(input);
      const errors = parsed.errors.length > 0 ? parsed.errors : [{ message: (error as Error).message, offset: 0, length: 0 }];
      const seen = new Set<number>();
      return errors.filter((e) => !seen.has(e.offset) && seen.add(e.offset)).map((e) => ({
        code: 'invalid-json' as const,
        severity: 'error' as const,
        message: `Invalid JSON: ${e.message}`,
        pointer: '',
        ...lines.range(e.offset, e.length),
      }));
    }
  }
  const ctx: Context = { catalog, options, findings: [], bindings: [], named: new Set(), columns: [] };
  const doc = readDocument(value);
  checkDocument(ctx, value, doc);
  const queryColumns = checkQueries(ctx, doc);
  if (doc.root !== undefined) checkNode(ctx, doc.root, doc.rootPointer);
  checkBindings(ctx, doc, queryColumns);
  checkLayout(ctx, doc);
  return withPositions(ctx.findings, text);
}

function push(ctx: Context, finding: Omit<Finding, 'severity'> & { severity?: Severity }): void {
  ctx.findings.push({ severity: 'error', ...finding });
}

function quoteList(values: readonly unknown[], max = 8): string {
  const shown = values.slice(0, max).map((v) => JSON.stringify(v)).join(', ');
  return values.length > max ? `${shown}, …` : shown;
}

// ---------------------------------------------------------------- document

function checkDocument(ctx: Context, value: unknown, doc: DocumentView): void {
  if (!isObject(value)) {
    push(ctx, { code: 'bad-prop', message: 'A page must be a JSON object', pointer: '', hint: 'start with {"name": …, "declared_queries": [], "spec": {…}}' });
    return;
  }
  if (doc.kind === 'page') {
    for (const key of Object.keys(value)) {
      if (!PAGE_KEYS.has(key)) {
        push(ctx, { code: 'bad-prop', message: `Unknown page field "${key}"`, pointer: `/${escapePointerSegment(key)}`, key: true, hint: didYouMean(key, PAGE_KEYS) ?? `a page has ${[...PAGE_KEYS].filter((k) => !k.startsWith('$')).join(', ')}` });
      }
    }
    if (value.name === undefined) {
      if (ctx.options.requireName !== false) push(ctx, { code: 'missing-prop', message: 'The page has no "name"', pointer: '', hint: 'add "name": "My page"' });
    } else if (typeof value.name !== 'string' || value.name.trim() === '') push(ctx, { code: 'bad-prop', message: 'The page name must be a non-empty string', pointer: '/name' });
    if (value.tags !== undefined && (!Array.isArray(value.tags) || value.tags.some((t) => typeof t !== 'string'))) {
      push(ctx, { code: 'bad-prop', message: 'tags must be an array of strings', pointer: '/tags' });
    }
    if (!isObject(doc.spec)) {
      push(ctx, { code: 'bad-prop', message: 'spec must be an object: {"version": 1, "root": {…}} or a node {"type": …}', pointer: '/spec' });
      return;
    }
  }
  if (doc.canonical && isObject(doc.spec)) {
    const spec = doc.spec;
    for (const key of Object.keys(spec)) {
      if (!SPEC_KEYS.has(key)) push(ctx, { code: 'bad-prop', message: `Unknown spec field "${key}"`, pointer: `${doc.specPointer}/${escapePointerSegment(key)}`, key: true, hint: didYouMean(key, SPEC_KEYS) ?? 'a spec has version, root and layout' });
    }
    if (spec.version === undefined) push(ctx, { code: 'missing-prop', message: 'The spec has no "version"', pointer: doc.specPointer, hint: 'add "version": 1' });
    else if (spec.version !== 1) push(ctx, { code: 'bad-prop', message: `Unsupported spec version ${JSON.stringify(spec.version)}`, pointer: `${doc.specPointer}/version`, hint: 'the only version is 1' });
    if (spec.root === undefined) push(ctx, { code: 'missing-prop', message: 'The spec has no "root" node', pointer: doc.specPointer, hint: 'add "root": {"type": "Section", "children": []}' });
    if (spec.layout !== undefined && !LAYOUTS.includes(spec.layout as never)) {
      push(ctx, { code: 'layout', message: `Unknown layout ${JSON.stringify(spec.layout)}`, pointer: `${doc.specPointer}/layout`, hint: (typeof spec.layout === 'string' && didYouMean(spec.layout, LAYOUTS)) || `one of ${quoteList(LAYOUTS)}` });
    }
  }
}

// ---------------------------------------------------------------- nodes

function checkNode(ctx: Context, value: unknown, pointer: string, depth = 0): void {
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
        hint: didYouMean(view.type, ctx.catalog.types) ?? `the catalog has ${ctx.catalog.types.join(', ')}`,
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
      if (bindingShape(prop.value) === 'rows' || bindingShape(prop.value) === 'value') recordBinding(ctx, typeof view.type === 'string' ? view.type : 'node', prop.name, prop.value, prop.pointer);
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
        recordBinding(ctx, def.type, prop.name, prop.value, prop.pointer);
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

function recordBinding(ctx: Context, component: string, prop: string, value: unknown, pointer: string): void {
  const v = value as { $query?: string; $value?: { query: string; field: string } };
  if (v.$query !== undefined) ctx.bindings.push({ query: v.$query, pointer: `${pointer}/$query`, component, prop });
  else if (v.$value) ctx.bindings.push({ query: v.$value.query, pointer: `${pointer}/$value/query`, field: v.$value.field, fieldPointer: `${pointer}/$value/field`, component, prop });
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
    const add = (column: unknown, pointer: string) => {
      if (typeof column === 'string') ctx.columns.push({ query, column, pointer, component: def.type, prop: propName! });
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

/** ajv errors become findings; a failed union is reported once, not once per branch. */
function ajvFindings(def: ComponentDefinition, errors: ErrorObject[], view: NodeView, pointers: Map<string, string>, skip: Set<string>): Finding[] {
  const unions = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const kept = errors.filter(
    (e) => !unions.some((u) => u !== e && e.instancePath.startsWith(u.instancePath) && e.schemaPath.startsWith(`${u.schemaPath}/`)),
  );
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const e of kept) {
    const segments = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const propName = segments[0];
    if (propName !== undefined && skip.has(propName)) continue;
    const base = propName === undefined ? view.propsPointer : pointers.get(propName) ?? `${view.propsPointer}/${escapePointerSegment(propName)}`;
    const pointer = propName === undefined ? base : [base, ...segments.slice(1).map((s) => escapePointerSegment(s))].join('/');
    const where = `${def.type}${segments.length ? '.' + segments.join('.') : ''}`;
    let finding: Finding;
    switch (e.keyword) {
      case 'required': {
        const missing = (e.params as { missingProperty: string }).missingProperty;
        if (propName === undefined && skip.has(missing)) continue;
        const propSchema = (componentPropsSchema(def).properties as Record<string, JsonSchema> | undefined)?.[missing];
        finding = {
          code: 'missing-prop',
          severity: 'error',
          message: `${where} is missing the required prop "${missing}"`,
          pointer,
          hint: typeof propSchema?.description === 'string' ? `${missing}: ${propSchema.description}` : undefined,
        };
        break;
      }
      case 'additionalProperties': {
        const extra = (e.params as { additionalProperty: string }).additionalProperty;
        const known = Object.keys((e.parentSchema as JsonSchema | undefined)?.properties ?? {});
        finding = {
          code: 'bad-prop',
          severity: 'error',
          message: `${where} has no prop "${extra}"`,
          pointer: propName === undefined ? pointers.get(extra) ?? `${pointer}/${escapePointerSegment(extra)}` : `${pointer}/${escapePointerSegment(extra)}`,
          key: true,
          hint: didYouMean(extra, known) ?? (known.length ? `its props are ${known.join(', ')}` : undefined),
        };
        break;
      }
      case 'enum': {
        const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
        finding = {
          code: 'bad-prop',
          severity: 'error',
          message: `${where} must be one of ${quoteList(allowed)}`,
          pointer,
          hint: typeof e.data === 'string' ? didYouMean(e.data, allowed.map(String)) : undefined,
        };
        break;
      }
      case 'anyOf':
      case 'oneOf':
        finding = { code: 'bad-prop', severity: 'error', message: `${where} must be ${describeUnion(e.schema as JsonSchema[])}`, pointer };
        break;
      case 'const':
        finding = { code: 'bad-prop', severity: 'error', message: `${where} must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`, pointer };
        break;
      default:
        finding = { code: 'bad-prop', severity: 'error', message: `${where} ${e.message ?? 'is invalid'}`, pointer };
    }
    const dedupe = `${finding.pointer}|${finding.message}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    out.push(finding);
  }
  return out;
}

function describeSchema(schema: JsonSchema): string {
  if (isObject(schema.properties) && '$value' in schema.properties) return 'a {"$value": {"query", "field"}} binding';
  if (isObject(schema.properties) && '$query' in schema.properties) return 'a {"$query": "<name>"} binding';
  if (Array.isArray(schema.enum)) return `one of ${quoteList(schema.enum as unknown[])}`;
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (Array.isArray(schema.anyOf)) return describeUnion(schema.anyOf as JsonSchema[]);
  const type = schema.type;
  if (type === 'array') return isObject(schema.items) ? `an array of ${describeSchema(schema.items as JsonSchema).replace(/^an? /, '')}s` : 'an array';
  if (Array.isArray(type)) return describeUnion(type.map((t) => ({ type: t })));
  if (type === 'integer') return 'an integer';
  if (type === 'object') return 'an object';
  if (typeof type === 'string') return `a ${type}`;
  return 'a valid value';
}

function describeUnion(branches: JsonSchema[]): string {
  const parts = [...new Set(branches.map(describeSchema))];
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`;
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

// ---------------------------------------------------------------- queries

/** Checks declared_queries; answers the statically known output columns of each SQL query. */
function checkQueries(ctx: Context, doc: DocumentView): Map<string, string[] | undefined> {
  const columns = new Map<string, string[] | undefined>();
  const list = doc.declaredQueries;
  if (list === undefined) return columns;
  const base = doc.queriesPointer;
  if (!Array.isArray(list)) {
    push(ctx, { code: 'bad-query', message: 'declared_queries must be an array of {name, source, sql}', pointer: base });
    return columns;
  }
  const firstIndex = new Map<string, number>();
  list.forEach((q, i) => {
    const ptr = `${base}/${i}`;
    if (!isObject(q)) {
      push(ctx, { code: 'bad-query', message: 'A declared query must be an object {name, source, sql}', pointer: ptr });
      return;
    }
    for (const key of Object.keys(q)) {
      if (!QUERY_KEYS.includes(key)) push(ctx, { code: 'bad-query', message: `Unknown declared query field "${key}"`, pointer: `${ptr}/${escapePointerSegment(key)}`, key: true, hint: didYouMean(key, QUERY_KEYS) ?? `a query has ${QUERY_KEYS.join(', ')}` });
    }
    const name = q.name;
    if (name === undefined) push(ctx, { code: 'bad-query', message: 'This declared query has no "name"', pointer: ptr, hint: 'add "name": "by_channel"' });
    else if (typeof name !== 'string' || !QUERY_NAME.test(name)) {
      push(ctx, { code: 'bad-query', message: `Query name ${JSON.stringify(name)} must be an identifier (letters, digits, _)`, pointer: `${ptr}/name` });
    } else if (firstIndex.has(name)) {
      push(ctx, { code: 'duplicate-query', message: `The query name "${name}" is declared twice`, pointer: `${ptr}/name`, hint: `first declared at ${base}/${firstIndex.get(name)}; rename one` });
    } else firstIndex.set(name, i);

    let source = q.source;
    if (source === undefined) source = inferQuerySource(q);
    else if (typeof source !== 'string' || !SOURCES.includes(source)) {
      push(ctx, { code: 'bad-query', message: `Unknown query source ${JSON.stringify(source)}`, pointer: `${ptr}/source`, hint: (typeof source === 'string' && didYouMean(source, SOURCES)) || `one of ${quoteList(SOURCES)}` });
      // Still declared: bindings to it are not "unbound".
      if (typeof name === 'string' && firstIndex.get(name) === i) columns.set(name, undefined);
      return;
    }
    const declaredParams = checkParams(ctx, q.params, `${ptr}/params`);
    if (source === 'sql') {
      if (typeof q.sql !== 'string') {
        if (q.sql === undefined) push(ctx, { code: 'bad-query', message: 'A sql query needs "sql": one SELECT statement', pointer: ptr });
        else push(ctx, { code: 'bad-query', message: '"sql" must be a string', pointer: `${ptr}/sql` });
        // Still declared: bindings to it are not "unbound".
        if (typeof name === 'string' && firstIndex.get(name) === i) columns.set(name, undefined);
      } else {
        const sqlPointer = `${ptr}/sql`;
        const analysis = analyseSql(q.sql, { allowedTables: ctx.options.allowedTables });
        for (const problem of analysis.problems) {
          push(ctx, { code: 'invalid-sql', message: problem.message, pointer: sqlPointer, hint: problem.hint, at: problem.offset === undefined ? undefined : { offset: problem.offset, length: 1 } });
        }
        const refs = findParamReferences(q.sql);
        const used = new Set(refs.map((r) => r.name));
        for (const ref of refs) {
          if (!declaredParams.has(ref.name)) {
            push(ctx, { code: 'unknown-param', message: `@${ref.name} is not a declared param of ${typeof name === 'string' ? `"${name}"` : 'this query'}`, pointer: sqlPointer, at: { offset: ref.start, length: ref.end - ref.start }, hint: didYouMean(ref.name, declaredParams, '@') ?? `declare it: "params": {"${ref.name}": "string"}` });
          }
        }
        for (const param of declaredParams) {
          if (!used.has(param)) push(ctx, { code: 'unused-param', severity: 'warning', message: `The param "${param}" is declared but the SQL never uses @${param}`, pointer: `${ptr}/params/${escapePointerSegment(param)}`, key: true, hint: `use @${param} in the SQL or remove it` });
        }
        if (typeof name === 'string' && firstIndex.get(name) === i) columns.set(name, analysis.columns);
      }
    } else {
      if (typeof q.query !== 'string' || q.query.trim() === '') push(ctx, { code: 'bad-query', message: `A ${source} query needs "query": the search text`, pointer: q.query === undefined ? ptr : `${ptr}/query` });
      if (source === 'cluster_search' && (typeof q.target !== 'string' || q.target.trim() === '')) push(ctx, { code: 'bad-query', message: 'A cluster_search query needs "target"', pointer: q.target === undefined ? ptr : `${ptr}/target` });
      if (typeof name === 'string' && firstIndex.get(name) === i) columns.set(name, undefined);
    }
  });
  return columns;
}

function checkParams(ctx: Context, params: unknown, pointer: string): Set<string> {
  const names = new Set<string>();
  if (params === undefined) return names;
  if (!isObject(params)) {
    push(ctx, { code: 'bad-query', message: 'params must be an object mapping a name to a type', pointer, hint: '"params": {"channel": "string"}' });
    return names;
  }
  for (const [name, decl] of Object.entries(params)) {
    const ptr = `${pointer}/${escapePointerSegment(name)}`;
    names.add(name);
    if (!QUERY_NAME.test(name)) push(ctx, { code: 'bad-query', message: `Param name "${name}" must be an identifier`, pointer: ptr, key: true });
    const badType = (t: unknown, at: string) => {
      if (typeof t !== 'string' || !(PARAM_TYPES as readonly string[]).includes(t)) {
        push(ctx, { code: 'bad-query', message: `Unknown param type ${JSON.stringify(t)}`, pointer: at, hint: (typeof t === 'string' && didYouMean(t, PARAM_TYPES)) || `one of ${quoteList(PARAM_TYPES)}, or a list of allowed values` });
      }
    };
    if (typeof decl === 'string') badType(decl, ptr);
    else if (Array.isArray(decl)) {
      if (decl.length === 0 || decl.some((v) => typeof v !== 'string' && typeof v !== 'number')) push(ctx, { code: 'bad-query', message: 'A list of allowed values must hold strings or numbers', pointer: ptr });
    } else if (isObject(decl)) {
      for (const key of Object.keys(decl)) if (!['type', 'values', 'default', 'description'].includes(key)) push(ctx, { code: 'bad-query', message: `Unknown param field "${key}"`, pointer: `${ptr}/${escapePointerSegment(key)}`, key: true, hint: 'a param has type, values, default, description' });
      if (decl.type !== undefined) badType(decl.type, `${ptr}/type`);
      if (decl.values !== undefined && (!Array.isArray(decl.values) || decl.values.length === 0)) push(ctx, { code: 'bad-query', message: 'values must be a non-empty list', pointer: `${ptr}/values` });
      if (decl.type === undefined && decl.values === undefined) push(ctx, { code: 'bad-query', message: 'A param needs a type or a list of values', pointer: ptr });
    } else {
      push(ctx, { code: 'bad-query', message: 'A param is a type name, a list of allowed values, or {type, values, default}', pointer: ptr });
    }
  }
  return names;
}

// ---------------------------------------------------------------- cross-checks

function checkBindings(ctx: Context, doc: DocumentView, queryColumns: Map<string, string[] | undefined>): void {
  const declared = [...queryColumns.keys()];
  const used = new Set<string>();
  for (const b of ctx.bindings) {
    used.add(b.query);
    if (!queryColumns.has(b.query)) {
      push(ctx, {
        code: 'unbound-query',
        message: `${b.component}.${b.prop} binds "${b.query}", which is not a declared query`,
        pointer: b.pointer,
        hint: didYouMean(b.query, declared) ?? (declared.length ? `declared queries: ${declared.join(', ')}` : 'declare it in declared_queries'),
      });
      continue;
    }
    const cols = queryColumns.get(b.query);
    if (b.field !== undefined && cols && !cols.includes(b.field)) {
      push(ctx, { code: 'unknown-column', message: `"${b.query}" returns no column "${b.field}"`, pointer: b.fieldPointer!, hint: didYouMean(b.field, cols) ?? `its columns: ${cols.join(', ')}` });
    }
  }
  for (const c of ctx.columns) {
    const cols = queryColumns.get(c.query);
    if (cols && !cols.includes(c.column)) {
      push(ctx, { code: 'unknown-column', message: `${c.component}.${c.prop} names "${c.column}", which "${c.query}" does not return`, pointer: c.pointer, hint: didYouMean(c.column, cols) ?? `its columns: ${cols.join(', ')}` });
    }
  }
  if (Array.isArray(doc.declaredQueries)) {
    doc.declaredQueries.forEach((q, i) => {
      if (isObject(q) && typeof q.name === 'string' && queryColumns.has(q.name) && !used.has(q.name) && !ctx.named.has(q.name)) {
        push(ctx, { code: 'unused-query', severity: 'warning', message: `The query "${q.name}" is declared but nothing binds it`, pointer: `${doc.queriesPointer}/${i}/name`, hint: `bind it with {"$query": "${q.name}"} or remove it` });
      }
    });
  }
}

function checkLayout(ctx: Context, doc: DocumentView): void {
  if (doc.layout !== 'single' || !isObject(doc.root)) return;
  const type = doc.root.type;
  const def = typeof type === 'string' ? ctx.catalog.get(type) : undefined;
  if (def && !def.visualization) {
    push(ctx, { code: 'layout', message: `A "single" layout shows one visualisation full-bleed; its root is ${def.type}`, pointer: `${doc.rootPointer}/type`, hint: 'make the root a chart or table, or use layout "dashboard"' });
  }
}

// ---------------------------------------------------------------- positions

function withPositions(findings: Finding[], text: string | undefined): Diagnostic[] {
  const lines = text === undefined || findings.length === 0 ? undefined : new LineIndex(text);
  const tree = lines ? parseJsonText(text!).tree : undefined;
  // Without a tree (a pathologically deep document) findings still carry their pointers, placed at the start.
  const out = findings.map((f): Diagnostic & { offset: number } => {
    const d: Diagnostic & { offset: number } = { code: f.code, severity: f.severity, message: f.message, pointer: f.pointer, offset: 0 };
    if (f.hint) d.hint = f.hint;
    if (lines && text !== undefined) {
      const node = nodeAtPointer(tree, f.pointer, f.key);
      if (!node) Object.assign(d, lines.range(0, 1));
      else {
        let offset = node.offset;
        let length = node.type === 'object' || node.type === 'array' ? 1 : node.length;
        if (f.at && node.type === 'string') {
          offset = rawOffsetInString(text, node, f.at.offset);
          length = Math.max(1, rawOffsetInString(text, node, f.at.offset + f.at.length) - offset);
        }
        Object.assign(d, lines.range(offset, length));
        d.offset = offset;
      }
    }
    return d;
  });
  out.sort((a, b) => a.offset - b.offset || a.code.localeCompare(b.code));
  return out.map(({ offset: _offset, ...d }) => d);
}
