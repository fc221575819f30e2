'use client';
/** The outcome of the last action, read out by screen readers; an archive's notice carries Undo while it is shown. */
import Link from 'next/link';
import styles from './pages-list.module.css';

export type Notice =
  | { kind: 'archived'; id: string; name: string; previousStatus: 'draft' | 'published'; version?: number | string }
  | { kind: 'restored'; id: string; name: string }
  | { kind: 'duplicated'; id: string; name: string }
  | { kind: 'error'; message: string };

export function ListNotice({ notice, busy, onUndo, onDismiss }: { notice: Notice | null; busy: boolean; onUndo: () => void; onDismiss: () => void }) {
  return (
    <div role="status" aria-live="polite" className={styles.noticeSlot}>
      {notice ? (
        <div className={`${styles.notice} ${notice.kind === 'error' ? styles.noticeError : ''}`} data-testid="list-notice">
          {notice.kind === 'archived' ? (
            <>
              <span>Archived “{notice.name}”.</span>
              <button type="button" className="st-button" onClick={onUndo} disabled={busy}>
                Undo
              </button>
            </>
          ) : notice.kind === 'restored' ? (
            <span>
              Restored “<Link href={`/pages/${encodeURIComponent(notice.id)}`}>{notice.name}</Link>”.
            </span>
          ) : notice.kind === 'duplicated' ? (
            <span>
              Created “<Link href={`/pages/${encodeURIComponent(notice.id)}`}>{notice.name}</Link>” (a draft).{' '}
              <Link href={`/pages/${encodeURIComponent(notice.id)}/edit`}>Edit it</Link>
            </span>
          ) : (
            <span>{notice.message}</span>
          )}
          <button type="button" className={`st-button ${styles.dismiss}`} onClick={onDismiss} aria-label="Dismiss this notice">
            ×
          </button>
        </div>
      ) : null}
    </div>
  );
}
