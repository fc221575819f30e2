/**
 * POST /search/query and POST /search/kb over the business's seeded corpus
 * (seed-search.ts): interaction notes and knowledge-base articles, ranked by
 * PostgreSQL full-text search. Not embeddings: the answer says so, with
 * `mode_ran: "fulltext"` and `freshness.source: "local-fts"`.
 *
 * A question is matched word by word (any of its words, stemmed, stop words
 * dropped), and a text that holds every word (web-search syntax: "quoted
 * phrases", -exclusions) ranks above one that holds some. The statements run
 * as the reader role under the caller's slice, like user SQL.
 */
import { requireScope } from '../auth';
import { ApiError } from '../errors';
import { json, readJsonBody } from '../http';
import type { Route, RoutesContext } from '../router';
import { kbSearchBody, parseBody, searchBody } from '../schemas';
import { SEED_ANCHOR } from '../seed';
import { effectiveSlice } from './data';

export const SEARCH_SOURCE = 'local-fts';
export const SEARCH_MODE_RAN = 'fulltext';
const MODES = ['auto', 'semantic'];

/** The filters the semantic lane takes (platform docs); anything else is refused. */
const FILTERS: Record<string, { column: string; ops: string[]; cast: string }> = {
  company_id: { column: 'i.customer_id', ops: ['eq', 'in'], cast: 'text' },
  occurred_at: { column: 'i.occurred_at', ops: ['gte', 'gt', 'lte', 'lt', 'between'], cast: 'timestamptz' },
  speaker_type: { column: 't.speaker_type', ops: ['eq'], cast: 'text' },
};
const SUPPORTED = Object.entries(FILTERS)
  .map(([field, f]) => `${field} (${f.ops.join(', ')})`)
  .join(', ');
const COMPARE: Record<string, string> = { eq: '=', gte: '>=', gt: '>', lte: '<=', lt: '<' };

interface Filter {
  field: string;
  op: string;
  value: unknown;
}

function refuse(index: number, message: string): never {
  throw new ApiError('invalid_argument', `filters[${index}]: ${message}`, {
    fields: [`filters.${index}`],
    supported_filters: Object.fromEntries(Object.entries(FILTERS).map(([field, f]) => [field, f.ops])),
  });
}

function scalar(index: number, filter: Filter, value: unknown, cast: string): string {
  if (typeof value !== 'string' || value.trim() === '') refuse(index, `${filter.field} ${filter.op} takes a non-empty string, got ${JSON.stringify(value)}`);
  if (cast === 'timestamptz' && Number.isNaN(Date.parse(value))) refuse(index, `${filter.field} takes a date or timestamp such as "2026-06-01", got ${JSON.stringify(value)}`);
  return value;
}

/** WHERE terms and their parameters, numbered from `first`. */
export function compileFilters(filters: readonly Filter[], first: number): { sql: string[]; params: unknown[] } {
  const sql: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown, cast: string) => {
    params.push(value);
    return `$${first + params.length - 1}::${cast}`;
  };
  filters.forEach((filter, index) => {
    const spec = FILTERS[filter.field];
    if (!spec) refuse(index, `semantic search cannot filter on "${filter.field}"; it filters on ${SUPPORTED}`);
    if (!spec.ops.includes(filter.op)) refuse(index, `${filter.field} takes ${spec.ops.join(', ')}, not "${filter.op}"`);
    const { column, cast } = spec;
    if (filter.op === 'in') {
      const list = filter.value;
      if (!Array.isArray(list) || list.length === 0 || list.length > 1000) refuse(index, `${filter.field} in takes a list of 1 to 1000 strings`);
      sql.push(`${column} = ANY(${param(list.map((v) => scalar(index, filter, v, cast)), `${cast}[]`)})`);
    } else if (filter.op === 'between') {
      const pair = filter.value;
      if (!Array.isArray(pair) || pair.length !== 2) refuse(index, `${filter.field} between takes [from, to]`);
      sql.push(`${column} BETWEEN ${param(scalar(index, filter, pair[0], cast), cast)} AND ${param(scalar(index, filter, pair[1], cast), cast)}`);
    } else {
      sql.push(`${column} ${COMPARE[filter.op]} ${param(scalar(index, filter, filter.value, cast), cast)}`);
    }
  });
  return { sql, params };
}

/** The question as "any of its words" in websearch syntax (each word a term, joined by `or`). */
export function anyWordQuery(text: string): string {
  const words = (text.match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.toLowerCase() !== 'or').slice(0, 64);
  return words.join(' or ');
}

// $1 any-word query, $2 the text as written (every word, phrases, exclusions).
const RANK = `(((t.tsv @@ q.all_q)::int + ts_rank(t.tsv, q.any_q, 32)) / 2)`;
const QUERIES = `(SELECT websearch_to_tsquery('english', $1) AS any_q, websearch_to_tsquery('english', $2) AS all_q) AS q`;

function notesSql(where: string[]): string {
  return `SELECT 'note_' || t.interaction_id AS id, t.interaction_id AS source_row_id, i.customer_id AS company_id, i.occurred_at,
       t.speaker_type, left(t.body, 240) AS content_preview, round(${RANK}::numeric, 4)::float8 AS similarity
FROM ${QUERIES}, amdahl_search.notes AS t JOIN public.interactions AS i ON i.id = t.interaction_id
WHERE ${['t.tsv @@ q.any_q', ...where].join(' AND ')}
ORDER BY ${RANK} DESC, t.interaction_id
LIMIT $3`;
}

const KB_SQL = `SELECT t.id, t.title,
       ts_headline('english', t.body, q.any_q, 'MaxWords=30, MinWords=12, StartSel="", StopSel=""') AS snippet,
       round(${RANK}::numeric, 4)::float8 AS score
FROM ${QUERIES}, amdahl_search.kb_articles AS t
WHERE t.tsv @@ q.any_q
ORDER BY ${RANK} DESC, t.id
LIMIT $3`;

export function searchRoutes({ business }: RoutesContext): Route[] {
  return [
    {
      method: 'POST',
      pattern: /^\/search\/query$/,
      handler: async ({ req, caller }) => {
        const started = performance.now();
        requireScope(caller, 'data:read');
        const body = parseBody(searchBody, await readJsonBody(req));
        const mode = body.mode ?? 'auto';
        if (!MODES.includes(mode)) {
          throw new ApiError('invalid_argument', `mode "${mode}" is not served here; this platform answers ${MODES.join(' and ')} with a full-text search`, { fields: ['mode'] });
        }
        const slice = effectiveSlice(caller, body.rules);
        const filters = compileFilters(body.filters ?? [], 4);
        const sql = notesSql(filters.sql);
        const result = await business(caller.business).db.platformQuery(sql, [anyWordQuery(body.query), body.query, body.limit ?? 20, ...filters.params], slice);
        return json(200, {
          success: true,
          mode_ran: SEARCH_MODE_RAN,
          results: result.rows,
          freshness: { source: SEARCH_SOURCE, synced_at: SEED_ANCHOR },
          timing: { total_ms: Math.round(performance.now() - started), search_ms: result.elapsed_ms },
          ...(slice ? { applied_rules: slice } : {}),
        });
      },
    },
    {
      method: 'POST',
      pattern: /^\/search\/kb$/,
      handler: async ({ req, caller }) => {
        requireScope(caller, 'data:read');
        const body = parseBody(kbSearchBody, await readJsonBody(req));
        const result = await business(caller.business).db.platformQuery(KB_SQL, [anyWordQuery(body.query), body.query, body.limit ?? 10]);
        return json(200, { results: result.rows });
      },
    },
  ];
}
