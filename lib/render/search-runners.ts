/**
 * The runners of the two search sources a page may declare (create-page.md):
 * `cluster_search` (`query` + `target`) through `POST /search/query` in
 * semantic mode, and `kb_search` (`query`) through `POST /search/kb`. Their
 * `results` become the query's rows, bound by `$query` and `$value` as SQL
 * rows are. A platform without a knowledge-base endpoint gets one named
 * error on the node that binds it.
 */
import { sliceWithin, type SliceRules } from '../embed/slice-rules';
import { isPlatformError } from '../platform/errors';
import type { KbSearchInput, KbSearchResult, SearchInput, SearchResult } from '../platform/schemas';
import type { CallOptions } from '../platform/transport';
import { QueryError, type SourceRunners, type SqlResult } from './run-queries';

/** What the runners need of a platform client. */
export interface SearchClient {
  search(body: SearchInput, options?: CallOptions): Promise<SearchResult>;
  searchKb(body: KbSearchInput, options?: CallOptions): Promise<KbSearchResult>;
}

/** The corpora cluster_search can search: the docs name `interactions`, the only one the search endpoint covers. */
export const SEARCH_TARGETS = ['interactions'] as const;
/** A semantic match (platform docs), the columns of an empty answer. */
export const SEMANTIC_COLUMNS = ['id', 'source_row_id', 'company_id', 'occurred_at', 'speaker_type', 'content_preview', 'similarity'];
export const KB_COLUMNS = ['id', 'title', 'snippet', 'url', 'score'];
export const NO_KB_ENDPOINT = 'This platform has no knowledge-base search endpoint';
/** The codes of the runners' own failures, which `validate --online` places on the query's `target` and `source`. */
export const UNKNOWN_TARGET_CODE = 'unknown_target';
export const NO_KB_ENDPOINT_CODE = 'no_kb_endpoint';

const CLUSTER_LIMIT = 20;
const KB_LIMIT = 10;

function rowsOf(results: readonly Record<string, unknown>[], documented: readonly string[]): SqlResult {
  const rows = results.map((r) => ({ ...r }));
  const names = rows[0] ? Object.keys(rows[0]) : documented;
  return { rows, columns: names.map((name) => ({ name })) };
}

/** `limit` overrides both sources' result counts: `validate --online` asks for a few matches, not a page's worth. */
export function searchRunners(client: SearchClient, options: { rules?: SliceRules; limit?: number } = {}): SourceRunners {
  const { rules, limit } = options;
  return {
    cluster_search: async (query, signal) => {
      const target = query.target ?? '';
      if (!(SEARCH_TARGETS as readonly string[]).includes(target)) {
        throw new QueryError(UNKNOWN_TARGET_CODE, `cluster_search cannot search "${target}": the search endpoint covers ${SEARCH_TARGETS.join(', ')}`);
      }
      const body: SearchInput = { query: query.query ?? '', mode: 'semantic', limit: limit ?? CLUSTER_LIMIT, ...(rules ? { rules } : {}) };
      const result = await client.search(body, { signal });
      // Fail closed, as for SQL: a platform that ignored the slice must not have its matches shown.
      if (rules && !sliceWithin(result.applied_rules, rules)) throw new QueryError('slice_not_enforced', 'The platform did not apply the data slice; nothing is shown');
      return rowsOf(result.results, SEMANTIC_COLUMNS);
    },
    kb_search: async (query, signal) => {
      try {
        const result = await client.searchKb({ query: query.query ?? '', limit: limit ?? KB_LIMIT }, { signal });
        return rowsOf(result.results, KB_COLUMNS);
      } catch (error) {
        // No route (404), or a route that does not take POST (405) or is not built (501).
        if (isPlatformError(error) && [404, 405, 501].includes(error.status)) throw new QueryError(NO_KB_ENDPOINT_CODE, NO_KB_ENDPOINT);
        throw error;
      }
    },
  };
}
