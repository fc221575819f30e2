/**
 * Checks a declared query's SQL with the real PostgreSQL parser (libpg-query,
 * WASM, offline): exactly one plain SELECT (WITH allowed), nothing that writes
 * or locks, no `business_id`, only allow-listed tables, no denied function.
 * Offsets are 0-based character offsets into the SQL as the author wrote it.
 */
import { loadModule, parseSync } from 'libpg-query';
import { byteToCharIndex, findParamReferences, withPositionalParams } from './sql-params';

export interface SqlProblem {
  message: string;
  offset?: number;
  hint?: string;
}

export interface SqlCheckOptions {
  /** Tables a query may read. Default: `interactions`. */
  allowedTables?: readonly string[];
  /**
   * Functions to let through although denied. The local platform lets
   * pg_sleep reach the database, where its real time limit stops it; a
   * page's declared queries are still refused it.
   */
  allowFunctions?: readonly string[];
}

export const DEFAULT_ALLOWED_TABLES: readonly string[] = ['interactions'];

let loading: Promise<void> | undefined;
let loaded = false;

/** Loads the parser's WASM once. Every entry point awaits this before checking. */
export function loadSqlParser(): Promise<void> {
  loading ??= loadModule().then(() => {
    loaded = true;
  });
  return loading;
}

export function sqlParserReady(): boolean {
  return loaded;
}

const DENIED_FUNCTIONS = new Set([
  'set_config', 'setval', 'nextval', 'currval', 'lastval', 'pg_notify', 'txid_current', 'pg_current_xact_id',
  'query_to_xml', 'query_to_xml_and_xmlschema', 'query_to_xmlschema', 'table_to_xml', 'table_to_xml_and_xmlschema',
  'table_to_xmlschema', 'cursor_to_xml', 'cursor_to_xmlschema', 'schema_to_xml', 'schema_to_xml_and_xmlschema',
  'database_to_xml', 'database_to_xml_and_xmlschema', 'dblink', 'version', 'current_setting', 'inet_server_addr',
  'inet_server_port', 'inet_client_addr', 'pg_backend_pid', 'pg_postmaster_start_time', 'pg_conf_load_time',
  'row_security_active', 'has_table_privilege', 'to_regclass', 'to_regrole',
]);
const DENIED_PREFIXES = [
  'pg_sleep', 'pg_read_', 'pg_ls_', 'pg_stat_', 'pg_file', 'pg_terminate', 'pg_cancel', 'pg_reload', 'pg_rotate',
  'pg_advisory', 'pg_try_advisory', 'pg_logical', 'pg_replication', 'pg_create', 'pg_drop', 'pg_switch', 'pg_promote',
  'pg_backup', 'pg_start_backup', 'pg_stop_backup', 'pg_import', 'pg_get_', 'pg_wal', 'pg_xact', 'pg_log', 'pg_export',
  'lo_', 'dblink', 'pg_catalog', 'pg_current', 'pg_column', 'pg_relation', 'pg_table', 'pg_total', 'pg_indexes',
  'pg_database', 'pg_tablespace', 'pg_size', 'pg_describe', 'pg_options', 'pg_settings', 'pg_show', 'pg_jit',
];

/** Why a function is refused, or undefined when it is allowed. */
function deniedFunction(name: string): boolean {
  const lower = name.toLowerCase();
  return DENIED_FUNCTIONS.has(lower) || DENIED_PREFIXES.some((p) => lower.startsWith(p));
}

const WRITE_NODES: Record<string, string> = {
  InsertStmt: 'INSERT',
  UpdateStmt: 'UPDATE',
  DeleteStmt: 'DELETE',
  MergeStmt: 'MERGE',
};

const STATEMENT_NAMES: Record<string, string> = {
  ...WRITE_NODES,
  CreateStmt: 'CREATE TABLE', CreateTableAsStmt: 'CREATE TABLE AS', DropStmt: 'DROP', AlterTableStmt: 'ALTER TABLE',
  TruncateStmt: 'TRUNCATE', CopyStmt: 'COPY', VariableSetStmt: 'SET', VariableShowStmt: 'SHOW', TransactionStmt: 'a transaction command',
  GrantStmt: 'GRANT', GrantRoleStmt: 'GRANT', CreateRoleStmt: 'CREATE ROLE', DoStmt: 'DO', CreateFunctionStmt: 'CREATE FUNCTION',
  ExplainStmt: 'EXPLAIN', VacuumStmt: 'VACUUM', LockStmt: 'LOCK', ListenStmt: 'LISTEN', NotifyStmt: 'NOTIFY', DeclareCursorStmt: 'DECLARE',
  PrepareStmt: 'PREPARE', ExecuteStmt: 'EXECUTE', CallStmt: 'CALL', IndexStmt: 'CREATE INDEX', ViewStmt: 'CREATE VIEW', LoadStmt: 'LOAD',
  DiscardStmt: 'DISCARD', CheckPointStmt: 'CHECKPOINT', ReindexStmt: 'REINDEX', ClusterStmt: 'CLUSTER', RefreshMatViewStmt: 'REFRESH',
  CreateExtensionStmt: 'CREATE EXTENSION', AlterSystemStmt: 'ALTER SYSTEM', VariableResetStmt: 'RESET',
};

