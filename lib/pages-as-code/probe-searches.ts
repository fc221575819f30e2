/**
 * Learns what a declared search really returns, for `validate --online`: each
 * distinct search (source, text, target) runs once, with a few matches,
 * through the app's own runners (lib/render/search-runners.ts) and so through
 * the platform client, its limiter and retries. The runners' own refusals (a
 * target the endpoint does not cover, a platform without /search/kb) come
 * back as outcomes, to be placed on the field at fault; a platform that fails
 * outright stops the run, as for SQL.
 */
import { QueryError } from '../render/run-queries';
import { searchRunners, type SearchClient } from '../render/search-runners';
import type { DeclaredQuery } from '../spec/page-model';
import type { ProbeOutcome, SearchQueryFact } from '../spec/online-check';
import type { ResultColumn, Row } from '../spec/resolved';
import { queryFaultOf } from './probe-queries';

export interface SearchProber {
  probe(query: SearchQueryFact): Promise<ProbeOutcome>;
  /** Requests sent to the platform so far. */
  readonly calls: number;
}

/** Enough matches to read the columns from, few enough to cost the platform little. */
export const PROBE_SEARCH_LIMIT = 3;
/** `url` is optional in a knowledge-base answer (the contract): a page may name it though the probe's matches lack it. */
const OPTIONAL_COLUMNS: Record<string, readonly string[]> = { kb_search: ['url'] };

export function searchKey(query: Pick<SearchQueryFact, 'source' | 'query' | 'target'>): string {
  return JSON.stringify([query.source, query.query, query.target ?? '']);
}

/** A column's type where every match agrees on it: numbers are numeric, text that is not a number is text; else unknown. */
function typeOf(rows: readonly Row[], name: string): string | undefined {
  const values = rows.map((r) => r[name]).filter((v) => v !== null && v !== undefined);
  if (values.length === 0) return undefined;
  if (values.every((v) => typeof v === 'number')) return 'double precision';
  if (values.every((v) => typeof v === 'string' && !Number.isFinite(Number(v)))) return 'text';
  return undefined;
}

/** Every column any match has (matches may differ: a theme-level answer is not an utterance-level one), else the runner's documented ones. */
function columnsOf(source: string, rows: readonly Row[], documented: readonly ResultColumn[] | undefined): ResultColumn[] {
  const names = new Set<string>(rows.length > 0 ? rows.flatMap((r) => Object.keys(r)) : (documented ?? []).map((c) => c.name));
  for (const name of OPTIONAL_COLUMNS[source] ?? []) names.add(name);
  return [...names].map((name) => {
    const type = typeOf(rows, name);
    return { name, ...(type ? { type } : {}) };
  });
}

export function createSearchProber(client: SearchClient, options: { signal?: AbortSignal; limit?: number } = {}): SearchProber {
  let calls = 0;
  const counted: SearchClient = {
    search: (body, callOptions) => (calls++, client.search(body, callOptions)),
    searchKb: (body, callOptions) => (calls++, client.searchKb(body, callOptions)),
  };
  const runners = searchRunners(counted, { limit: options.limit ?? PROBE_SEARCH_LIMIT });
  const answers = new Map<string, Promise<ProbeOutcome>>();
  async function run(fact: SearchQueryFact): Promise<ProbeOutcome> {
    const query: DeclaredQuery = { name: fact.name, source: fact.source, query: fact.query, ...(fact.target !== undefined ? { target: fact.target } : {}) };
    try {
      const result = await runners[fact.source]!(query, options.signal ?? AbortSignal.timeout(30_000));
      return { ok: true, columns: columnsOf(fact.source, result.rows, result.columns) };
    } catch (error) {
      if (error instanceof QueryError) return { ok: false, code: error.code, message: error.message };
      const { code, message } = queryFaultOf(error);
      return { ok: false, code, message };
    }
  }
  return {
    get calls() {
      return calls;
    },
    probe(fact) {
      const key = searchKey(fact);
      let answer = answers.get(key);
      if (!answer) {
        answer = run(fact);
        answers.set(key, answer);
      }
      return answer;
    },
  };
}
