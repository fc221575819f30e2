/** F2 on a query name (its declaration or any binding) renames them all in one edit (./rename-edits.ts). */
import type * as Monaco from '../monaco';
import { rangeOf, workspaceEdits, type MonacoApi } from './context';
import { innerRange } from './json-location';
import { queryNameAt, renameQueryEdits } from './rename-edits';

export function registerRename(monaco: MonacoApi): Monaco.IDisposable {
  return monaco.languages.registerRenameProvider('json', {
    resolveRenameLocation(model, position) {
      const found = queryNameAt(model.getValue(), model.getOffsetAt(position));
      if (!found) return { range: new monaco.Range(position.lineNumber, position.column, position.lineNumber, position.column), text: '', rejectReason: 'Only query names can be renamed here' };
      const inner = innerRange({ ...found, value: found.name });
      return { range: rangeOf(monaco, model, inner.offset, inner.length), text: found.name };
    },
    provideRenameEdits(model, position, newName) {
      const result = renameQueryEdits(model.getValue(), model.getOffsetAt(position), newName);
      if ('error' in result) return { edits: [], rejectReason: result.error };
      return { edits: workspaceEdits(monaco, model, result.edits) };
    },
  });
}
