'use client';
/** Asks before archiving: a modal <dialog> (focus stays inside, Escape cancels). */
import { useEffect, useRef } from 'react';
import styles from './pages-list.module.css';

export function ArchiveDialog({ name, onConfirm, onCancel }: { name: string | null; onConfirm: () => void; onCancel: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (name !== null && !element.open) element.showModal();
    if (name === null && element.open) element.close();
  }, [name]);
  return (
    <dialog ref={dialog} className={styles.dialog} aria-labelledby="archive-title" aria-describedby="archive-text" onClose={onCancel}>
      <h2 id="archive-title" className={styles.dialogTitle}>
        Archive “{name}”?
      </h2>
      <p id="archive-text">It leaves the list, and its view and embed links stop working. You can undo right after.</p>
      <div className={styles.dialogButtons}>
        <button type="button" className="st-button" onClick={onCancel} autoFocus>
          Cancel
        </button>
        <button type="button" className={`st-button ${styles.danger}`} onClick={onConfirm}>
          Archive
        </button>
      </div>
    </dialog>
  );
}
