'use client';
/** One row of the Outline: a tree item that is focusable (one at a time), selectable, and draggable unless it is the root. */
import type { DragEvent, KeyboardEvent } from 'react';
import type { OutlineNode } from './page-tree';

export interface OutlineRowProps {
  node: OutlineNode;
  depth: number;
  /** Its place among its siblings (0-based) and how many they are. */
  index: number;
  siblings: number;
  isRoot: boolean;
  selected: boolean;
  /** The one row reached by Tab. */
  tabStop: boolean;
  /** A row is being dragged, and it is not this one: this row takes drops. */
  takesDrop: boolean;
  rowRef(element: HTMLLIElement | null): void;
  onActivate(): void;
  onKeyDown(event: KeyboardEvent<HTMLLIElement>): void;
  onDragStart(): void;
  onDrop(): void;
}

export function OutlineRow({ node, depth, index, siblings, isRoot, selected, tabStop, takesDrop, rowRef, onActivate, onKeyDown, onDragStart, onDrop }: OutlineRowProps) {
  return (
    <li
      ref={rowRef}
      role="treeitem"
      aria-level={depth}
      aria-setsize={siblings}
      aria-posinset={index + 1}
      aria-selected={selected}
      aria-expanded={node.children.length ? true : undefined}
      tabIndex={tabStop ? 0 : -1}
      data-pointer={node.pointer}
      className="st-outline-row"
      style={{ paddingLeft: 4 + (depth - 1) * 14 }}
      draggable={!isRoot}
      onClick={onActivate}
      onKeyDown={onKeyDown}
      onDragStart={(e: DragEvent) => {
        e.dataTransfer.effectAllowed = 'move';
        e.dataTransfer.setData('text/plain', node.pointer);
        onDragStart();
      }}
      onDragOver={(e: DragEvent) => {
        if (takesDrop) e.preventDefault();
      }}
      onDrop={(e: DragEvent) => {
        e.preventDefault();
        onDrop();
      }}
    >
      <span className="st-outline-type">{node.type}</span>
      {node.title ? <span className="st-outline-title"> · {node.title}</span> : null}
    </li>
  );
}
