/**
 * F2 on a query name (its declaration or any binding) renames them all in one
 * edit. The edits' code (./rename-edits.ts) loads on the first F2.
 */
import type * as Monaco from '../monaco';
import { rangeOf, workspaceEdits, type MonacoApi } from './context';
import { innerRange } from './json-location';

const loadEdits = () => import('./rename-edits');

export function registerRename(monaco: MonacoApi): Monaco.IDisposable {
  return monaco.languages.registerRenameProvider('json', {
    async resolveRenameLocation(model, position) {
      const { queryNameAt } = await loadEdits();
      const found = queryNameAt(model.getValue(), model.getOffsetAt(position));
      if (!found) return { range: new monaco.Range(position.lineNumber, position.column, position.lineNumber, position.column), text: '', rejectReason: 'Only query names can be renamed here' };
      const inner = innerRange({ ...found, value: found.name });
      return { range: rangeOf(monaco, model, inner.offset, inner.length), text: found.name };
    },
    async provideRenameEdits(model, position, newName) {
      const { renameQueryEdits } = await loadEdits();
      const result = renameQueryEdits(model.getValue(), model.getOffsetAt(position), newName);
      if ('error' in result) return { edits: [], rejectReason: result.error };
      return { edits: workspaceEdits(monaco, model, result.edits) };
    },
  });
}
