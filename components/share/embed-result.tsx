'use client';
/** A created embed link: its URL and snippet to copy, when it expires, and the embed itself, live. */
import { useEffect, useId, useRef, useState } from 'react';
import { RESIZE_MESSAGE } from '../embed/embed-frame';
import { themedSnippet, themedUrl, type Theme } from './embed-request';
import styles from './share-embed.module.css';

export interface MintedLink {
  token: string;
  expires_at: string;
  embed_url: string;
  snippet: string;
}

export type PreviewLink = { url: string; expiresAt: string; own: boolean } | { error: string };

function formatExpiry(iso: string): { local: string; relative: string } {
  const at = new Date(iso);
  const local = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'long' }).format(at);
  const minutes = Math.round((at.getTime() - Date.now()) / 60_000);
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  const relative =
    Math.abs(minutes) < 90 ? rtf.format(minutes, 'minute') : Math.abs(minutes) < 48 * 60 ? rtf.format(Math.round(minutes / 60), 'hour') : rtf.format(Math.round(minutes / 1440), 'day');
  return { local, relative };
}

function CopyField({ label, value, multiline }: { label: string; value: string; multiline?: boolean }) {
  const id = useId();
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [note, setNote] = useState('');
  useEffect(() => {
    setNote('');
  }, [value]);
  const copy = async () => {
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(value);
      setNote('Copied');
    } catch {
      // No clipboard (permission, an insecure origin): select it, so one keystroke copies it.
      field.current?.focus();
      field.current?.select();
      setNote('Selected: press Ctrl+C (⌘C on a Mac) to copy');
    }
  };
  const common = { id, ref: field, className: `${styles.input} ${styles.mono}`, readOnly: true, value, onFocus: () => field.current?.select(), 'aria-describedby': `${id}-note` };
  return (
    <div className={styles.group}>
      <label className={styles.label} htmlFor={id}>
        {label}
      </label>
      <div className={styles.copyRow}>
        {multiline ? <textarea {...common} rows={4} /> : <input {...common} type="text" />}
        <button type="button" className="st-button" onClick={() => void copy()} aria-label={`Copy ${label.toLowerCase()}`}>
          Copy
        </button>
      </div>
      <p id={`${id}-note`} className={styles.copied} aria-live="polite">
        {note}
      </p>
    </div>
  );
}

/** The embed in an iframe, sized as embed.js sizes it: from the height the embed posts to this (allowed) origin. */
function LivePreview({ url, title }: { url: string; title: string }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState<number | undefined>();
  useEffect(() => {
    // As embed.js does: only the embed's own origin (the server may name this studio by another host name), only this frame.
    const embedOrigin = new URL(url, window.location.href).origin;
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== embedOrigin || event.source !== frame.current?.contentWindow) return;
      const data = event.data as { type?: unknown; height?: unknown } | null;
      if (!data || data.type !== RESIZE_MESSAGE || typeof data.height !== 'number' || !Number.isFinite(data.height)) return;
      setHeight(Math.max(80, Math.min(Math.round(data.height), 20_000)));
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [url]);
  return (
    <div className={styles.previewBox}>
      <iframe
        ref={frame}
        className={styles.preview}
        src={url}
        title={title}
        data-testid="embed-preview"
        data-height={height ?? ''}
        style={height ? { height } : undefined}
        referrerPolicy="no-referrer"
      />
    </div>
  );
}

export function EmbedResult({ link, preview, theme, stale, pageName }: { link: MintedLink; preview?: PreviewLink; theme: Theme; stale: boolean; pageName: string }) {
  const url = themedUrl(link.embed_url, theme);
  const snippet = themedSnippet(link.snippet, link.embed_url, theme);
  const expiry = formatExpiry(link.expires_at);
  return (
    <>
      <h3 className={styles.sectionTitle}>Embed link</h3>
      {stale ? (
        <p className={styles.note} role="status">
          You changed the settings since this link was made: create the link again to apply them.
        </p>
      ) : null}
      <p className={styles.help} data-testid="embed-expiry" role="status">
        Link created. It expires <time dateTime={link.expires_at}>{expiry.local}</time> ({expiry.relative}).
      </p>
      <CopyField label="Embed URL" value={url} />
      <CopyField label="Snippet" value={snippet.snippet} multiline />
      {snippet.themed ? null : <p className={styles.note}>The server wrote the snippet in an unexpected form, so the theme is not in it: use the embed URL above.</p>}
      <p className={styles.help}>Paste the snippet into any page on an allowed origin; the script sizes the frame to the page.</p>
      <h3 className={styles.sectionTitle}>Live preview</h3>
      {!preview ? (
        <p className={styles.help}>Making the preview…</p>
      ) : 'error' in preview ? (
        <p className={styles.refusal} role="alert">
          <strong>The preview could not be made</strong>
          {preview.error}
        </p>
      ) : (
        <>
          <p className={styles.help}>
            {preview.own
              ? 'This is the link above, framed here (this studio is one of its allowed origins).'
              : 'Shown through a separate 10-minute link that only this studio may frame, with the same audience, params and slice; the link above is unchanged.'}
          </p>
          <LivePreview key={themedUrl(preview.url, theme)} url={themedUrl(preview.url, theme)} title={`Embed preview: ${pageName}`} />
        </>
      )}
    </>
  );
}