type AstNode = Record<string, unknown>;


function stringList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((item) => ((item as { String?: { sval?: string } }).String?.sval ?? '')).filter(Boolean);
}

/** What one parse tells about a statement: its problems and, when knowable, its output columns. */
export interface SqlAnalysis {
  problems: SqlProblem[];
  columns: string[] | undefined;
}

const cache = new Map<string, SqlAnalysis>();
const CACHE_LIMIT = 2000;

/** Forgets every cached verdict (benchmarks measure the parse itself). */
export function clearSqlCache(): void {
  cache.clear();
}

export function checkSql(sql: string, options: SqlCheckOptions = {}): SqlProblem[] {
  return analyseSql(sql, options).problems;
}

/** Parses once and answers both the problems and the output columns; cached by text and options. */
export function analyseSql(sql: string, options: SqlCheckOptions = {}): SqlAnalysis {
  const allowed = options.allowedTables ?? DEFAULT_ALLOWED_TABLES;
  const allowFunctions = options.allowFunctions ?? [];
  const key = `${allowed.join(',')}\u0000${allowFunctions.join(',')}\u0000${sql}`;
  const hit = cache.get(key);
  if (hit) return hit;
  if (!loaded) throw new Error('checkSql: call `await loadSqlParser()` first');
  let tree: ParseTree | undefined;
  let problems: SqlProblem[];
  if (sql.trim() === '') problems = [{ message: 'The SQL is empty', offset: 0, hint: 'write one SELECT statement' }];
  else {
    try {
      tree = parseSync(withPositionalParams(sql, findParamReferences(sql))) as ParseTree;
      problems = problemsOf(sql, tree, allowed, allowFunctions);
    } catch (error) {
      const details = (error as { sqlDetails?: { message?: string; cursorPosition?: number } }).sqlDetails;
      problems = [{ message: `SQL syntax error: ${details?.message ?? (error as Error).message}`, offset: details?.cursorPosition }];
    }
  }
  const analysis: SqlAnalysis = { problems, columns: tree ? columnsOf(tree) : undefined };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, analysis);
  return analysis;
}

type ParseTree = { stmts?: { stmt?: AstNode; stmt_location?: number }[] };

