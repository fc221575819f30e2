/**
 * Props validators: ajv over each component's JSON Schema (compiled on first
 * use, or precompiled by the CLI bundle), and ajv's errors turned into
 * findings that name the prop and say what it must be.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { Catalog, ComponentDefinition } from '../define';
import { escapePointerSegment, isObject, type NodeView } from '../document';
import { componentPropsSchema, type JsonSchema } from '../json-schema';
import { suggestOr } from '../suggest';
import { quoteList, type Finding } from './context';

interface CompiledCatalog {
  /** Made on the first compile: with precompiled validators (the CLI bundle) it never is, saving its meta-schema set-up at start. */
  ajv?: Ajv;
  validators: Map<string, ValidateFunction>;
}

const compiled = new WeakMap<Catalog, CompiledCatalog>();

/** How props validators are compiled; scripts/gen-validators.ts precompiles with the same options. */
export const AJV_OPTIONS = { allErrors: true, strict: false, verbose: true } as const;

function compiledFor(catalog: Catalog): CompiledCatalog {
  let entry = compiled.get(catalog);
  if (!entry) {
    entry = { validators: new Map() };
    compiled.set(catalog, entry);
  }
  return entry;
}

/** A component's props validator, compiled on first use (a short CLI run pays only for what it meets). */
export function validatorFor(catalog: Catalog, def: ComponentDefinition): ValidateFunction {
  const entry = compiledFor(catalog);
  let validate = entry.validators.get(def.type);
  if (!validate) {
    entry.ajv ??= new Ajv(AJV_OPTIONS);
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

/** ajv errors become findings; a failed union is reported once, not once per branch. */
export function ajvFindings(def: ComponentDefinition, errors: ErrorObject[], view: NodeView, pointers: Map<string, string>, skip: Set<string>): Finding[] {
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
          ...suggestOr(extra, known, known.length ? `its props are ${known.join(', ')}` : undefined),
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
          ...suggestOr(e.data, allowed.filter((a): a is string => typeof a === 'string')),
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

