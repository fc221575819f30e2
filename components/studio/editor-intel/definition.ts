/** F12 on a binding's query name goes to the query's entry in declared_queries. */
import type * as Monaco from '../monaco';
import { columnsOfIn, rangeOf, type GetContext, type MonacoApi } from './context';
import { innerRange, locate, factsOf } from './json-location';

export function registerDefinition(monaco: MonacoApi, getContext: GetContext): Monaco.IDisposable {
  return monaco.languages.registerDefinitionProvider('json', {
    provideDefinition(model, position) {
      const text = model.getValue();
      const facts = factsOf(text);
      const target = locate(text, model.getOffsetAt(position), columnsOfIn(getContext()), facts);
      if (target.kind !== 'query-ref') return null;
      const declared = facts.queries.find((q) => q.name === target.name);
      if (!declared) return null;
      // The name inside its quotes: the cursor lands on it, ready for F2 or hover.
      const inner = innerRange(declared.nameSpan);
      return { uri: model.uri, range: rangeOf(monaco, model, inner.offset, inner.length) };
    },
  });
}
