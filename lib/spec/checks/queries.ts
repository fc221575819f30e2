/** declared_queries: names, sources, params, and the SQL itself (the real PostgreSQL parser). */
import { escapePointerSegment, isObject, type DocumentView } from '../document';
import { inferQuerySource } from '../normalise';
import { PARAM_TYPES, type ParamDeclaration } from '../page-model';
import { analyseSql } from '../sql-check';
import { findParamReferences } from '../sql-params';
import { didYouMean, suggestOr } from '../suggest';
import { push, quoteList, type Context } from './context';

const QUERY_KEYS = ['name', 'description', 'source', 'sql', 'query', 'target', 'params'];
const SOURCES = ['sql', 'cluster_search', 'kb_search'];
const QUERY_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** As long as the platform takes (lib/local-platform/schemas.ts). */
const MAX_SEARCH_QUERY = 1000;
/** The corpora cluster_search is known to search (create-page.md names `interactions`). */
const SEARCH_TARGETS = ['interactions'];

/** Checks declared_queries; answers the statically known output columns of each SQL query. */
export function checkQueries(ctx: Context, doc: DocumentView): Map<string, string[] | undefined> {
  const columns = new Map<string, string[] | undefined>();
  const list = doc.declaredQueries;
  if (list === undefined) return columns;
  const base = doc.queriesPointer;
  if (!Array.isArray(list)) {
    push(ctx, { code: 'bad-query', message: 'declared_queries must be an array of {name, source, sql}', pointer: base });
    return columns;
  }
  const firstIndex = new Map<string, number>();
  list.forEach((q, i) => {
    const ptr = `${base}/${i}`;
    if (!isObject(q)) {
      push(ctx, { code: 'bad-query', message: 'A declared query must be an object {name, source, sql}', pointer: ptr });
      return;
    }
    for (const key of Object.keys(q)) {
      if (!QUERY_KEYS.includes(key)) push(ctx, { code: 'bad-query', message: `Unknown declared query field "${key}"`, pointer: `${ptr}/${escapePointerSegment(key)}`, key: true, ...suggestOr(key, QUERY_KEYS, `a query has ${QUERY_KEYS.join(', ')}`) });
    }
    const name = q.name;
    if (name === undefined) push(ctx, { code: 'bad-query', message: 'This declared query has no "name"', pointer: ptr, hint: 'add "name": "by_channel"' });
    else if (typeof name !== 'string' || !QUERY_NAME.test(name)) {
      push(ctx, { code: 'bad-query', message: `Query name ${JSON.stringify(name)} must be an identifier (letters, digits, _)`, pointer: `${ptr}/name` });
    } else if (firstIndex.has(name)) {
      push(ctx, { code: 'duplicate-query', message: `The query name "${name}" is declared twice`, pointer: `${ptr}/name`, hint: `first declared at ${base}/${firstIndex.get(name)}; rename one` });
    } else firstIndex.set(name, i);

    let source = q.source;
    if (source === undefined) source = inferQuerySource(q);
    else if (typeof source !== 'string' || !SOURCES.includes(source)) {
      push(ctx, { code: 'bad-query', message: `Unknown query source ${JSON.stringify(source)}`, pointer: `${ptr}/source`, ...suggestOr(source, SOURCES, `one of ${quoteList(SOURCES)}`) });
      // Still declared: bindings to it are not "unbound".
      if (typeof name === 'string' && firstIndex.get(name) === i) columns.set(name, undefined);
      return;
    }
    const declaredParams = checkParams(ctx, q.params, `${ptr}/params`);
    if (source === 'sql') {
      if (typeof q.sql !== 'string') {
        if (q.sql === undefined) push(ctx, { code: 'bad-query', message: 'A sql query needs "sql": one SELECT statement', pointer: ptr });
        else push(ctx, { code: 'bad-query', message: '"sql" must be a string', pointer: `${ptr}/sql` });
        // Still declared: bindings to it are not "unbound".
        if (typeof name === 'string' && firstIndex.get(name) === i) columns.set(name, undefined);
      } else {
        const sqlPointer = `${ptr}/sql`;
        const analysis = analyseSql(q.sql, { allowedTables: ctx.options.allowedTables });
        for (const problem of analysis.problems) {
          push(ctx, { code: 'invalid-sql', message: problem.message, pointer: sqlPointer, hint: problem.hint, at: problem.offset === undefined ? undefined : { offset: problem.offset, length: 1 } });
        }
        const refs = findParamReferences(q.sql);
        const used = new Set(refs.map((r) => r.name));
        for (const ref of refs) {
          if (!declaredParams.has(ref.name)) {
            push(ctx, { code: 'unknown-param', message: `@${ref.name} is not a declared param of ${typeof name === 'string' ? `"${name}"` : 'this query'}`, pointer: sqlPointer, at: { offset: ref.start, length: ref.end - ref.start }, hint: didYouMean(ref.name, declaredParams, '@') ?? `declare it: "params": {"${ref.name}": "string"}` });
          }
        }
        for (const param of declaredParams) {
          if (!used.has(param)) push(ctx, { code: 'unused-param', severity: 'warning', message: `The param "${param}" is declared but the SQL never uses @${param}`, pointer: `${ptr}/params/${escapePointerSegment(param)}`, key: true, hint: `use @${param} in the SQL or remove it` });
        }
        if (typeof name === 'string' && firstIndex.get(name) === i) {
          columns.set(name, analysis.columns);
          ctx.sqlQueries.push({ name, sql: q.sql, pointer: ptr, refused: false, ...(isObject(q.params) ? { params: q.params as Record<string, ParamDeclaration> } : {}), ...(analysis.columns ? { staticColumns: analysis.columns } : {}) });
        }
      }
    } else {
      checkSearchQuery(ctx, q, String(source), ptr);
      if (typeof name === 'string' && firstIndex.get(name) === i) columns.set(name, undefined);
    }
  });
  return columns;
}

