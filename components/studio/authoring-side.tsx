'use client';
/**
 * The studio's authoring side: the Components palette, the Outline and the
 * selected node's Properties. Each writes into the JSON through the editor, so
 * the JSON stays the one source and the editor's undo undoes every change.
 */
import type { QueryOutcome } from '../../lib/render/run-queries';
import type { Diagnostic } from '../../lib/spec/diagnostics';
import dynamic from 'next/dynamic';
import type { PaletteEntry } from '../../lib/spec/palette';
import { ComponentsPalette } from './components-palette/components-palette';
import { Outline } from './outline/outline';
import type { TextEditor } from './properties-panel/properties-panel';

const NOTHING_SELECTED = 'Put the cursor in a component’s JSON, or click it in the preview.';

/**
 * The Properties form (its controls from the JSON Schema, one field per prop) is
 * loaded when a node is first selected: until then the panel only says how to
 * select one, and the editor route does not download the form's code.
 */
const PropertiesPanel = dynamic(() => import('./properties-panel/properties-panel').then((m) => m.PropertiesPanel), {
  ssr: false,
  loading: () => <p className="st-side-empty">Loading…</p>,
});

export interface AuthoringSideProps {
  text: string;
  palette: readonly PaletteEntry[];
  schema: object;
  /** The document pointer of the node under the editor's cursor. */
  selected: string | undefined;
  outcomes: Readonly<Record<string, QueryOutcome>> | undefined;
  diagnostics: readonly Diagnostic[];
  editor: { readonly current: TextEditor | null };
  /** Puts the editor's cursor in a node (by document pointer), leaving the focus where it is. */
  onSelect(pointer: string): void;
}

export function AuthoringSide({ text, palette, schema, selected, outcomes, diagnostics, editor, onSelect }: AuthoringSideProps) {
  return (
    <aside className="st-side" aria-label="Authoring">
      <section className="st-side-section" aria-label="Components">
        <h2 className="st-side-heading">Components</h2>
        <ComponentsPalette palette={palette} text={text} selected={selected} outcomes={outcomes} editor={editor} onSelect={onSelect} />
      </section>
      <section className="st-side-section" aria-label="Outline">
        <h2 className="st-side-heading">Outline</h2>
        <Outline text={text} palette={palette} selected={selected} editor={editor} onSelect={onSelect} />
      </section>
      <section className="st-side-section" aria-label="Properties">
        <h2 className="st-side-heading">Properties</h2>
        {selected === undefined ? (
          <p className="st-side-empty">{NOTHING_SELECTED}</p>
        ) : (
          <PropertiesPanel text={text} nodePointer={selected} schema={schema} outcomes={outcomes} diagnostics={diagnostics} editor={editor} />
        )}
      </section>
    </aside>
  );
}
