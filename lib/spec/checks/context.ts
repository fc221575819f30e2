/**
 * What every check shares: the findings so far (problems before positions are
 * attached), and the facts the walk records for later checks and for callers
 * (bindings, column uses, the declared SQL queries).
 */
import type { Catalog } from '../define';
import type { DiagnosticCode, Severity } from '../diagnostics';
import type { ParamDeclaration } from '../page-model';

export interface ValidateOptions {
  /** The author holds `pages:admin`: `Custom` components are allowed. */
  allowCustom?: boolean;
  /** Tables a declared query may read (default: interactions). */
  allowedTables?: readonly string[];
  /** A page document needs a name (default true); `POST /pages/validate` sends none. */
  requireName?: boolean;
}

/** A problem before positions are attached. `at` points inside a string value. */
export interface Finding {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  pointer: string;
  hint?: string;
  /** The replacement the hint proposes, for quick fixes (see Diagnostic.suggestion). */
  suggestion?: string;
  /** Underline the property's key rather than its value. */
  key?: boolean;
  at?: { offset: number; length: number };
}

export interface BindingUse {
  query: string;
  pointer: string;
  field?: string;
  fieldPointer?: string;
  component: string;
  prop: string;
  /** The prop wants a number (a `$value` into a numeric prop). */
  numeric: boolean;
}

export interface ColumnUse {
  query: string;
  column: string;
  pointer: string;
  component: string;
  prop: string;
  /** The prop wants a numeric column (a chart's measure). */
  numeric: boolean;
}

/** A declared `sql` query as the author wrote it, with where it is and whether it may be sent. */
export interface SqlQueryFact {
  name: string;
  sql: string;
  params?: Record<string, ParamDeclaration>;
  /** Pointer of the query object, e.g. `/declared_queries/2`. */
  pointer: string;
  /** The offline checks found an error in it: it must not be sent to a platform. */
  refused: boolean;
  /** Output columns the SQL names, when the parser can tell; undefined for `SELECT *` and the like. */
  staticColumns?: string[];
}

export interface Context {
  catalog: Catalog;
  options: ValidateOptions;
  findings: Finding[];
  bindings: BindingUse[];
  /** Queries named by any binding, well-formed or not: none of them is "unused". */
  named: Set<string>;
  columns: ColumnUse[];
  sqlQueries: SqlQueryFact[];
}

export function push(ctx: Context, finding: Omit<Finding, 'severity'> & { severity?: Severity }): void {
  ctx.findings.push({ severity: 'error', ...finding });
}

export function quoteList(values: readonly unknown[], max = 8): string {
  const shown = values.slice(0, max).map((v) => JSON.stringify(v)).join(', ');
  return values.length > max ? `${shown}, …` : shown;
}
