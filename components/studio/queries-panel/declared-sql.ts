/**
 * The page's SQL queries as the queries panel edits them: read from the
 * editor's text with positions, and written back as one JSON string edit at
 * the right place (jsonc-parser's modify), so the rest of the text and its
 * formatting stay as the author left them.
 */
import { applyEdits, modify, parseTree, type Node } from 'jsonc-parser';
import { propertyValue } from '../../../lib/spec/json-text';
import type { ParamDeclaration } from '../../../lib/spec/page-model';

export interface DeclaredSql {
  /** Position in `declared_queries`: the write-back path. */
  index: number;
  name: string;
  sql: string;
  params?: Record<string, ParamDeclaration>;
}

/** Plain JSON of a parsed node (jsonc-parser's getNodeValue without the import weight of the visitor). */
function valueOf(node: Node): unknown {
  if (node.type === 'object') return Object.fromEntries((node.children ?? []).map((p) => [String(p.children?.[0]?.value), p.children?.[1] ? valueOf(p.children[1]) : undefined]));
  if (node.type === 'array') return (node.children ?? []).map(valueOf);
  return node.value;
}

/** Every declared query with SQL text (source `sql`, or none given); broken JSON yields what can still be read. */
export function declaredSqlQueries(text: string): DeclaredSql[] {
  const list = propertyValue(parseTree(text), 'declared_queries');
  if (list?.type !== 'array') return [];
  const out: DeclaredSql[] = [];
  list.children?.forEach((query, index) => {
    const sql = propertyValue(query, 'sql');
    const source = propertyValue(query, 'source');
    if (sql?.type !== 'string' || (source !== undefined && source.value !== 'sql')) return;
    const name = propertyValue(query, 'name');
    const params = propertyValue(query, 'params');
    out.push({
      index,
      name: name?.type === 'string' ? String(name.value) : `query ${index + 1}`,
      sql: String(sql.value),
      ...(params?.type === 'object' ? { params: valueOf(params) as Record<string, ParamDeclaration> } : {}),
    });
  });
  return out;
}

/** The text with `declared_queries[index].sql` set to `sql`: one string replaced, nothing else touched. */
export function withQuerySql(text: string, index: number, sql: string): string {
  const edits = modify(text, ['declared_queries', index, 'sql'], sql, { formattingOptions: { insertSpaces: true, tabSize: 2 } });
  return applyEdits(text, edits);
}
