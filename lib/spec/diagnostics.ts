/**
 * One diagnostics model for every surface: the editor's markers, the validate
 * routes (app and local platform) and the CLI all carry these records.
 * Codes are stable and documented in docs/diagnostics.md.
 */
export type Severity = 'error' | 'warning';

/** Every code, with what it means. The docs table and SARIF rules are generated from this. */
export const DIAGNOSTIC_CODES = {
  'invalid-json': 'The text is not valid JSON (comments and trailing commas included).',
  'unknown-component': 'A node names a component the catalog does not have.',
  'bad-prop': 'A prop, node or page field has the wrong type or value, or is not known.',
  'missing-prop': 'A required prop or field is absent.',
  'binding-kind': 'A binding of the wrong kind: rows ($query) where one value ($value) is wanted, or the reverse, or a binding where a literal is wanted.',
  'unbound-query': 'A binding names a query that declared_queries does not declare.',
  'unused-query': 'A declared query that nothing binds (warning).',
  'duplicate-query': 'Two declared queries share a name.',
  'bad-query': 'A declared query is malformed: missing fields for its source, an unknown source, a bad param declaration.',
  'invalid-sql': 'The SQL is not one read-only SELECT over allowed tables: a syntax error, a write, a lock, a denied function, business_id, or another table.',
  'unknown-param': 'The SQL uses @name but the query does not declare that param.',
  'unused-param': 'A declared param the SQL never uses (warning).',
  'custom-not-allowed': 'A Custom component without the pages:admin scope (the CLI takes --allow-custom).',
  'unsafe-url': 'A javascript:, data: or other unsafe link, in a prop or inside Markdown.',
  'layout': 'The layout is unknown, or the tree breaks its rule (single: the root is one visualisation).',
  'unknown-column': 'A prop or $value names a column the bound query does not return (offline when the SQL names its columns; `validate --online` against the columns the platform really returns).',
  'column-type': 'A prop that wants numbers (a chart\'s measure, a Stat value) names a column whose real type is not numeric (`validate --online`).',
  'query-failed': 'The platform could not run a declared query; the message is the platform\'s own (`validate --online`).',
  'unknown-target': 'A cluster_search `target` the search endpoint does not cover: the app refuses to run it (`validate --online`; offline it is a `bad-query` warning, since another platform may know other corpora).',
  'search-unavailable': 'The platform has no endpoint for the query\'s search source: a kb_search against a platform without `POST /search/kb` (`validate --online`).',
  'render-failed': 'The page, or one node\'s view, threw while rendering over the recorded results (`amdahl-pages test`).',
  'error-card': 'A node renders its error card instead of its view over the recorded results (`amdahl-pages test`).',
  'unresolved-binding': 'A binding or column prop finds nothing in the recorded results: no recording for its query, no row, or no such column (`amdahl-pages test`).',
  'column-vanished': 'A node uses a column the recorded results have, which the query\'s SQL no longer returns (`amdahl-pages test`).',
  'stale-recording': 'The query\'s SQL changed since its results were recorded; run `amdahl-pages test --record` (warning).',
  'value-out-of-range': 'A value the query returned lies outside the range its node reads it against: a gauge\'s dial, a stat\'s min and max, a ratio over 1 (warning; the studio\'s preview).',
} as const;

/**
 * Codes only checks that need more than the file report: `validate --online`
 * (the platform's answers) and `amdahl-pages test` (recorded results). Every
 * other code comes from the offline validator and has an offline fixture.
 */
export const CONTEXT_CODES: ReadonlySet<DiagnosticCode> = new Set(['column-type', 'query-failed', 'unknown-target', 'search-unavailable', 'render-failed', 'error-card', 'unresolved-binding', 'column-vanished', 'stale-recording', 'value-out-of-range']);

/** Codes that are warnings: they never fail a run unless --max-warnings says so. */
export const WARNING_CODES: ReadonlySet<DiagnosticCode> = new Set(['unused-query', 'unused-param', 'stale-recording', 'value-out-of-range']);

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column, counted in UTF-16 code units as editors do. */
  column: number;
}

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  /** RFC 6901 pointer into the document as it was given (not the normalised form). */
  pointer: string;
  /** Where the problem starts; absent only when the input had no text (a value, not a file). */
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  hint?: string;
  /**
   * The one replacement the hint proposes ("did you mean …"), as the exact
   * text for the string at `pointer` (its key when the diagnostic is about a
   * key). Present only when the fix is certain enough to apply in one step.
   */
  suggestion?: string;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
