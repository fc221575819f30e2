/**
 * `@name` parameters inside a declared query's SQL. Postgres itself has no
 * such syntax (`@` is its absolute-value operator), so references are found
 * with the real scanner: an `@` that ends an operator token and touches an
 * identifier. Strings, comments and quoted identifiers are never matched.
 */
import { scanSync } from 'libpg-query';

export interface ParamReference {
  name: string;
  /** 0-based offset of the `@` in the SQL text. */
  start: number;
  /** Offset just past the name. */
  end: number;
}

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_]/;
/** Tokens inside which an `@` is text, not an operator. */
const OPAQUE_TOKENS = new Set(['SCONST', 'USCONST', 'BCONST', 'XCONST', 'C_COMMENT', 'SQL_COMMENT', 'IDENT', 'UIDENT', 'FCONST', 'ICONST', 'PARAM']);

export function findParamReferences(sql: string): ParamReference[] {
  if (!sql.includes('@')) return [];
  let tokens: { start: number; end: number; tokenName: string }[];
  try {
    tokens = scanSync(sql).tokens;
  } catch {
    return [];
  }
  // The scanner counts UTF-8 bytes; the text is indexed in UTF-16 code units.
  const toChar = byteToCharIndex(sql);
  const refs: ParamReference[] = [];
  for (const token of tokens) {
    if (OPAQUE_TOKENS.has(token.tokenName)) continue;
    const tokenEnd = toChar(token.end);
    const at = tokenEnd - 1;
    if (sql[at] !== '@' || !IDENT_START.test(sql[tokenEnd] ?? '')) continue;
    let end = tokenEnd + 1;
    while (end < sql.length && IDENT_PART.test(sql[end]!)) end++;
    refs.push({ name: sql.slice(tokenEnd, end), start: at, end });
  }
  return refs;
}

/** Maps a UTF-8 byte offset of `text` to its UTF-16 index (identity for ASCII text). */
export function byteToCharIndex(text: string): (byteOffset: number) => number {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(text)) return (byteOffset) => byteOffset;
  const starts: number[] = [];
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    starts.push(bytes);
    const code = text.codePointAt(i)!;
    if (code > 0xffff) {
      starts.push(bytes);
      i++;
      bytes += 4;
    } else bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
  }
  starts.push(bytes);
  return (byteOffset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= byteOffset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
}

/**
 * Replaces every `@name` with a positional `$n` padded to the same length, so
 * that offsets the parser reports still point into the author's text.
 */
export function withPositionalParams(sql: string, refs: readonly ParamReference[]): string {
  if (refs.length === 0) return sql;
  const numbers = new Map<string, number>();
  let out = '';
  let last = 0;
  for (const ref of refs) {
    if (!numbers.has(ref.name)) numbers.set(ref.name, numbers.size + 1);
    const placeholder = `$${numbers.get(ref.name)}`;
    const width = ref.end - ref.start;
    out += sql.slice(last, ref.start) + (placeholder.length <= width ? placeholder.padEnd(width, ' ') : placeholder);
    last = ref.end;
  }
  return out + sql.slice(last);
}
