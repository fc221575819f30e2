/** POST /data/query: one checked, read-only SELECT against the caller's business. */
import { createHash } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import { intersectSlices, parseSliceRules, type SliceRules } from '../../embed/slice-rules';
import { LineIndex } from '../../spec/json-text';
import { checkSql, loadSqlParser, type SqlProblem } from '../../spec/sql-check';
import { requireScope, type Caller } from '../auth';
import { ApiError } from '../errors';
import { json, readJsonBody } from '../http';
import type { SqlChecker } from '../options';
import { queryDelayMs, waitFor } from '../query-delay';
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

/** The key's own slice and the requested one together; a request for rows the key cannot see is refused. */
export function effectiveSlice(caller: Caller, requested: unknown): SliceRules | undefined {
  const parsed = parseSliceRules(requested);
  if (!parsed.ok) throw new ApiError('invalid_argument', parsed.message, { fields: ['rules'] });
  const both = intersectSlices(caller.rules, parsed.rules);
  if (both.empty) throw new ApiError('permission_denied', `this key cannot see rows with the requested ${both.empty}`, { fields: ['rules'] });
  return both.rules;
}

export function dataRoutes({ config, business }: RoutesContext): Route[] {
  const checker = config.checkSql ?? defaultSqlChecker;
  return [
    {
      method: 'POST',
      pattern: /^\/data\/query$/,
      handler: async ({ req, caller }) => {
        requireScope(caller, 'data:read');
        const { sql, rules } = parseBody(queryBody, await readJsonBody(req));
        const slice = effectiveSlice(caller, rules);
        const problems = await checker(sql);
        if (problems.length > 0) throw sqlRefusal(sql, problems);
        if (config.queryLog) {
          const line = { at: new Date().toISOString(), business: caller.business, key: caller.keyId, sql_sha256: createHash('sha256').update(sql).digest('hex'), rules: slice ?? null };
          await appendFile(config.queryLog, JSON.stringify(line) + '\n');
        }
        await waitFor(queryDelayMs(sql, config.queryDelay), req.signal);
        const result = await business(caller.business).db.query(sql, slice);
        // The caller learns which slice the database applied: a host that asked for one checks it was.
        return json(200, slice ? { ...result, applied_rules: slice } : result);
      },
    },
  ];
}
