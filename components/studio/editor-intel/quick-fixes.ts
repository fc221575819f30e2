/**
 * Quick fixes (Ctrl+. / the light bulb) for the server's diagnostics under the
 * cursor, and the inline-props shape fix; the edits come from ./quick-fix-edits.ts.
 */
import type * as Monaco from '../monaco';
import { columnsOfIn, workspaceEdits, type GetContext, type MonacoApi } from './context';
import { factsOf } from './json-location';
import { quickFixesFor, shapeFixesAt, type QuickFix } from './quick-fix-edits';

export function registerQuickFixes(monaco: MonacoApi, getContext: GetContext): Monaco.IDisposable {
  return monaco.languages.registerCodeActionProvider(
    'json',
    {
      provideCodeActions(model, range, codeActionContext) {
        const context = getContext();
        const text = model.getValue();
        const facts = factsOf(text);
        const actions: Monaco.languages.CodeAction[] = [];
        const toAction = (fix: QuickFix, markers: Monaco.editor.IMarkerData[] = []): Monaco.languages.CodeAction => ({
          title: fix.title,
          kind: 'quickfix',
          diagnostics: markers,
          isPreferred: fix.preferred,
          edit: { edits: workspaceEdits(monaco, model, fix.edits) },
        });
        for (const d of context.diagnostics) {
          if (d.line === undefined || d.column === undefined) continue;
          const at = new monaco.Range(d.line, d.column, d.endLine ?? d.line, d.endColumn ?? d.column + 1);
          if (!monaco.Range.areIntersectingOrTouching(at, range)) continue;
          const markers = codeActionContext.markers.filter((m) => m.code === d.code && m.startLineNumber === d.line && m.startColumn === d.column);
          for (const fix of quickFixesFor(text, d, columnsOfIn(context), facts)) actions.push(toAction(fix, markers));
        }
        for (const fix of shapeFixesAt(text, model.getOffsetAt(range.getStartPosition()))) actions.push(toAction(fix));
        return { actions, dispose() {} };
      },
    },
    { providedCodeActionKinds: ['quickfix'] },
  );
}
