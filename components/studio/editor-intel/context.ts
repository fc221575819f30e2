/** What the editor's providers read on each request: the schema, the latest preview's query outcomes, current diagnostics. */
import type { Diagnostic } from '../../../lib/spec/diagnostics';
import type { QueryOutcome } from '../../../lib/render/run-queries';
import type * as Monaco from '../monaco';
import { columnsOfFromSchema } from './schema-facts';
import type { ColumnsOf } from './json-location';
import type { TextEdit } from './rename-edits';

export type MonacoApi = typeof Monaco;

export interface EditorIntelContext {
  schema: object;
  /** The latest preview's outcomes by query name (rows, columns), when a preview ran. */
  outcomes: Readonly<Record<string, QueryOutcome>> | undefined;
  /** The server's diagnostics, only when they were computed for the model's current text. */
  diagnostics: readonly Diagnostic[];
}

export type GetContext = () => EditorIntelContext;

const columnsOfBySchema = new WeakMap<object, ColumnsOf>();

export function columnsOfIn(context: EditorIntelContext): ColumnsOf {
  let found = columnsOfBySchema.get(context.schema);
  if (!found) {
    found = columnsOfFromSchema(context.schema);
    columnsOfBySchema.set(context.schema, found);
  }
  return found;
}

export function rangeOf(monaco: MonacoApi, model: Monaco.editor.ITextModel, offset: number, length: number): Monaco.Range {
  const start = model.getPositionAt(offset);
  const end = model.getPositionAt(offset + length);
  return new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column);
}

export function workspaceEdits(monaco: MonacoApi, model: Monaco.editor.ITextModel, edits: readonly TextEdit[]): Monaco.languages.IWorkspaceTextEdit[] {
  const versionId = model.getVersionId();
  return edits.map((e) => ({ resource: model.uri, versionId, textEdit: { range: rangeOf(monaco, model, e.offset, e.length), text: e.text } }));
}