/** The search text and, for cluster_search, its corpus: present, non-empty, of a sensible length, and nothing SQL-only beside them. */
function checkSearchQuery(ctx: Context, q: Record<string, unknown>, source: string, ptr: string): void {
  const text = q.query;
  if (text === undefined) push(ctx, { code: 'bad-query', message: `A ${source} query needs "query": the search text`, pointer: ptr, hint: '"query": "complaints about late deliveries"' });
  else if (typeof text !== 'string') push(ctx, { code: 'bad-query', message: '"query" must be a string: the search text', pointer: `${ptr}/query` });
  else if (text.trim() === '') push(ctx, { code: 'bad-query', message: '"query" is empty: say what to search for', pointer: `${ptr}/query`, hint: '"query": "complaints about late deliveries"' });
  else if (text.length > MAX_SEARCH_QUERY) push(ctx, { code: 'bad-query', message: `"query" is ${text.length} characters long; a search text has at most ${MAX_SEARCH_QUERY}`, pointer: `${ptr}/query`, hint: 'search for the idea in a sentence or two' });
  const target = q.target;
  if (source === 'cluster_search') {
    if (target === undefined) push(ctx, { code: 'bad-query', message: 'A cluster_search query needs "target": the corpus to search', pointer: ptr, hint: `"target": "${SEARCH_TARGETS[0]}"` });
    else if (typeof target !== 'string' || target.trim() === '') push(ctx, { code: 'bad-query', message: '"target" must name the corpus to search', pointer: `${ptr}/target`, hint: `"target": "${SEARCH_TARGETS[0]}"` });
    else if (!SEARCH_TARGETS.includes(target)) {
      // Another platform may know other corpora: said, not refused.
      push(ctx, { code: 'bad-query', severity: 'warning', message: `"${target}" is not a corpus the search endpoint is known to cover`, pointer: `${ptr}/target`, ...suggestOr(target, SEARCH_TARGETS, `the known corpus is ${quoteList(SEARCH_TARGETS)}`) });
    }
  } else if (target !== undefined) {
    push(ctx, { code: 'bad-query', severity: 'warning', message: 'A kb_search query has no "target"; it searches the knowledge base and ignores this', pointer: `${ptr}/target`, key: true, hint: 'remove "target", or use "source": "cluster_search"' });
  }
  if (q.sql !== undefined) push(ctx, { code: 'bad-query', severity: 'warning', message: `A ${source} query does not run "sql"; it is ignored`, pointer: `${ptr}/sql`, key: true, hint: 'use "source": "sql" to run the SQL' });
  if (q.params !== undefined) push(ctx, { code: 'bad-query', severity: 'warning', message: `Params are for SQL; a ${source} query ignores them`, pointer: `${ptr}/params`, key: true, hint: 'remove "params"' });
}

function checkParams(ctx: Context, params: unknown, pointer: string): Set<string> {
  const names = new Set<string>();
  if (params === undefined) return names;
  if (!isObject(params)) {
    push(ctx, { code: 'bad-query', message: 'params must be an object mapping a name to a type', pointer, hint: '"params": {"channel": "string"}' });
    return names;
  }
  for (const [name, decl] of Object.entries(params)) {
    const ptr = `${pointer}/${escapePointerSegment(name)}`;
    names.add(name);
    if (!QUERY_NAME.test(name)) push(ctx, { code: 'bad-query', message: `Param name "${name}" must be an identifier`, pointer: ptr, key: true });
    const badType = (t: unknown, at: string) => {
      if (typeof t !== 'string' || !(PARAM_TYPES as readonly string[]).includes(t)) {
        push(ctx, { code: 'bad-query', message: `Unknown param type ${JSON.stringify(t)}`, pointer: at, ...suggestOr(t, PARAM_TYPES, `one of ${quoteList(PARAM_TYPES)}, or a list of allowed values`) });
      }
    };
    if (typeof decl === 'string') badType(decl, ptr);
    else if (Array.isArray(decl)) {
      if (decl.length === 0 || decl.some((v) => typeof v !== 'string' && typeof v !== 'number')) push(ctx, { code: 'bad-query', message: 'A list of allowed values must hold strings or numbers', pointer: ptr });
    } else if (isObject(decl)) {
      for (const key of Object.keys(decl)) if (!['type', 'values', 'default', 'description'].includes(key)) push(ctx, { code: 'bad-query', message: `Unknown param field "${key}"`, pointer: `${ptr}/${escapePointerSegment(key)}`, key: true, hint: 'a param has type, values, default, description' });
      if (decl.type !== undefined) badType(decl.type, `${ptr}/type`);
      if (decl.values !== undefined && (!Array.isArray(decl.values) || decl.values.length === 0)) push(ctx, { code: 'bad-query', message: 'values must be a non-empty list', pointer: `${ptr}/values` });
      if (decl.type === undefined && decl.values === undefined) push(ctx, { code: 'bad-query', message: 'A param needs a type or a list of values', pointer: ptr });
    } else {
      push(ctx, { code: 'bad-query', message: 'A param is a type name, a list of allowed values, or {type, values, default}', pointer: ptr });
    }
  }
  return names;
}
