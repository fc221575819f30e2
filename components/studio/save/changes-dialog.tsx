'use client';
/**
 * A modal dialog comparing two versions of the page side by side (Monaco's
 * diff editor, loaded on first open) with the author's choices below it.
 * Used for a save conflict (theirs against mine) and for reviewing unsaved
 * changes (saved against current). Escape closes it and changes nothing.
 */
import dynamic from 'next/dynamic';
import { useEffect, useRef, type ReactNode } from 'react';
import styles from './save.module.css';

const TextDiff = dynamic(() => import('./text-diff'), {
  ssr: false,
  loading: () => <div className="ap-empty">Loading the comparison…</div>,
});

export interface ChangesDialogProps {
  title: string;
  /** What the author is looking at and what each choice does. */
  children?: ReactNode;
  original: { label: string; text: string };
  modified: { label: string; text: string };
  /** The choices, as buttons. */
  actions: ReactNode;
  onClose(): void;
  testId: string;
}

export function ChangesDialog({ title, children, original, modified, actions, onClose, testId }: ChangesDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const node = dialog.current;
    // No close() on unmount: its close event would call onClose again; a removed dialog leaves the top layer anyway.
    if (node && !node.open) node.showModal();
  }, []);
  return (
    <dialog ref={dialog} className={styles.dialog} aria-labelledby={`${testId}-title`} onClose={onClose} data-testid={testId}>
      <div className={styles.header}>
        <h2 id={`${testId}-title`} className={styles.title}>
          {title}
        </h2>
        <button className={`st-button ${styles.close}`} onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
      {children ? <div className={styles.explain}>{children}</div> : null}
      <div className={styles.labels}>
        <span>{original.label}</span>
        <span>{modified.label}</span>
      </div>
      <div className={styles.diff}>
        <TextDiff original={original.text} modified={modified.text} />
      </div>
      <div className={styles.actions}>{actions}</div>
    </dialog>
  );
}
