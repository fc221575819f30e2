/** Cross-checks once the tree and the queries are read: unbound and unused queries, columns the SQL does not name. */
import { isObject, type DocumentView } from '../document';
import { suggestOr } from '../suggest';
import { push, type Context } from './context';

export function checkBindings(ctx: Context, doc: DocumentView, queryColumns: Map<string, string[] | undefined>): void {
  const declared = [...queryColumns.keys()];
  const used = new Set<string>();
  for (const b of ctx.bindings) {
    used.add(b.query);
    if (!queryColumns.has(b.query)) {
      push(ctx, {
        code: 'unbound-query',
        message: `${b.component}.${b.prop} binds "${b.query}", which is not a declared query`,
        pointer: b.pointer,
        ...suggestOr(b.query, declared, declared.length ? `declared queries: ${declared.join(', ')}` : 'declare it in declared_queries'),
      });
      continue;
    }
    const cols = queryColumns.get(b.query);
    if (b.field !== undefined && cols && !cols.includes(b.field)) {
      push(ctx, { code: 'unknown-column', message: `"${b.query}" returns no column "${b.field}"`, pointer: b.fieldPointer!, ...suggestOr(b.field, cols, `its columns: ${cols.join(', ')}`) });
    }
  }
  for (const c of ctx.columns) {
    const cols = queryColumns.get(c.query);
    if (cols && !cols.includes(c.column)) {
      push(ctx, { code: 'unknown-column', message: `${c.component}.${c.prop} names "${c.column}", which "${c.query}" does not return`, pointer: c.pointer, ...suggestOr(c.column, cols, `its columns: ${cols.join(', ')}`) });
    }
  }
  if (Array.isArray(doc.declaredQueries)) {
    doc.declaredQueries.forEach((q, i) => {
      if (isObject(q) && typeof q.name === 'string' && queryColumns.has(q.name) && !used.has(q.name) && !ctx.named.has(q.name)) {
        push(ctx, { code: 'unused-query', severity: 'warning', message: `The query "${q.name}" is declared but nothing binds it`, pointer: `${doc.queriesPointer}/${i}/name`, hint: `bind it with {"$query": "${q.name}"} or remove it` });
      }
    });
  }
}
