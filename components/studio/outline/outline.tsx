'use client';
/**
 * The Outline: the page's nodes as a tree, by type and title. Arrow keys move
 * through the rows and select each node in the JSON and the preview;
 * Alt+Up/Down move the node among its siblings, Alt+Right into the layout
 * node above it, Alt+Left out of its parent; dragging a row onto a layout
 * node moves it inside, onto another node puts it before that one; Delete
 * asks first. Every change is one edit of the JSON (./tree-edits.ts).
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { PaletteEntry } from '../../../lib/spec/palette';
import type { TextEditor } from '../properties-panel/properties-panel';
import { flatten, outlineOf, type OutlineNode } from './page-tree';
import { deleteNode, moveAmongSiblings, moveIntoPrevious, moveNode, moveOut, parentOf, type TreeChange } from './tree-edits';

export interface OutlineProps {
  text: string;
  palette: readonly PaletteEntry[];
  selected: string | undefined;
  editor: { readonly current: TextEditor | null };
  onSelect(pointer: string): void;
}

const rowName = (node: OutlineNode) => (node.title ? `${node.type} · ${node.title}` : node.type);

export function Outline({ text, palette, selected, editor, onSelect }: OutlineProps) {
  const rows = useMemo(() => flatten(outlineOf(text)), [text]);
  const containers = useMemo(() => new Set(palette.filter((e) => e.container).map((e) => e.type)), [palette]);
  const [focused, setFocused] = useState<string | undefined>();
  const [confirming, setConfirming] = useState<OutlineNode | undefined>();
  const [dragged, setDragged] = useState<string | undefined>();
  const elements = useRef(new Map<string, HTMLLIElement>());
  const keepFocus = useRef(false);

  const active = rows.find((r) => r.node.pointer === focused) ?? rows.find((r) => r.node.pointer === selected) ?? rows[0];
  const byPointer = useMemo(() => new Map(rows.map((r) => [r.node.pointer, r.node])), [rows]);
  const takesChildren = (pointer: string) => {
    const node = byPointer.get(pointer);
    return node !== undefined && (node.hasChildren || containers.has(node.type));
  };

  useEffect(() => {
    if (!keepFocus.current || !focused) return;
    keepFocus.current = false;
    elements.current.get(focused)?.focus();
  }, [focused, rows]);

  const go = (pointer: string) => {
    keepFocus.current = true;
    setFocused(pointer);
    onSelect(pointer);
  };

  const apply = (change: (current: string) => TreeChange | undefined) => {
    let moved: string | undefined;
    editor.current?.applyEdits((current) => {
      const made = change(current);
      moved = made?.pointer;
      return made?.edits ?? [];
    });
    if (moved !== undefined) go(moved);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>, index: number) => {
    const row = rows[index]!;
    const pointer = row.node.pointer;
    if (event.altKey && event.key === 'ArrowUp') apply((t) => moveAmongSiblings(t, pointer, -1));
    else if (event.altKey && event.key === 'ArrowDown') apply((t) => moveAmongSiblings(t, pointer, 1));
    else if (event.altKey && event.key === 'ArrowRight') apply((t) => moveIntoPrevious(t, pointer, takesChildren));
    else if (event.altKey && event.key === 'ArrowLeft') apply((t) => moveOut(t, pointer));
    else if (event.key === 'ArrowDown' && rows[index + 1]) go(rows[index + 1]!.node.pointer);
    else if (event.key === 'ArrowUp' && rows[index - 1]) go(rows[index - 1]!.node.pointer);
    else if (event.key === 'Home' && rows[0]) go(rows[0].node.pointer);
    else if (event.key === 'End' && rows.length) go(rows[rows.length - 1]!.node.pointer);
    else if (event.key === 'Enter' || event.key === ' ') go(pointer);
    else if ((event.key === 'Delete' || event.key === 'Backspace') && parentOf(pointer)) setConfirming(row.node);
    else return;
    event.preventDefault();
  };

  const drop = (target: OutlineNode) => {
    const from = dragged;
    setDragged(undefined);
    if (!from || from === target.pointer) return;
    if (takesChildren(target.pointer)) {
      apply((t) => moveNode(t, from, target.pointer, Number.MAX_SAFE_INTEGER));
      return;
    }
    const at = parentOf(target.pointer);
    const origin = parentOf(from);
    if (!at || !origin) return;
    // Before the target, counted once the dragged node has left its place.
    const index = origin.parent === at.parent && origin.index < at.index ? at.index - 1 : at.index;
    apply((t) => moveNode(t, from, at.parent, index));
  };

  if (!rows.length) return <p className="st-side-empty">Fix the JSON to see the outline.</p>;

  return (
    <>
      <ul role="tree" aria-label="Outline" className="st-outline">
        {rows.map((row, index) => {
          const siblings = row.parent ? row.parent.children.length : 1;
          return (
            <li
              key={row.node.pointer}
              ref={(el) => {
                if (el) elements.current.set(row.node.pointer, el);
                else elements.current.delete(row.node.pointer);
              }}
              role="treeitem"
              aria-level={row.depth}
              aria-setsize={siblings}
              aria-posinset={row.index + 1}
              aria-selected={row.node.pointer === selected}
              aria-expanded={row.node.children.length ? true : undefined}
              tabIndex={row.node.pointer === active?.node.pointer ? 0 : -1}
              data-pointer={row.node.pointer}
              className="st-outline-row"
              style={{ paddingLeft: 4 + (row.depth - 1) * 14 }}
              draggable={row.parent !== undefined}
              onClick={() => go(row.node.pointer)}
              onKeyDown={(e) => onKeyDown(e, index)}
              onDragStart={(e) => {
                e.dataTransfer.effectAllowed = 'move';
                e.dataTransfer.setData('text/plain', row.node.pointer);
                setDragged(row.node.pointer);
              }}
              onDragOver={(e) => {
                if (dragged && dragged !== row.node.pointer) e.preventDefault();
              }}
              onDrop={(e) => {
                e.preventDefault();
                drop(row.node);
              }}
            >
              <span className="st-outline-type">{row.node.type}</span>
              {row.node.title ? <span className="st-outline-title"> · {row.node.title}</span> : null}
            </li>
          );
        })}
      </ul>
      <p className="st-side-hint">Alt+↑/↓ moves, Alt+→ into the layout above, Alt+← out; Delete removes.</p>
      {confirming ? (
        <div role="alertdialog" aria-label={`Delete ${rowName(confirming)}?`} className="st-confirm">
          <p>
            Delete {rowName(confirming)}
            {confirming.children.length ? ` and the ${confirming.children.length} node${confirming.children.length === 1 ? '' : 's'} in it` : ''}?
          </p>
          <button
            type="button"
            className="st-button"
            autoFocus
            onClick={() => {
              const pointer = confirming.pointer;
              setConfirming(undefined);
              editor.current?.applyEdits((current) => deleteNode(current, pointer));
              const at = parentOf(pointer);
              if (at) go(at.parent);
            }}
          >
            Delete
          </button>{' '}
          <button type="button" className="st-button" onClick={() => setConfirming(undefined)}>
            Cancel
          </button>
        </div>
      ) : null}
    </>
  );
}
