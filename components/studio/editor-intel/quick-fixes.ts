/**
 * Quick fixes (Ctrl+. / the light bulb) for the server's diagnostics under the
 * cursor, and the inline-props shape fix. Monaco asks on every cursor move;
 * the edits' code (./quick-fix-edits.ts) loads the first time there is
 * something to fix there, so the editor starts without it.
 */
import type * as Monaco from '../monaco';
import { columnsOfIn, workspaceEdits, type GetContext, type MonacoApi } from './context';
import { factsOf, inlineNodeAt } from './json-location';
import type { QuickFix } from './quick-fix-edits';

const loadEdits = () => import('./quick-fix-edits');

export function registerQuickFixes(monaco: MonacoApi, getContext: GetContext): Monaco.IDisposable {
  return monaco.languages.registerCodeActionProvider(
    'json',
    {
      async provideCodeActions(model, range, codeActionContext) {
        const context = getContext();
        const text = model.getValue();
        const facts = factsOf(text);
        const offset = model.getOffsetAt(range.getStartPosition());
        const here = context.diagnostics.filter(
          (d) =>
            d.line !== undefined &&
            d.column !== undefined &&
            monaco.Range.areIntersectingOrTouching(new monaco.Range(d.line, d.column, d.endLine ?? d.line, d.endColumn ?? d.column + 1), range),
        );
        if (here.length === 0 && !(facts.tree && inlineNodeAt(facts.tree, offset))) return { actions: [], dispose() {} };
        const { quickFixesFor, shapeFixesAt } = await loadEdits();
        if (model.isDisposed() || model.getValue() !== text) return { actions: [], dispose() {} };
        const actions: Monaco.languages.CodeAction[] = [];
        const toAction = (fix: QuickFix, markers: Monaco.editor.IMarkerData[] = []): Monaco.languages.CodeAction => ({
          title: fix.title,
          kind: 'quickfix',
          diagnostics: markers,
          isPreferred: fix.preferred,
          edit: { edits: workspaceEdits(monaco, model, fix.edits) },
        });
        for (const d of here) {
          const markers = codeActionContext.markers.filter((m) => m.code === d.code && m.startLineNumber === d.line && m.startColumn === d.column);
          for (const fix of quickFixesFor(text, d, columnsOfIn(context), facts)) actions.push(toAction(fix, markers));
        }
        for (const fix of shapeFixesAt(text, offset, facts.tree)) actions.push(toAction(fix));
        return { actions, dispose() {} };
      },
    },
    { providedCodeActionKinds: ['quickfix'] },
  );
}
