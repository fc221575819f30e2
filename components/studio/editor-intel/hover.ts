/** Hover on a query name (a binding or its declaration): its SQL, row count and first rows from the latest preview. */
import type * as Monaco from '../monaco';
import { columnsOfIn, rangeOf, type GetContext, type MonacoApi } from './context';
import { locate, factsOf } from './json-location';
import { outcomeMarkdown } from './query-results';

export function registerHover(monaco: MonacoApi, getContext: GetContext): Monaco.IDisposable {
  return monaco.languages.registerHoverProvider('json', {
    provideHover(model, position) {
      const context = getContext();
      const text = model.getValue();
      const facts = factsOf(text);
      const target = locate(text, model.getOffsetAt(position), columnsOfIn(context), facts);
      if (target.kind !== 'query-ref' && target.kind !== 'query-decl') return null;
      const declared = facts.queries.find((q) => q.name === target.name);
      const contents: Monaco.IMarkdownString[] = [];
      if (!declared) contents.push({ value: `**${target.name}**: not a declared query` });
      else {
        contents.push({ value: `**${declared.name}** · declared query` });
        if (declared.sql) contents.push({ value: `\`\`\`sql\n${declared.sql}\n\`\`\`` });
        contents.push({ value: outcomeMarkdown(context.outcomes?.[declared.name]) });
      }
      return { range: rangeOf(monaco, model, target.span.offset, target.span.length), contents };
    },
  });
}
