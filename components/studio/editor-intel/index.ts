/**
 * The editor's knowledge of the catalog and the page's data, registered on
 * Monaco's JSON language beside the schema's completion and hover: query
 * and column completion, hover with rows, go to definition, rename, quick fixes.
 */
import type * as Monaco from '../monaco';
import { registerCompletion } from './completion';
import type { GetContext, MonacoApi } from './context';
import { registerDefinition } from './definition';
import { registerHover } from './hover';
import { registerQuickFixes } from './quick-fixes';
import { registerRename } from './rename';

export type { EditorIntelContext, GetContext } from './context';

export function registerEditorIntel(monaco: MonacoApi, getContext: GetContext): Monaco.IDisposable {
  const registrations = [
    registerCompletion(monaco, getContext),
    registerHover(monaco, getContext),
    registerDefinition(monaco, getContext),
    registerRename(monaco),
    registerQuickFixes(monaco, getContext),
  ];
  return { dispose: () => registrations.forEach((r) => r.dispose()) };
}
