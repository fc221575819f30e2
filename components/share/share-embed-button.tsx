'use client';
/**
 * The "Share" button of the editor and the view page. The dialog's code loads
 * only when it is first opened, so a view page pays a few bytes for it.
 */
import dynamic from 'next/dynamic';
import { useEffect, useId, useRef, useState } from 'react';

const ShareEmbedDialog = dynamic(() => import('./share-embed-dialog'), { ssr: false });

export interface ShareEmbedButtonProps {
  /** The saved page; without one there is nothing to embed yet. */
  pageId?: string;
  pageName: string;
  version?: number | string;
  /** The stored page's declared queries (the view route), or … */
  declaredQueries?: unknown;
  /** … the saved page's text (the editor), read when the dialog opens. */
  pageText?: string;
  /** The editor holds changes that are not saved: an embed shows the saved page. */
  unsaved?: boolean;
  className?: string;
}

export function ShareEmbedButton({ pageId, className = 'st-button', ...page }: ShareEmbedButtonProps) {
  const [open, setOpen] = useState(false);
  // Until the page is hydrated a click would do nothing: the button says so (and tests wait for it).
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const opener = useRef<HTMLButtonElement>(null);
  const reasonId = useId();
  const reason = pageId ? undefined : 'Save the page first: an embed shows a saved page.';
  return (
    <>
      <button
        ref={opener}
        type="button"
        className={className}
        aria-haspopup="dialog"
        data-ready={ready ? 'true' : undefined}
        // Focusable while unavailable, so its reason can be read and hovered.
        aria-disabled={reason ? true : undefined}
        aria-describedby={reason ? reasonId : undefined}
        title={reason ?? 'Share this page: an embed link and snippet'}
        style={reason ? { opacity: 0.5, cursor: 'not-allowed' } : undefined}
        onClick={() => {
          if (!reason) setOpen(true);
        }}
      >
        Share…
      </button>
      {reason ? (
        <span id={reasonId} hidden>
          {reason}
        </span>
      ) : null}
      {open && pageId ? (
        <ShareEmbedDialog
          pageId={pageId}
          {...page}
          onClose={() => {
            setOpen(false);
            opener.current?.focus();
          }}
        />
      ) : null}
    </>
  );
}
