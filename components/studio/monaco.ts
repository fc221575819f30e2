'use client';
/**
 * The parts of Monaco the studio uses, and no others: the editor core, the
 * JSON language with its worker, SQL highlighting (loaded when a SQL model
 * first appears), and the editing features the studio uses (completion and
 * hover from the schema, find, folding, formatting, multi-cursor, line moves).
 * Each feature below costs its weight on every studio load: add one only
 * when something uses it, and note what it weighs.
 * `import 'monaco-editor'` would also bring every language's registration,
 * the TypeScript, CSS and HTML services and every contribution; Monaco's
 * own JSON registration alone pulls in every contribution (monaco-json.ts).
 *
 * Monaco 0.57 exports `monaco-editor/<path>` as `esm/vs/<path>.js`. Import
 * this module only from client modules loaded with `next/dynamic({ ssr: false })`.
 */
export * from 'monaco-editor/editor/editor.api';
export { jsonDefaults } from './monaco-json';
import 'monaco-editor/languages/definitions/sql/register';
import 'monaco-editor/languages/definitions/pgsql/register';

import 'monaco-editor/features/codicon/register';
import 'monaco-editor/editor/browser/coreCommands';
import 'monaco-editor/editor/common/standaloneStrings';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/format/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/features/wordOperations/register';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
// For ./editor-intel. Weights are what each adds to the minified, gzipped bundle of the features above
// (esbuild, measured together with the rest of this list: much of each is already pulled in by hover).
// Quick fixes (Ctrl+. and the light bulb): +1.5 KB.
import 'monaco-editor/features/codeAction/register';
// Go to definition (F12, Ctrl+click): +0.01 KB (the commands already come with hover; this adds Ctrl+click).
import 'monaco-editor/features/gotoSymbol/register';
// Rename (F2): +6.5 KB.
import 'monaco-editor/features/rename/register';

if (typeof window !== 'undefined' && !globalThis.MonacoEnvironment) {
  // The core worker (word ranges, links, diffs); the JSON worker is started by monaco-json.ts. Under Turbopack neither loads unless named here.
  globalThis.MonacoEnvironment = {
    getWorker() {
      return new Worker(new URL('monaco-editor/editor/editor.worker.js', import.meta.url), { type: 'module' });
    },
  };
}
