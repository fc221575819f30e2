'use client';
/** The Outline's question before a node goes: its type and title, and how many nodes go with it. */
import type { OutlineNode } from './page-tree';

export const outlineRowName = (node: OutlineNode) => (node.title ? `${node.type} · ${node.title}` : node.type);

function descendants(node: OutlineNode): number {
  return node.children.reduce((n, child) => n + 1 + descendants(child), 0);
}

export function DeleteConfirm({ node, onDelete, onCancel }: { node: OutlineNode; onDelete(): void; onCancel(): void }) {
  const inside = descendants(node);
  return (
    <div role="alertdialog" aria-label={`Delete ${outlineRowName(node)}?`} className="st-confirm">
      <p>
        Delete {outlineRowName(node)}
        {inside ? ` and the ${inside} node${inside === 1 ? '' : 's'} in it` : ''}?
      </p>
      <button type="button" className="st-button" autoFocus onClick={onDelete}>
        Delete
      </button>{' '}
      <button type="button" className="st-button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
