/**
 * The param values `amdahl-pages test --record` runs a page's queries with:
 * each declared param's default (or first allowed value), or the value given
 * with `--param name=value`. A given value is checked as the app checks a
 * view's `?name=value` (every declaration of that name must take it, through
 * the same sqlLiteral that binds it), and the values used are recorded, so a
 * replay can tell when the page no longer accepts what its results ran with.
 */
import { checkEmbedParams } from '../embed/embed-params';
import { ParamError, sqlLiteral } from '../render/bind-params';
import type { DeclaredQuery, Page, ParamDeclaration } from '../spec/page-model';
import { didYouMean } from '../spec/suggest';
import type { RecordedParam } from './recordings';

/** What is wrong with the given values over these pages' queries, one line naming the param; undefined when all fit. */
export function givenParamsProblem(given: Readonly<Record<string, string>>, queries: readonly DeclaredQuery[]): string | undefined {
  const declared = new Set(queries.flatMap((q) => Object.keys(q.params ?? {})));
  for (const [name, value] of Object.entries(given)) {
    if (!declared.has(name)) {
      const near = didYouMean(name, declared);
      return `--param ${name}: no page declares a param "${name}"${near ? `; ${near}` : declared.size ? `; the pages declare ${[...declared].sort().join(', ')}` : ''}`;
    }
    // The view and embed routes' own check: a value every declaration of the name accepts.
    const verdict = checkEmbedParams({ [name]: value }, queries);
    if (!verdict.ok) return `--param ${name}=${value}: ${verdict.reason}`;
  }
  return undefined;
}

/** A declaration's value when none is given: its default, else its first allowed value; none for a bare type. */
function defaultOf(decl: ParamDeclaration): RecordedParam | undefined {
  if (Array.isArray(decl)) return decl[0];
  if (typeof decl !== 'object' || decl === null) return undefined;
  const d = decl as { default?: RecordedParam; values?: readonly (string | number)[] };
  return d.default ?? d.values?.[0];
}

/** Every param the page's queries declare, with the value its queries run with (given ones win). */
export function paramsForRecording(page: Page, given: Readonly<Record<string, string>> = {}): Record<string, RecordedParam> {
  const values: Record<string, RecordedParam> = {};
  for (const q of page.declared_queries) {
    for (const [name, decl] of Object.entries(q.params ?? {}) as [string, ParamDeclaration][]) {
      const value = given[name] ?? defaultOf(decl);
      if (value !== undefined) values[name] ??= value;
    }
  }
  return Object.fromEntries(Object.entries(values).sort(([a], [b]) => a.localeCompare(b)));
}

/** A recorded value the page's declarations no longer take: where, and why. */
export interface StaleParam {
  query: string;
  param: string;
  reason: string;
}

/** The recorded values that the page's current declarations refuse (a value list changed, a type changed). */
export function staleRecordedParams(recorded: Readonly<Record<string, RecordedParam>> | undefined, page: Page): StaleParam[] {
  const stale: StaleParam[] = [];
  if (!recorded) return stale;
  for (const q of page.declared_queries) {
    for (const [param, decl] of Object.entries(q.params ?? {}) as [string, ParamDeclaration][]) {
      if (!(param in recorded)) continue;
      try {
        sqlLiteral(param, decl, recorded[param]);
      } catch (error) {
        if (!(error instanceof ParamError)) throw error;
        stale.push({ query: q.name, param, reason: error.message });
      }
    }
  }
  return stale;
}
