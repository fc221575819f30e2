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
import { DeleteConfirm } from './delete-confirm';
import { flatten, outlineOf, parentOf, type OutlineNode } from './page-tree';
import { OutlineRow } from './outline-row';
import type { TreeChange } from './tree-edits';

type TreeEdits = typeof import('./tree-edits');
let treeEdits: TreeEdits | undefined;
/** The tree edits (moves, drops, deletion) are loaded with the first one, not with the editor route; then they run at once. */
function withTreeEdits(run: (edits: TreeEdits) => void): void {
  if (treeEdits) run(treeEdits);
  else
    void import('./tree-edits').then((loaded) => {
      treeEdits = loaded;
      run(loaded);
    });
}
/** Starts loading the tree edits (when the outline is first focused or pointed at), so the first one is not kept waiting. */
function preloadTreeEdits(): void {
  if (!treeEdits) withTreeEdits(() => {});
}

export interface OutlineProps {
  text: string;
  palette: readonly PaletteEntry[];
  selected: string | undefined;
  editor: { readonly current: TextEditor | null };
  onSelect(pointer: string): void;
}

/** What a key does to the focused row's node: a tree change, or moving the focus to another row. */
function keyAction(event: KeyboardEvent, pointer: string, takesChildren: (pointer: string) => boolean): ((edits: TreeEdits, text: string) => TreeChange | undefined) | undefined {
  if (!event.altKey) return undefined;
  if (event.key === 'ArrowUp') return (m, t) => m.moveAmongSiblings(t, pointer, -1);
  if (event.key === 'ArrowDown') return (m, t) => m.moveAmongSiblings(t, pointer, 1);
  if (event.key === 'ArrowRight') return (m, t) => m.moveIntoPrevious(t, pointer, takesChildren);
  if (event.key === 'ArrowLeft') return (m, t) => m.moveOut(t, pointer);
  return undefined;
}

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

  const apply = (change: (edits: TreeEdits, current: string) => TreeChange | undefined) => {
    withTreeEdits((edits) => {
      let moved: string | undefined;
      editor.current?.applyEdits((current) => {
        const made = change(edits, current);
        moved = made?.pointer;
        return made?.edits ?? [];
      });
      if (moved !== undefined) go(moved);
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>, index: number) => {
    const pointer = rows[index]!.node.pointer;
    const action = keyAction(event, pointer, takesChildren);
    const to = { ArrowDown: rows[index + 1], ArrowUp: rows[index - 1], Home: rows[0], End: rows[rows.length - 1] }[event.key];
    if (action) apply(action);
    else if (!event.altKey && to) go(to.node.pointer);
    else if (event.key === 'Enter' || event.key === ' ') go(pointer);
    else if ((event.key === 'Delete' || event.key === 'Backspace') && parentOf(pointer)) setConfirming(rows[index]!.node);
    else return;
    event.preventDefault();
  };

  const drop = (target: OutlineNode) => {
    const from = dragged;
    setDragged(undefined);
    if (from) apply((m, t) => m.dropOn(t, from, target.pointer, takesChildren));
  };

  if (!rows.length) return <p className="st-side-empty">Fix the JSON to see the outline.</p>;

  return (
    <>
      <ul role="tree" aria-label="Outline" className="st-outline" onFocus={preloadTreeEdits} onPointerEnter={preloadTreeEdits}>
        {rows.map((row, index) => (
          <OutlineRow
            key={row.node.pointer}
            node={row.node}
            depth={row.depth}
            index={row.index}
            siblings={row.parent ? row.parent.children.length : 1}
            isRoot={row.parent === undefined}
            selected={row.node.pointer === selected}
            tabStop={row.node.pointer === active?.node.pointer}
            takesDrop={dragged !== undefined && dragged !== row.node.pointer}
            rowRef={(el) => {
              if (el) elements.current.set(row.node.pointer, el);
              else elements.current.delete(row.node.pointer);
            }}
            onActivate={() => go(row.node.pointer)}
            onKeyDown={(e) => onKeyDown(e, index)}
            onDragStart={() => setDragged(row.node.pointer)}
            onDrop={() => drop(row.node)}
          />
        ))}
      </ul>
      <p className="st-side-hint">Alt+↑/↓ moves, Alt+→ into the layout above, Alt+← out; Delete removes.</p>
      {confirming ? (
        <DeleteConfirm
          node={confirming}
          onCancel={() => setConfirming(undefined)}
          onDelete={() => {
            const pointer = confirming.pointer;
            setConfirming(undefined);
            withTreeEdits((m) => {
              editor.current?.applyEdits((current) => m.deleteNode(current, pointer));
              const at = parentOf(pointer);
              if (at) go(at.parent);
            });
          }}
        />
      ) : null}
    </>
  );
}
