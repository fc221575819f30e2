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
  'unknown-column': 'A prop or $value names a column the bound query does not return (checked when the SQL names its columns).',
} as const;

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
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
