/**
 * Replays a page's recorded query results for `amdahl-pages test`: the
 * outcomes to render with, and what is wrong before rendering: a binding or
 * column prop that finds nothing in the recording, a column the recording has
 * that the query's current SQL no longer returns, a recording older than its
 * SQL or search, or made with a param value the page no longer accepts.
 */
import type { QueryOutcome } from '../render/run-queries';
import { escapePointerSegment } from '../spec/document';
import type { DeclaredQuery, Page } from '../spec/page-model';
import type { Finding } from '../spec/positions';
import type { ResultColumn, Row } from '../spec/resolved';
import { didYouMean } from '../spec/suggest';
import type { PageAnalysis } from '../spec/validate';
import { staleRecordedParams } from './recording-params';
import type { RecordedQuery, Recording } from './recordings';

export interface Replay {
  outcomes: Record<string, QueryOutcome>;
  findings: Finding[];
}

const RECORD = 'run amdahl-pages test --record against the platform';

/** `/declared_queries/<i>`: a page file's queries are always there (lib/spec/document.ts). */
function queryPointer(page: Page, name: string): string {
  const i = page.declared_queries.findIndex((q) => q.name === name);
  return i < 0 ? '/declared_queries' : `/declared_queries/${i}`;
}

/** Each field of a search (source, text, target) that changed since its results were recorded. */
function staleSearch(name: string, query: DeclaredQuery, recorded: RecordedQuery, pointer: string): Finding[] {
  // Now SQL, recorded as a search: the SQL check below cannot see it, so the source is named here.
  const fields = query.source === 'sql' ? (recorded.source ? (['source'] as const) : []) : (['source', 'query', 'target'] as const);
  const changed = fields.filter((field) => (recorded[field] ?? (field === 'source' ? 'sql' : '')) !== (query[field] ?? ''));
  return changed.map((field) => ({ code: 'stale-recording', severity: 'warning', message: `The ${field} of "${name}" changed since its results were recorded`, pointer: `${pointer}/${field}`, hint: RECORD }));
}

/** Recorded param values the page's declarations no longer accept: the results show what the page can no longer ask for. */
function staleParams(page: Page, recording: Recording | undefined): Finding[] {
  return staleRecordedParams(recording?.params, page).map((s) => ({
    code: 'stale-recording',
    severity: 'warning',
    message: `The results of "${s.query}" were recorded with ${s.param}=${JSON.stringify(recording!.params![s.param])}, which it no longer accepts: ${s.reason}`,
    pointer: `${queryPointer(page, s.query)}/params/${escapePointerSegment(s.param)}`,
    hint: `${RECORD}, with --param ${s.param}=<value> for another value`,
  }));
}

export function replayRecording(analysis: PageAnalysis, page: Page, recording: Recording | undefined): Replay {
  const outcomes: Record<string, QueryOutcome> = {};
  const findings: Finding[] = staleParams(page, recording);
  const vanished = new Map<string, Set<string>>();
  /** What a changed query's SQL returns now, where the parser can tell. */
  const current = new Map<string, string[]>();
  const columns = new Map<string, ResultColumn[]>();
  const rowCounts = new Map<string, number>();
  const declared = new Map(page.declared_queries.map((q) => [q.name, q]));
  const bound = new Set(analysis.bindings.map((b) => b.query));

  for (const name of bound) {
    const query = declared.get(name);
    if (!query) continue; // validate reports an unbound query
    const recorded = recording?.queries[name];
    if (!recorded) {
      for (const b of analysis.bindings.filter((use) => use.query === name)) {
        findings.push({ code: 'unresolved-binding', severity: 'error', message: `${b.component}.${b.prop} binds "${name}", which has no recorded result`, pointer: b.pointer, hint: RECORD });
      }
      continue;
    }
    if ('error' in recorded) {
      outcomes[name] = { ok: false, error: recorded.error };
      continue;
    }
    findings.push(...staleSearch(name, query, recorded, queryPointer(page, name)));
    let cols = recorded.columns;
    let rows: Row[] = recorded.rows;
    const fact = analysis.sqlQueries.find((q) => q.name === name);
    if (recorded.sql !== undefined && query.sql !== undefined && recorded.sql !== query.sql) {
      const now = fact?.staticColumns;
      if (now) {
        const gone = new Set(cols.map((c) => c.name).filter((c) => !now.includes(c)));
        current.set(name, now);
        if (gone.size > 0) {
          vanished.set(name, gone);
          cols = cols.filter((c) => !gone.has(c.name));
          // Render as the page would now: without the columns the SQL no longer returns.
          rows = rows.map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => !gone.has(k))));
        }
      }
      findings.push({
        code: 'stale-recording',
        severity: 'warning',
        message: `The SQL of "${name}" changed since its results were recorded${now ? '' : '; which columns it returns now cannot be known offline'}`,
        pointer: fact ? `${fact.pointer}/sql` : '/declared_queries',
        hint: RECORD,
      });
    }
    columns.set(name, cols);
    rowCounts.set(name, rows.length);
    outcomes[name] = { ok: true, result: { query: name, rows, columns: cols, truncated: recorded.truncated }, elapsedMs: 0, cached: true };
  }

  const check = (query: string, column: string, pointer: string, what: string) => {
    const cols = columns.get(query);
    if (!cols) return;
    const names = cols.map((c) => c.name);
    if (names.includes(column)) return;
    if (vanished.get(query)?.has(column)) {
      const now = current.get(query) ?? names;
      findings.push({ code: 'column-vanished', severity: 'error', message: `${what} names "${column}": "${query}" returned it when recorded, but its SQL no longer does`, pointer, hint: didYouMean(column, now) ?? `"${query}" now returns ${now.join(', ')}` });
    } else {
      findings.push({ code: 'unresolved-binding', severity: 'error', message: `${what} names "${column}", which the recorded result of "${query}" does not have`, pointer, hint: didYouMean(column, names) ?? `recorded columns: ${names.join(', ')}` });
    }
  };
  for (const c of analysis.columns) check(c.query, c.column, c.pointer, `${c.component}.${c.prop}`);
  for (const b of analysis.bindings) {
    if (b.field === undefined || !b.fieldPointer) continue;
    const before = findings.length;
    check(b.query, b.field, b.fieldPointer, `${b.component}.${b.prop}`);
    if (findings.length === before && rowCounts.get(b.query) === 0) {
      findings.push({ code: 'unresolved-binding', severity: 'error', message: `${b.component}.${b.prop} takes "${b.field}" from the first row of "${b.query}", whose recorded result has no rows`, pointer: b.pointer, hint: 'the node shows nothing; record data in which the query returns a row' });
    }
  }
  return { outcomes, findings };
}
