/**
 * What a column's type name says about its values, for the online checks.
 * Names come as Postgres spells them (`bigint`, `double precision`,
 * `timestamptz`, `character varying(20)`) or as a platform may abbreviate
 * them (`int8`, `float8`, `varchar`). A name this does not know is `unknown`:
 * the checks then say nothing rather than guess.
 */
export type ColumnTypeClass = 'numeric' | 'text' | 'temporal' | 'boolean' | 'json' | 'unknown';

const NUMERIC = new Set(['smallint', 'integer', 'bigint', 'int', 'int2', 'int4', 'int8', 'real', 'double precision', 'float4', 'float8', 'float', 'numeric', 'decimal', 'money', 'oid', 'number']);
const TEXT = new Set(['text', 'character varying', 'varchar', 'character', 'char', 'bpchar', 'name', 'citext', 'uuid', 'string']);
const TEMPORAL = new Set(['date', 'time', 'timetz', 'timestamp', 'timestamptz', 'timestamp with time zone', 'timestamp without time zone', 'time with time zone', 'time without time zone', 'interval']);
const BOOLEAN = new Set(['boolean', 'bool']);
const JSON_TYPES = new Set(['json', 'jsonb']);

export function classifyColumnType(type: string | undefined): ColumnTypeClass {
  if (!type) return 'unknown';
  const base = type.trim().toLowerCase().replace(/\(.*\)$/, '').replace(/\[\]$/, '[]').trim();
  if (base.endsWith('[]')) return 'unknown';
  if (NUMERIC.has(base)) return 'numeric';
  if (TEXT.has(base)) return 'text';
  if (TEMPORAL.has(base)) return 'temporal';
  if (BOOLEAN.has(base)) return 'boolean';
  if (JSON_TYPES.has(base)) return 'json';
  return 'unknown';
}
