/**
 * Puts a page's param values into a declared query's SQL. The platform's
 * query endpoint takes SQL only, so each `@name` becomes a typed SQL literal;
 * a value is checked against its declared type (or list) first and a value
 * that does not fit is refused, never spliced.
 */
import type { ParamDeclaration, ParamType } from '../spec/page-model';
import { findParamReferences } from '../spec/sql-params';

export class ParamError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
  }
}

function describe(decl: ParamDeclaration): { type: ParamType | undefined; values?: readonly (string | number)[]; fallback?: unknown } {
  if (typeof decl === 'string') return { type: decl };
  if (Array.isArray(decl)) return { type: undefined, values: decl };
  const d = decl as Exclude<ParamDeclaration, string | readonly unknown[]>;
  return { type: d.type, values: d.values, fallback: d.default };
}

function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;

export function sqlLiteral(name: string, decl: ParamDeclaration, raw: unknown): string {
  const { type, values, fallback } = describe(decl);
  const value = raw === undefined || raw === '' ? fallback : raw;
  if (value === undefined || value === null) throw new ParamError(name, `The param "${name}" has no value`);
  if (values) {
    const match = values.find((v) => String(v) === String(value));
    if (match === undefined) throw new ParamError(name, `The param "${name}" must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}`);
    return typeof match === 'number' ? `(${match})` : quote(match);
  }
  switch (type) {
    case 'number':
    case 'integer': {
      const n = typeof value === 'number' ? value : Number(String(value).trim());
      if (!Number.isFinite(n) || String(value).trim() === '' || (type === 'integer' && !Number.isInteger(n))) {
        throw new ParamError(name, `The param "${name}" must be ${type === 'integer' ? 'an integer' : 'a number'}`);
      }
      // Parenthesised: `0-@n` with n = -1 must not become `0--1`, a comment.
      return `(${n})`;
    }
    case 'boolean': {
      const text = String(value).toLowerCase();
      if (text === 'true' || text === 'false') return text.toUpperCase();
      throw new ParamError(name, `The param "${name}" must be true or false`);
    }
    case 'date':
      if (!DATE.test(String(value)) || Number.isNaN(Date.parse(String(value)))) throw new ParamError(name, `The param "${name}" must be a date such as 2026-11-01`);
      return `${quote(String(value))}::date`;
    case 'timestamp':
      if (!TIMESTAMP.test(String(value)) || Number.isNaN(Date.parse(String(value)))) throw new ParamError(name, `The param "${name}" must be a timestamp such as 2026-11-01T00:00:00Z`);
      return `${quote(String(value))}::timestamptz`;
    case 'string':
    default:
      if (typeof value === 'object') throw new ParamError(name, `The param "${name}" must be a string`);
      return quote(String(value));
  }
}

export function bindParams(sql: string, declared: Record<string, ParamDeclaration> | undefined, values: Record<string, unknown>): string {
  const refs = findParamReferences(sql);
  if (refs.length === 0) return sql;
  let out = '';
  let last = 0;
  for (const ref of refs) {
    const decl = declared?.[ref.name];
    if (decl === undefined) throw new ParamError(ref.name, `@${ref.name} is not a declared param`);
    out += sql.slice(last, ref.start) + sqlLiteral(ref.name, decl, values[ref.name]);
    last = ref.end;
  }
  return out + sql.slice(last);
}
