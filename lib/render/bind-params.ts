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

/**
 * A string constant that reads the same whatever the server's
 * `standard_conforming_strings`: text with a backslash becomes an escape
 * string (`E'a\\b'`) with backslashes doubled; quotes are doubled in both.
 */
function quote(text: string): string {
  const quoted = text.replace(/'/g, "''");
  return text.includes('\\') ? `E'${quoted.replace(/\\/g, '\\\\')}'` : `'${quoted}'`;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?)?(?:Z|[+-](\d{2})(?::?(\d{2}))?)?$/;

/**
 * A real calendar day PostgreSQL accepts: year 1 onwards (there is no year
 * 0), a month's own last day (`2026-02-30` is refused, where `Date.parse`
 * would roll it over to March).
 */
function isCalendarDay(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const last = new Date(Date.UTC(2000, month, 0)).getUTCDate(); // 2000 is a leap year: February has 29
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && !leap ? 28 : last);
}

function isDate(text: string): boolean {
  const m = DATE.exec(text);
  return m !== null && isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

function isTimestamp(text: string): boolean {
  const m = TIMESTAMP.exec(text);
  if (!m) return false;
  const [, y, mo, d, h = '0', mi = '0', s = '0', oh = '0', om = '0'] = m;
  return isCalendarDay(Number(y), Number(mo), Number(d)) && Number(h) <= 23 && Number(mi) <= 59 && Number(s) <= 59 && Number(oh) <= 15 && Number(om) <= 59;
}

export function sqlLiteral(name: string, decl: ParamDeclaration, raw: unknown): string {
  const { type, values, fallback } = describe(decl);
  const value = raw === undefined || raw === '' ? fallback : raw;
  if (value === undefined || value === null) throw new ParamError(name, `The param "${name}" has no value`);
  // Only text, numbers and booleans are values; anything else (an object whose
  // toString throws, for one) is refused here, not half-converted below.
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    throw new ParamError(name, `The param "${name}" must be ${values ? 'one of the listed values' : type === 'integer' ? 'an integer' : `a ${type ?? 'string'}`}, not ${Array.isArray(value) ? 'a list' : `a ${typeof value}`}`);
  }
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
      // Parenthesised: after an expression a bare TRUE/FALSE would be read as a column alias.
      if (text === 'true' || text === 'false') return `(${text.toUpperCase()})`;
      throw new ParamError(name, `The param "${name}" must be true or false`);
    }
    case 'date':
      if (!isDate(String(value))) throw new ParamError(name, `The param "${name}" must be a date such as 2026-11-01`);
      return `${quote(String(value))}::date`;
    case 'timestamp':
      if (!isTimestamp(String(value))) throw new ParamError(name, `The param "${name}" must be a timestamp such as 2026-11-01T00:00:00Z`);
      return `${quote(String(value))}::timestamptz`;
    case 'string':
    default:
      // PostgreSQL text cannot hold U+0000; the server would refuse the whole query.
      if (String(value).includes('\0')) throw new ParamError(name, `The param "${name}" contains a NUL character (U+0000), which PostgreSQL text cannot hold`);
      return quote(String(value));
  }
}

/** Characters that would fuse with a literal written right after them. */
const FUSES = /[\p{L}\p{N}_$&'"]/u;

/**
 * The literal as it may be written at `start` in `sql`: after a character it
 * would fuse with, a space first. Without it `e@s` became `e'…'`, an escape
 * string whose backslashes reopen the quote, `U&@s` a Unicode-escape string,
 * and `x@b` the identifier `xTRUE`.
 */
export function spliceable(sql: string, start: number, literal: string): string {
  return start > 0 && FUSES.test(sql[start - 1]!) ? ` ${literal}` : literal;
}

export function bindParams(sql: string, declared: Record<string, ParamDeclaration> | undefined, values: Record<string, unknown>): string {
  const refs = findParamReferences(sql);
  if (refs.length === 0) return sql;
  let out = '';
  let last = 0;
  for (const ref of refs) {
    const decl = declared?.[ref.name];
    if (decl === undefined) throw new ParamError(ref.name, `@${ref.name} is not a declared param`);
    out += sql.slice(last, ref.start) + spliceable(sql, ref.start, sqlLiteral(ref.name, decl, values[ref.name]));
    last = ref.end;
  }
  return out + sql.slice(last);
}
