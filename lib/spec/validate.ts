/**
 * Validates a page document against a catalog and reports every problem at
 * once, each as one Diagnostic with a pointer into the author's document and,
 * when the input was text, its line and column. Structure comes from ajv over
 * the JSON Schema generated from the catalog; meaning (bindings, queries, SQL,
 * params, links, layout) from the checks in ./checks. Never throws on bad input.
 *
 * `analysePage` also answers what the walk learnt (bindings, column uses, the
 * declared SQL queries), so later checks (online, snapshot tests) build on the
 * same reading of the document instead of walking it again.
 */
import type { Catalog } from './define';
import type { Diagnostic } from './diagnostics';
import { readDocument } from './document';
import { LineIndex, parseJsonText } from './json-text';
import { withPositions } from './positions';
import { sqlParserReady } from './sql-check';
import { checkBindings } from './checks/bindings';
import type { BindingUse, ColumnUse, Context, SqlQueryFact, ValidateOptions } from './checks/context';
import { checkDocument, checkLayout } from './checks/document';
import { checkNode } from './checks/nodes';
import { checkQueries } from './checks/queries';

export type { BindingUse, ColumnUse, SqlQueryFact, ValidateOptions } from './checks/context';
export { AJV_OPTIONS, prepareCatalog, usePrecompiledValidators } from './checks/props-validators';

export interface PageAnalysis {
  diagnostics: Diagnostic[];
  /** Every `$query` / `$value` binding in the tree, well-formed ones only. */
  bindings: BindingUse[];
  /** Every prop that names a column of bound rows (from the catalog's `columnsOf`). */
  columns: ColumnUse[];
  /** Declared `sql` queries, first declaration of each name. */
  sqlQueries: SqlQueryFact[];
  /** The document was JSON (and not empty): the facts above describe it. */
  parsed: boolean;
}

export function validatePage(input: string | unknown, catalog: Catalog, options: ValidateOptions = {}): Diagnostic[] {
  return analysePage(input, catalog, options).diagnostics;
}

export function analysePage(input: string | unknown, catalog: Catalog, options: ValidateOptions = {}): PageAnalysis {
  if (!sqlParserReady()) throw new Error('validatePage: call `await loadSqlParser()` once before validating');
  let value: unknown = input;
  let text: string | undefined;
  const unparsed = (diagnostics: Diagnostic[]): PageAnalysis => ({ diagnostics, bindings: [], columns: [], sqlQueries: [], parsed: false });
  if (typeof input === 'string') {
    text = input;
    if (input.trim() === '') {
      return unparsed([{ code: 'invalid-json', severity: 'error', message: 'The document is empty', pointer: '', line: 1, column: 1, endLine: 1, endColumn: 1, hint: 'start with {"name": …, "declared_queries": [], "spec": {…}}' }]);
    }
    try {
      // The native parser first: most documents are valid, and positions are only needed for findings.
      value = JSON.parse(input);
    } catch (error) {
      const parsed = parseJsonText(input);
      const lines = new LineIndex(input);
      const errors = parsed.errors.length > 0 ? parsed.errors : [{ message: (error as Error).message, offset: 0, length: 0 }];
      const seen = new Set<number>();
      return unparsed(
        errors.filter((e) => !seen.has(e.offset) && seen.add(e.offset)).map((e) => ({
          code: 'invalid-json' as const,
          severity: 'error' as const,
          message: `Invalid JSON: ${e.message}`,
          pointer: '',
          ...lines.range(e.offset, e.length),
        })),
      );
    }
  }
  const ctx: Context = { catalog, options, findings: [], bindings: [], named: new Set(), columns: [], sqlQueries: [] };
  const doc = readDocument(value);
  checkDocument(ctx, value, doc);
  const queryColumns = checkQueries(ctx, doc);
  if (doc.root !== undefined) checkNode(ctx, doc.root, doc.rootPointer);
  checkBindings(ctx, doc, queryColumns);
  checkLayout(ctx, doc);
  // A query with an error in its own part of the document is never sent anywhere.
  for (const q of ctx.sqlQueries) q.refused = ctx.findings.some((f) => f.severity === 'error' && (f.pointer === q.pointer || f.pointer.startsWith(`${q.pointer}/`)));
  return { diagnostics: withPositions(ctx.findings, text), bindings: ctx.bindings, columns: ctx.columns, sqlQueries: ctx.sqlQueries, parsed: true };
}
