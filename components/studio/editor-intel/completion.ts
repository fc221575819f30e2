/**
 * Completion beside the schema's: declared query names inside a binding (with
 * their SQL), and the bound query's result columns with their types inside a
 * prop that names a column (from the latest preview's outcomes).
 */
import type * as Monaco from '../monaco';
import { columnsOfIn, rangeOf, type GetContext, type MonacoApi } from './context';
import { innerRange, locate, factsOf } from './json-location';
import { resultColumns } from './query-results';

export function registerCompletion(monaco: MonacoApi, getContext: GetContext): Monaco.IDisposable {
  return monaco.languages.registerCompletionItemProvider('json', {
    triggerCharacters: ['"'],
    provideCompletionItems(model, position) {
      const context = getContext();
      const text = model.getValue();
      const facts = factsOf(text);
      const target = locate(text, model.getOffsetAt(position), columnsOfIn(context), facts);
      if (target.kind === 'query-ref') {
        const inner = innerRange(target.span);
        const range = rangeOf(monaco, model, inner.offset, inner.length);
        return {
          suggestions: facts.queries.map((q) => ({
            label: q.name,
            kind: monaco.languages.CompletionItemKind.Reference,
            detail: 'declared query',
            documentation: q.sql ? { value: `\`\`\`sql\n${q.sql}\n\`\`\`` } : undefined,
            insertText: q.name,
            range,
          })),
        };
      }
      if (target.kind === 'column' && target.span && target.query) {
        const columns = resultColumns(context.outcomes?.[target.query]);
        if (!columns) return { suggestions: [] };
        const inner = innerRange(target.span);
        const range = rangeOf(monaco, model, inner.offset, inner.length);
        return {
          suggestions: columns.map((c, i) => ({
            label: c.name,
            kind: monaco.languages.CompletionItemKind.Field,
            detail: c.type ? `${c.type} · ${target.query}` : `column of ${target.query}`,
            documentation: `A column of "${target.query}"'s rows, from the latest preview.`,
            insertText: c.name,
            sortText: String(i).padStart(4, '0'),
            range,
          })),
        };
      }
      return { suggestions: [] };
    },
  });
}