function problemsOf(sql: string, tree: ParseTree, allowedTables: readonly string[], allowFunctions: readonly string[]): SqlProblem[] {
  const stmts = tree.stmts ?? [];
  if (stmts.length !== 1) {
    const second = stmts[1]?.stmt_location;
    return [
      stmts.length === 0
        ? { message: 'The SQL holds no statement', offset: 0, hint: 'write one SELECT statement' }
        : { message: `Expected exactly one statement, found ${stmts.length}`, offset: second, hint: 'remove the `;` and everything after it' },
    ];
  }
  const stmt = stmts[0]!.stmt ?? {};
  const kind = Object.keys(stmt)[0] ?? 'unknown';
  if (kind !== 'SelectStmt') {
    const name = STATEMENT_NAMES[kind] ?? kind.replace(/Stmt$/, '').toUpperCase();
    return [{ message: `Only SELECT is allowed; this is ${name}`, offset: (stmts[0]!.stmt_location ?? 0), hint: 'declared queries are read-only' }];
  }

  const toChar = byteToCharIndex(sql);
  const problems: SqlProblem[] = [];
  const locationOf = (node: AstNode): number | undefined => {
    const loc = node?.location;
    return typeof loc === 'number' ? toChar(loc) : undefined;
  };
  const checkTable = (node: AstNode, scope: ReadonlySet<string>): void => {
    const table = String(node.relname ?? '');
    const name = table.toLowerCase();
    const schema = (node.schemaname as string | undefined)?.toLowerCase();
    const offset = locationOf(node);
    if (schema === undefined && scope.has(name)) return;
    if (schema !== undefined && schema !== 'public') {
      problems.push({ message: `The table ${String(node.schemaname)}.${table} is not allowed`, offset, hint: `queries may read ${allowedTables.join(', ')}` });
    } else if (!allowedTables.includes(name)) {
      problems.push({ message: `The table ${table} is not allowed`, offset, hint: `queries may read ${allowedTables.join(', ')}` });
    }
  };

  /**
   * `scope` holds the WITH names visible here. A WITH's names cover its own
   * statement; inside a non-recursive WITH a query sees only the names
   * declared before it, so `WITH t AS (SELECT * FROM t)` reads the real t.
   * `nearest` is the closest location seen on the way down: write nodes and
   * clauses carry none of their own.
   */
  const visit = (value: unknown, scope: ReadonlySet<string>, nearest: number | undefined): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, scope, nearest);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const own = locationOf(value as AstNode);
    if (own !== undefined) nearest = own;
    const withClause = (value as AstNode).withClause as AstNode | undefined;
    let inner = scope;
    if (withClause && Array.isArray(withClause.ctes)) {
      const ctes = withClause.ctes.map((c) => ((c as AstNode).CommonTableExpr ?? {}) as AstNode);
      const names = ctes.map((c) => String(c.ctename ?? '').toLowerCase());
      ctes.forEach((cte, i) => {
        const visible = new Set([...scope, ...(withClause.recursive ? names : names.slice(0, i))]);
        visit(cte.ctequery, visible, locationOf(cte) ?? nearest);
      });
      inner = new Set([...scope, ...names]);
    }
    for (const [key, child] of Object.entries(value as AstNode)) {
      if (key === 'withClause') continue;
      const node = child as AstNode;
      if (WRITE_NODES[key]) {
        problems.push({ message: `A data-modifying ${WRITE_NODES[key]} is not allowed inside a query`, offset: locationOf(node) ?? nearest, hint: 'declared queries are read-only' });
      } else if (key === 'intoClause' && child) {
        problems.push({ message: 'SELECT INTO creates a table and is not allowed', offset: locationOf((node.rel ?? {}) as AstNode) ?? nearest, hint: 'remove the INTO clause' });
      } else if (key === 'lockingClause' && Array.isArray(child) && child.length > 0) {
        problems.push({ message: 'A locking clause (FOR UPDATE/SHARE) is not allowed', offset: nearest, hint: 'declared queries are read-only' });
      } else if (key === 'RangeVar') {
        checkTable(node, inner);
      } else if (key === 'FuncCall') {
        const parts = stringList(node.funcname);
        const fn = parts[parts.length - 1] ?? '';
        const allowedHere = allowFunctions.includes(fn.toLowerCase());
        if ((deniedFunction(fn) && !allowedHere) || (parts.length > 1 && parts[0]!.toLowerCase() !== 'pg_catalog')) {
          problems.push({ message: `The function ${parts.join('.')}() is not allowed`, offset: locationOf(node), hint: 'system, file, network, sleep and configuration functions are refused' });
        }
      } else if (key === 'ColumnRef') {
        const fields = stringList(node.fields);
        if (fields.some((f) => f.toLowerCase() === 'business_id')) {
          problems.push({ message: 'business_id must not appear in a query: the platform scopes every query to your business', offset: locationOf(node), hint: 'remove the business_id condition' });
        }
      } else if (key === 'ResTarget' && typeof node.name === 'string' && node.name.toLowerCase() === 'business_id') {
        problems.push({ message: 'business_id must not appear in a query', offset: locationOf(node), hint: 'choose another alias' });
      }
      visit(child, inner, nearest);
    }
  };
  visit(stmt, new Set(), undefined);
  return problems;
}

/**
 * The names of the columns a SELECT returns, in order, when they can be known
 * without running it (aliases, plain column references, function names as
 * Postgres names them). Undefined when any target is `*` or an expression
 * Postgres would name `?column?`, so callers never guess.
 */
function columnsOf(tree: ParseTree): string[] | undefined {
  let select = tree.stmts?.length === 1 ? (tree.stmts[0]!.stmt?.SelectStmt as AstNode | undefined) : undefined;
  while (select && select.op && select.op !== 'SETOP_NONE') select = (select.larg as AstNode | undefined);
  const targets = select?.targetList;
  if (!Array.isArray(targets)) return undefined;
  const names: string[] = [];
  for (const target of targets) {
    const res = (target as AstNode).ResTarget as AstNode | undefined;
    if (!res) return undefined;
    if (typeof res.name === 'string') {
      names.push(res.name);
      continue;
    }
    const name = expressionName(res.val as AstNode | undefined);
    if (name === undefined) return undefined;
    names.push(name);
  }
  return names;
}

function expressionName(val: AstNode | undefined): string | undefined {
  if (!val) return undefined;
  if (val.ColumnRef) {
    const fields = (val.ColumnRef as AstNode).fields as unknown[];
    const last = fields?.[fields.length - 1] as AstNode | undefined;
    return last && 'String' in last ? stringList([last])[0] : undefined;
  }
  if (val.FuncCall) {
    const parts = stringList((val.FuncCall as AstNode).funcname);
    return parts[parts.length - 1];
  }
  if (val.TypeCast) {
    const cast = val.TypeCast as AstNode;
    const inner = expressionName(cast.arg as AstNode | undefined);
    if (inner !== undefined) return inner;
    const typeNames = stringList((cast.typeName as AstNode | undefined)?.names);
    return typeNames[typeNames.length - 1];
  }
  if (val.CoalesceExpr) return 'coalesce';
  if (val.CaseExpr) return 'case';
  return undefined;
}
