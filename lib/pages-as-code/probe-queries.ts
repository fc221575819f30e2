/**
 * Learns what a declared query really returns by running it once with zero
 * rows: `SELECT * FROM (<sql>) LIMIT 0`. Each distinct SQL runs once per run
 * (answers and calls in flight are shared), through the platform client, so
 * its limiter, rate-limit pacing and 429 retries apply. A platform that
 * answers only `rows` gets a second look with one row, to read the column
 * names from its keys (types then unknown).
 */
import { isPlatformError, type PlatformClient } from '../platform';
import { spliceable, sqlLiteral } from '../render/bind-params';
import type { ParamDeclaration } from '../spec/page-model';
import type { ProbeOutcome } from '../spec/online-check';
import { findParamReferences } from '../spec/sql-params';

export interface ProbeQuery {
  sql: string;
  params?: Record<string, ParamDeclaration>;
}

export interface QueryProber {
  probe(query: ProbeQuery): Promise<ProbeOutcome>;
  /** Requests sent to the platform so far. */
  readonly calls: number;
}

const PREFIX = 'SELECT * FROM (\n';

/** A value for each `@param` so the query can run: its default, its first allowed value, else a typed NULL. */
function probeLiteral(name: string, decl: ParamDeclaration | undefined): string {
  if (decl === undefined) return 'NULL';
  if (Array.isArray(decl)) return sqlLiteral(name, decl, decl[0]);
  const described = typeof decl === 'string' ? { type: decl } : (decl as { type?: string; values?: readonly (string | number)[]; default?: unknown });
  if (described.default !== undefined) return sqlLiteral(name, decl, described.default);
  if (described.values?.length) return sqlLiteral(name, decl, described.values[0]);
  const cast: Record<string, string> = { string: 'text', number: 'numeric', integer: 'bigint', boolean: 'boolean', date: 'date', timestamp: 'timestamptz' };
  return `CAST(NULL AS ${cast[described.type ?? 'string'] ?? 'text'})`;
}

/** The probe's SQL, and how to map an offset in it back into the author's SQL. */
export function probeSqlOf(query: ProbeQuery, limit = 0): { sql: string; toAuthorOffset(offset: number): number | undefined } {
  // A trailing semicolon or line comment would break the wrapping; neither changes what the query returns.
  const body = query.sql.replace(/[\s;]+$/, '');
  const refs = findParamReferences(body);
  const pieces: { probeStart: number; authorStart: number; probeLength: number; authorLength: number }[] = [];
  let out = '';
  let last = 0;
  for (const ref of refs) {
    out += body.slice(last, ref.start);
    const literal = spliceable(body, ref.start, probeLiteral(ref.name, query.params?.[ref.name]));
    pieces.push({ probeStart: PREFIX.length + out.length, authorStart: ref.start, probeLength: literal.length, authorLength: ref.end - ref.start });
    out += literal;
    last = ref.end;
  }
  out += body.slice(last);
  return {
    sql: `${PREFIX}${out}\n) AS amdahl_probe LIMIT ${limit}`,
    toAuthorOffset(offset) {
      let shift = PREFIX.length;
      for (const p of pieces) {
        if (offset < p.probeStart) break;
        if (offset < p.probeStart + p.probeLength) return p.authorStart;
        shift += p.probeLength - p.authorLength;
      }
      const at = offset - shift;
      return at >= 0 && at < body.length ? at : undefined;
    },
  };
}

/** A failure of the platform itself (auth, network, 5xx): not the query's fault, so the run stops. */
export class PlatformUnavailableError extends Error {}

/**
 * Whether a platform error is the query's fault (the request was refused, or
 * the query ran too long) and so a diagnostic; any other error stops the run
 * as a PlatformUnavailableError. Shared with the search probes.
 */
export function queryFaultOf(error: unknown): { code: string; message: string; details: unknown } {
  if (!isPlatformError(error)) throw error;
  const queryFault = error.status === 400 || error.status === 422 || error.code === 'invalid_argument' || (error.code === 'deadline_exceeded' && error.status === 504);
  if (!queryFault) {
    throw new PlatformUnavailableError(`the platform failed (${error.status || 'no response'} ${error.code}): ${error.message}`, { cause: error });
  }
  return { code: error.code, message: error.message, details: error.details };
}

function failureOf(error: unknown, toAuthorOffset: (offset: number) => number | undefined): ProbeOutcome {
  const { code, message, details: raw } = queryFaultOf(error);
  const details = (raw ?? {}) as { offset?: unknown; hint?: unknown; problems?: { offset?: unknown; hint?: unknown }[] };
  const rawOffset = typeof details.offset === 'number' ? details.offset : typeof details.problems?.[0]?.offset === 'number' ? details.problems[0].offset : undefined;
  const hint = typeof details.hint === 'string' ? details.hint : typeof details.problems?.[0]?.hint === 'string' ? details.problems[0].hint : undefined;
  const offset = rawOffset === undefined ? undefined : toAuthorOffset(rawOffset);
  return { ok: false, code, message, ...(hint ? { hint } : {}), ...(offset !== undefined ? { offset } : {}) };
}

export function createQueryProber(client: PlatformClient, options: { signal?: AbortSignal } = {}): QueryProber {
  const answers = new Map<string, Promise<ProbeOutcome>>();
  let calls = 0;
  const send = (sql: string) => {
    calls++;
    return client.query(sql, options.signal ? { signal: options.signal } : undefined);
  };
  async function run(query: ProbeQuery): Promise<ProbeOutcome> {
    const zero = probeSqlOf(query, 0);
    try {
      const result = await send(zero.sql);
      if (result.columns) return { ok: true, columns: result.columns.map((c) => ({ name: c.name, ...(c.type ? { type: c.type } : {}) })) };
      // Only rows: look at one to learn the names.
      const one = probeSqlOf(query, 1);
      const withRow = await send(one.sql);
      const first = withRow.rows[0];
      if (withRow.columns) return { ok: true, columns: withRow.columns.map((c) => ({ name: c.name, ...(c.type ? { type: c.type } : {}) })) };
      return { ok: true, columns: first ? Object.keys(first).map((name) => ({ name })) : undefined };
    } catch (error) {
      return failureOf(error, zero.toAuthorOffset);
    }
  }
  return {
    get calls() {
      return calls;
    },
    probe(query) {
      const key = probeSqlOf(query, 0).sql;
      let answer = answers.get(key);
      if (!answer) {
        answer = run(query);
        answers.set(key, answer);
      }
      return answer;
    },
  };
}
