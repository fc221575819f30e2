/**
 * The param values of an embed view: the token's pinned values, plus what the
 * viewer's URL adds. A viewer can never change a pinned value; a value the
 * page does not declare, or one its declaration refuses, refuses the embed.
 */
import { ParamError, sqlLiteral } from '../render/bind-params';
import type { DeclaredQuery } from '../spec/page-model';

/** Query-string keys that are the embed's own, not page params. */
export const RESERVED_EMBED_KEYS = ['token', 'theme'] as const;

export type ParamsResult = { ok: true; params: Record<string, string> } | { ok: false; reason: string };

export function mergeEmbedParams(pinned: Record<string, string>, search: URLSearchParams): ParamsResult {
  const params: Record<string, string> = { ...pinned };
  for (const key of new Set(search.keys())) {
    if ((RESERVED_EMBED_KEYS as readonly string[]).includes(key)) continue;
    const values = search.getAll(key);
    if (values.length !== 1) return { ok: false, reason: `param ${key} given ${values.length} times` };
    const value = values[0]!;
    if (key in pinned && pinned[key] !== value) return { ok: false, reason: `param ${key} is pinned by the token` };
    params[key] = value;
  }
  return { ok: true, params };
}

/** Every given param must be declared by a query of the page and fit each declaration of it. */
export function checkEmbedParams(params: Record<string, string>, queries: readonly DeclaredQuery[]): ParamsResult {
  for (const [name, value] of Object.entries(params)) {
    const declarations = queries.map((q) => q.params?.[name]).filter((d) => d !== undefined);
    if (declarations.length === 0) return { ok: false, reason: `param ${name} is not declared by the page` };
    for (const declaration of declarations) {
      try {
        sqlLiteral(name, declaration, value);
      } catch (error) {
        if (error instanceof ParamError) return { ok: false, reason: error.message };
        throw error;
      }
    }
  }
  return { ok: true, params };
}
