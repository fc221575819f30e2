/**
 * F2 on a query name: the declaration and every binding (`$query` and
 * `$value.query`) renamed in one edit. Pure, over the text.
 */
import { locate, readFacts, type ColumnsOf } from './json-location';

/** Replace `length` characters at `offset` with `text`. */
export interface TextEdit {
  offset: number;
  length: number;
  text: string;
}

export const QUERY_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const noColumns: ColumnsOf = () => undefined;

/** The query name under the cursor and its span, or undefined when the cursor is on no query name. */
export function queryNameAt(text: string, offset: number): { name: string; offset: number; length: number } | undefined {
  const target = locate(text, offset, noColumns);
  if (target.kind !== 'query-ref' && target.kind !== 'query-decl') return undefined;
  return { name: target.name, offset: target.span.offset, length: target.span.length };
}

export function renameQueryEdits(text: string, offset: number, newName: string): { edits: TextEdit[] } | { error: string } {
  const facts = readFacts(text);
  const target = locate(text, offset, noColumns, facts);
  if (target.kind !== 'query-ref' && target.kind !== 'query-decl') return { error: 'Put the cursor on a query name to rename it' };
  if (!QUERY_NAME.test(newName)) return { error: `"${newName}" is not a query name: letters, digits and _, not starting with a digit` };
  const old = target.name;
  if (newName !== old && facts.queries.some((q) => q.name === newName)) return { error: `A query named "${newName}" is already declared` };
  const spans = [...facts.queries.filter((q) => q.name === old).map((q) => q.nameSpan), ...facts.bindings.filter((b) => b.query === old).map((b) => b.span)];
  const text2 = JSON.stringify(newName);
  return { edits: spans.sort((a, b) => a.offset - b.offset).map((s) => ({ offset: s.offset, length: s.length, text: text2 })) };
}

/** Applies non-overlapping edits (for tests and previews). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + e.text + out.slice(e.offset + e.length);
  return out;
}
