/**
 * What a renderer receives once bindings are resolved: a `$query` prop becomes
 * BoundRows, a `$value` prop becomes one Scalar. Types only, no React.
 */
import type { QueryBinding, ValueBinding } from './define';
import type { DrawnRows } from './drawing';

export type Row = Record<string, unknown>;
export type Scalar = string | number | boolean | null;

export interface ResultColumn {
  name: string;
  /** Postgres type name when the platform sends it (`int8`, `text`, `timestamptz`, ...). */
  type?: string;
}

export interface BoundRows {
  /** The declared query the rows came from. */
  query: string;
  rows: Row[];
  /** In select order; derived from the first row when the platform sent none. */
  columns: ResultColumn[];
  /** The platform's row cap cut the result. */
  truncated: boolean;
  /** The server reduced the rows for drawing (lib/render/reduce-for-drawing): `rows` are the drawn ones. */
  drawn?: DrawnRows;
}

type ResolveProp<T> = T extends QueryBinding
  ? BoundRows
  : [Extract<T, ValueBinding>] extends [never]
    ? T
    : Exclude<T, ValueBinding> | Scalar;

export type Resolved<P> = { [K in keyof P]: ResolveProp<P[K]> };
