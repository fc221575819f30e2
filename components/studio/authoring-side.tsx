'use client';
/**
 * The studio's authoring side: the Components palette, the Outline and the
 * selected node's Properties. Each writes into the JSON through the editor, so
 * the JSON stays the one source and the editor's undo undoes every change.
 */
import type { QueryOutcome } from '../../lib/render/run-queries';
import type { Diagnostic } from '../../lib/spec/diagnostics';
import type { PaletteEntry } from '../../lib/spec/palette';
import { ComponentsPalette } from './components-palette/components-palette';
import { Outline } from './outline/outline';
import { PropertiesPanel, type TextEditor } from './properties-panel/properties-panel';

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
        <PropertiesPanel text={text} nodePointer={selected} schema={schema} outcomes={outcomes} diagnostics={diagnostics} editor={editor} />
      </section>
    </aside>
  );
}
