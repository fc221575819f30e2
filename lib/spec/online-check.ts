/**
 * The online checks: what a page's props name, compared with the columns and
 * types its queries really return (learnt by running each SQL query with zero
 * rows, and each search once with a few matches; see
 * lib/pages-as-code/probe-queries.ts and probe-searches.ts). Pure: the caller
 * hands in what each query returned, this answers Diagnostics at the same
 * positions as the offline checks.
 */
import { classifyColumnType } from './column-types';
import type { Diagnostic } from './diagnostics';
import { withPositions, type Finding } from './positions';
import type { ResultColumn } from './resolved';
import { suggestOr } from './suggest';
import type { PageAnalysis } from './validate';

/** What running one declared query with zero rows taught. */
export type ProbeOutcome =
  | { ok: true; columns: ResultColumn[] }
  /** The platform answered without columns and with no row to read them from: nothing can be said. */
  | { ok: true; columns: undefined }
  | { ok: false; code: string; message: string; hint?: string; /** Offset into the author's SQL, when the platform gave one. */ offset?: number };

/** A declared `cluster_search` or `kb_search` query as the author wrote it (the offline analysis records SQL queries only). */
export interface SearchQueryFact {
  name: string;
  source: 'cluster_search' | 'kb_search';
  query: string;
  target?: string;
  /** Pointer of the query object, e.g. `/declared_queries/2`. */
  pointer: string;
  /** Its `source` field, or the query object when the source is inferred. */
  sourcePointer: string;
  /** The offline checks found an error in it: it must not be sent to a platform. */
  refused: boolean;
}

/** The runners' own refusals (lib/render/search-runners.ts), each placed on the field the author would change. */
const SEARCH_REFUSALS: Record<string, (q: SearchQueryFact) => Pick<Finding, 'code' | 'pointer' | 'hint'>> = {
  unknown_target: (q) => ({ code: 'unknown-target', pointer: `${q.pointer}/target`, hint: '"target": "interactions", the corpus the search endpoint covers' }),
  no_kb_endpoint: (q) => ({
    code: 'search-unavailable',
    pointer: q.sourcePointer,
    hint: `this platform answers 404 to POST /search/kb, so the nodes bound to "${q.name}" show an error card there; search "interactions" with "source": "cluster_search", or use a platform that serves /search/kb`,
  }),
};

function searchFindings(searches: readonly SearchQueryFact[], outcomes: ReadonlyMap<string, ProbeOutcome>): Finding[] {
  const findings: Finding[] = [];
  for (const q of searches) {
    const outcome = outcomes.get(q.name);
    if (!outcome || outcome.ok) continue;
    const refusal = SEARCH_REFUSALS[outcome.code];
    if (refusal) findings.push({ severity: 'error', message: `"${q.name}" (${q.source}) cannot run: ${outcome.message}`, ...refusal(q) });
    else findings.push({ code: 'query-failed', severity: 'error', message: `The platform could not run "${q.name}" (${q.source}): ${outcome.message}`, pointer: `${q.pointer}/query`, ...(outcome.hint ? { hint: outcome.hint } : {}) });
  }
  return findings;
}

export function onlineFindings(analysis: PageAnalysis, outcomes: ReadonlyMap<string, ProbeOutcome>, searches: readonly SearchQueryFact[] = []): Finding[] {
  const findings: Finding[] = searchFindings(searches, outcomes);
  for (const q of analysis.sqlQueries) {
    const outcome = outcomes.get(q.name);
    if (outcome && !outcome.ok) {
      findings.push({
        code: 'query-failed',
        severity: 'error',
        message: `The platform could not run "${q.name}": ${outcome.message}`,
        pointer: `${q.pointer}/sql`,
        ...(outcome.hint ? { hint: outcome.hint } : {}),
        ...(outcome.offset !== undefined && outcome.offset >= 0 && outcome.offset < q.sql.length ? { at: { offset: outcome.offset, length: 1 } } : {}),
      });
    }
  }
  const columnsOf = (query: string): ResultColumn[] | undefined => {
    const outcome = outcomes.get(query);
    return outcome?.ok ? outcome.columns : undefined;
  };
  const check = (query: string, column: string, pointer: string, numeric: boolean, what: string) => {
    const columns = columnsOf(query);
    if (!columns) return;
    const found = columns.find((c) => c.name === column);
    if (!found) {
      const names = columns.map((c) => c.name);
      findings.push({ code: 'unknown-column', severity: 'error', message: `${what} names "${column}", which "${query}" does not return`, pointer, ...suggestOr(column, names, `its columns: ${names.join(', ')}`) });
      return;
    }
    const kind = classifyColumnType(found.type);
    if (numeric && kind !== 'numeric' && kind !== 'unknown') {
      const numericNames = columns.filter((c) => classifyColumnType(c.type) === 'numeric').map((c) => c.name);
      findings.push({
        code: 'column-type',
        severity: 'error',
        message: `${what} wants numbers, but "${query}".${column} is ${found.type}`,
        pointer,
        hint: numericNames.length ? `numeric columns of "${query}": ${numericNames.join(', ')}` : `"${query}" returns no numeric column; cast it in the SQL, e.g. ${column}::numeric`,
      });
    }
  };
  for (const c of analysis.columns) check(c.query, c.column, c.pointer, c.numeric, `${c.component}.${c.prop}`);
  for (const b of analysis.bindings) if (b.field !== undefined && b.fieldPointer) check(b.query, b.field, b.fieldPointer, b.numeric, `${b.component}.${b.prop}`);
  return findings;
}

/**
 * The offline diagnostics merged with the online ones, in document order.
 * Where both say the same thing at the same place (a column the SQL names
 * and the platform confirms missing), the offline record is kept; where the
 * platform settles what offline was only a doubt (a target "not known to be
 * covered" is now known not to be), the online error replaces the warning.
 */
export function withOnlineChecks(analysis: PageAnalysis, outcomes: ReadonlyMap<string, ProbeOutcome>, text: string | undefined, searches: readonly SearchQueryFact[] = []): Diagnostic[] {
  const online = withPositions(onlineFindings(analysis, outcomes, searches), text);
  const seen = new Set(analysis.diagnostics.map((d) => `${d.code}|${d.pointer}`));
  const settled = new Set(online.filter((d) => d.code === 'unknown-target').map((d) => d.pointer));
  const offline = analysis.diagnostics.filter((d) => !(d.code === 'bad-query' && d.severity === 'warning' && settled.has(d.pointer)));
  const merged = [...offline, ...online.filter((d) => !seen.has(`${d.code}|${d.pointer}`))];
  return merged.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || a.code.localeCompare(b.code));
}
