'use client';
/**
 * The Components palette: the catalog by group, searchable by name and
 * description. Inserting one writes its example's shape into the JSON
 * (./insert-node.ts) as one undo step, into the selected layout node or after
 * the selected node, and selects it.
 */
import { useId, useMemo, useState } from 'react';
import type { QueryOutcome } from '../../../lib/render/run-queries';
import type { PaletteEntry } from '../../../lib/spec/palette';
import { PALETTE_GROUPS } from '../../../lib/spec/palette-groups';
import { factsOf } from '../editor-intel/json-location';
import { resultColumns } from '../editor-intel/query-results';
import type { TextEditor } from '../properties-panel/properties-panel';
import { nodeAtPointer } from '../properties-panel/prop-edits';
import { documentPointerOfNode } from '../spec-pointers';
import type { BindContext } from './insert-node';

export interface ComponentsPaletteProps {
  palette: readonly PaletteEntry[];
  text: string;
  /** The document pointer of the selected node, if any. */
  selected: string | undefined;
  outcomes: Readonly<Record<string, QueryOutcome>> | undefined;
  editor: { readonly current: TextEditor | null };
  /** Selects a node by its document pointer (the inserted one). */
  onSelect(pointer: string): void;
}

export function ComponentsPalette({ palette, text, selected, outcomes, editor, onSelect }: ComponentsPaletteProps) {
  const [search, setSearch] = useState('');
  const searchId = useId();
  const entries = useMemo(() => new Map(palette.map((e) => [e.type, e])), [palette]);
  const needle = search.trim().toLowerCase();
  const shown = palette.filter((e) => !needle || e.type.toLowerCase().includes(needle) || e.description.toLowerCase().includes(needle));

  // What an insertion builds (an example cut to its shape, bound to the page's queries) is loaded with the first one.
  const insert = (entry: PaletteEntry) => {
    void import('./insert-node').then(({ insertNear, nodeToInsert }) => {
      let pointer: string | undefined;
      editor.current?.applyEdits((current) => {
        const ctx: BindContext = { queries: factsOf(current).queries.map((q) => q.name), columnsOf: (q) => resultColumns(outcomes?.[q]) };
        const node = nodeToInsert(entry, entries, ctx);
        const selectedType = selected === undefined ? undefined : nodeAtPointer(current, selected)?.type;
        const layout = selectedType === undefined ? undefined : entries.get(selectedType);
        // Into the selected layout node when it takes this type of child; else after it.
        const into = layout?.container === true && (!layout.childTypes || layout.childTypes.includes(entry.type));
        const change = insertNear(current, node, selected, into, documentPointerOfNode(current, '/root'));
        pointer = change?.pointer;
        return change?.edits ?? [];
      });
      if (pointer !== undefined) onSelect(pointer);
    });
  };

  return (
    <div className="st-palette">
      <label htmlFor={searchId} className="st-visually-hidden">
        Search components
      </label>
      <input id={searchId} type="search" placeholder="Search components" value={search} onChange={(e) => setSearch(e.target.value)} />
      {PALETTE_GROUPS.map((group) => {
        const inGroup = shown.filter((e) => e.group === group);
        if (!inGroup.length) return null;
        return (
          <div key={group} role="group" aria-label={group} className="st-palette-group">
            <h3 className="st-palette-group-name">{group}</h3>
            {inGroup.map((entry) => (
              <button key={entry.type} type="button" className="st-palette-item" title={`Insert ${entry.type}: ${entry.description}`} onClick={() => insert(entry)}>
                {entry.type}
              </button>
            ))}
          </div>
        );
      })}
      {shown.length === 0 ? <p className="st-side-empty">No component matches “{search}”.</p> : null}
    </div>
  );
}
