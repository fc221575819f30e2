'use client';
/**
 * The properties of the node under the editor's cursor (or clicked in the
 * preview): one labelled control per prop, from the component's props JSON
 * Schema (./prop-controls.ts). Each change is written into the JSON as
 * jsonc-parser edits through the editor (./prop-edits.ts), so the JSON stays
 * the one source and the editor's undo undoes it: typing in one control is
 * one undo step until the control loses focus.
 */
import { useMemo, useState } from 'react';
import type { QueryOutcome } from '../../../lib/render/run-queries';
import type { Diagnostic } from '../../../lib/spec/diagnostics';
import { factsOf } from '../editor-intel/json-location';
import { resultColumns } from '../editor-intel/query-results';
import { THEME_COLOR_TOKENS } from '../../../catalog/shared/palette';
import { controlsFor, type PropControl } from './prop-controls';
import { PropField } from './prop-field';
import { nodeAtPointer, propEdits, propValueFromInput, type Edit } from './prop-edits';

export interface TextEditor {
  /** Applies edits made against the editor's current text; edits with the same `group` join one undo step. */
  applyEdits(make: (text: string) => readonly Edit[], group?: string): void;
  /** The next edit starts a new undo step. */
  closeEditGroup(): void;
}

export interface PropertiesPanelProps {
  text: string;
  /** The document pointer of the selected node, or undefined when none is. */
  nodePointer: string | undefined;
  schema: object;
  outcomes: Readonly<Record<string, QueryOutcome>> | undefined;
  diagnostics: readonly Diagnostic[];
  /** The editor the edits go through (read when an edit is made: it mounts after the panel). */
  editor: { readonly current: TextEditor | null };
}

export function PropertiesPanel({ text, nodePointer, schema, outcomes, diagnostics, editor }: PropertiesPanelProps) {
  // What the author is typing in one control, kept while it does not parse (a half-typed number, broken JSON).
  const [editing, setEditing] = useState<{ id: string; raw: string; error?: string } | undefined>();
  const node = useMemo(() => (nodePointer === undefined ? undefined : nodeAtPointer(text, nodePointer)), [text, nodePointer]);
  const definitions = (schema as { definitions?: Record<string, Record<string, unknown>> }).definitions ?? {};
  const propsSchema = node?.type ? definitions[`props_${node.type}`] : undefined;
  const controls = useMemo(() => {
    if (!node || !propsSchema || nodePointer === undefined) return [];
    const queries = factsOf(text).queries.map((q) => q.name);
    const columnsOf = (query: string) => resultColumns(outcomes?.[query])?.map((c) => c.name);
    const firstRow = (query: string) => {
      const outcome = outcomes?.[query];
      return outcome?.ok ? outcome.result.rows[0] : undefined;
    };
    return controlsFor(propsSchema, node.props, { queries, columnsOf, firstRow, colorTokens: THEME_COLOR_TOKENS, nodePointer, diagnostics });
  }, [node, propsSchema, nodePointer, text, outcomes, diagnostics]);

  if (!node || nodePointer === undefined) return <p className="st-side-empty">Put the cursor in a component’s JSON, or click it in the preview.</p>;
  if (!propsSchema) return <p className="st-side-empty">{node.type ? `“${node.type}” is not a catalog component.` : 'This node has no type.'}</p>;

  const change = (control: PropControl, raw: string, group: boolean) => {
    const parsed = propValueFromInput(control, raw, node.props);
    if (!parsed.ok) {
      setEditing({ id: control.id, raw, error: parsed.message });
      return;
    }
    setEditing(group ? { id: control.id, raw } : undefined);
    editor.current?.applyEdits((current) => propEdits(current, nodePointer, control.prop, parsed.value), group ? `${nodePointer}:${control.id}` : undefined);
  };
  const done = () => {
    setEditing(undefined);
    editor.current?.closeEditGroup();
  };

  return (
    <form className="st-props" onSubmit={(e) => e.preventDefault()} aria-describedby="st-props-node">
      <p id="st-props-node" className="st-side-title">
        {node.type}
      </p>
      {controls.map((control) => (
        <PropField
          key={control.id}
          control={control}
          shown={editing?.id === control.id ? editing.raw : control.value}
          problem={editing?.id === control.id && editing.error ? editing.error : control.diagnostic?.message}
          onChange={(raw, group) => change(control, raw, group)}
          onDone={done}
        />
      ))}
    </form>
  );
}
