/** POST /data/query: one checked, read-only SELECT against the caller's business. */
import { LineIndex } from '../../spec/json-text';
import { checkSql, loadSqlParser, type SqlProblem } from '../../spec/sql-check';
import { requireScope } from '../auth';
import { ApiError } from '../errors';
import { json, readJsonBody } from '../http';
import type { SqlChecker } from '../options';
import type { Route, RoutesContext } from '../router';
import { parseBody, queryBody } from '../schemas';

export const defaultSqlChecker: SqlChecker = async (sql) => {
  await loadSqlParser();
  // pg_sleep is slow, not unsafe: it reaches the database, where the worker's deadline answers 504.
  return checkSql(sql, { allowedTables: ['interactions'], allowFunctions: ['pg_sleep'] });
};

/** A 400 naming every problem, each with its offset, line and column in `sql`. */
function sqlRefusal(sql: string, problems: SqlProblem[]): ApiError {
  const first = problems[0]!;
  const detailed = problems.map((p) => ({
    message: p.message,
    ...(p.offset !== undefined ? { offset: p.offset, ...new LineIndex(sql).position(p.offset) } : {}),
    ...(p.hint ? { hint: p.hint } : {}),
  }));
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return new ApiError('invalid_argument', `${first.message}${more}`, { problems: detailed });
}

export function dataRoutes({ config, business }: RoutesContext): Route[] {
  const checker = config.checkSql ?? defaultSqlChecker;
  return [
    {
      method: 'POST',
      pattern: /^\/data\/query$/,
      handler: async ({ req, caller }) => {
        requireScope(caller, 'data:read');
        const { sql } = parseBody(queryBody, await readJsonBody(req));
        const problems = await checker(sql);
        if (problems.length > 0) throw sqlRefusal(sql, problems);
        const result = await business(caller.business).db.query(sql);
        return json(200, result);
      },
    },
  ];
}
