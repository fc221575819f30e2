'use client';
/**
 * Share → Embed: the author picks who the embed shows data as, how long the
 * link lives, which sites may frame it, pinned params and a data slice; the
 * app's own API mints the token (the browser never holds a key or secret).
 * A modal <dialog>: the page behind is inert, Escape closes it.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { AudienceField, LifetimeField, OriginsField, ParamsField, SliceField, ThemeField, VersionField } from './embed-fields';
import { buildEmbedBody, INITIAL_FORM, paramFieldsOf, type EmbedBody, type EmbedForm, type FormErrors } from './embed-request';
import { EmbedResult, type MintedLink, type PreviewLink } from './embed-result';
import styles from './share-embed.module.css';

export interface ShareEmbedDialogProps {
  pageId: string;
  pageName: string;
  version?: number | string;
  declaredQueries?: unknown;
  pageText?: string;
  unsaved?: boolean;
  onClose: () => void;
}

/** Long enough to look around the preview; short, as only this studio may frame it. */
const PREVIEW_TTL_SECONDS = 600;

type Minted = { ok: true; link: MintedLink } | { ok: false; status: number; code: string; message: string };

async function mint(pageId: string, body: EmbedBody): Promise<Minted> {
  try {
    const response = await fetch(`/api/pages/${encodeURIComponent(pageId)}/embed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = (await response.json().catch(() => ({}))) as Partial<MintedLink> & { error?: { code?: string; message?: string } };
    if (response.ok && answer.embed_url && answer.snippet && answer.token && answer.expires_at) return { ok: true, link: answer as MintedLink };
    return { ok: false, status: response.status, code: answer.error?.code ?? 'unknown', message: answer.error?.message ?? `The server answered HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, status: 0, code: 'network', message: `Could not reach the studio’s server: ${(error as Error).message}` };
  }
}

function declaredQueriesOf(props: Pick<ShareEmbedDialogProps, 'declaredQueries' | 'pageText'>): unknown {
  if (props.declaredQueries !== undefined) return props.declaredQueries;
  try {
    return (JSON.parse(props.pageText ?? '{}') as { declared_queries?: unknown }).declared_queries;
  } catch {
    return undefined;
  }
}

/** What to tell the author when the server refuses, with the way forward where there is one. */
function refusalHint(refusal: Extract<Minted, { ok: false }>, body: EmbedBody): string | undefined {
  if (refusal.status === 403 && body.audience !== 'self') return 'Workspace and public embeds need a key with pages:admin: choose “My access”, or ask an admin to share it.';
  if (refusal.status === 401) return 'Your studio session has ended: sign in again in another tab, then try again.';
  return undefined;
}

export default function ShareEmbedDialog({ pageId, pageName, version, declaredQueries, pageText, unsaved, onClose }: ShareEmbedDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const refusalBox = useRef<HTMLDivElement>(null);
  const [form, setForm] = useState<EmbedForm>(INITIAL_FORM);
  const [attempted, setAttempted] = useState(false);
  const [blurErrors, setBlurErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<{ message: string; code: string; status: number; hint?: string } | undefined>();
  const [link, setLink] = useState<{ link: MintedLink; key: string } | undefined>();
  const [preview, setPreview] = useState<PreviewLink | undefined>();
  const fields = useMemo(() => paramFieldsOf(declaredQueriesOf({ declaredQueries, pageText })), [declaredQueries, pageText]);
  const built = useMemo(() => buildEmbedBody(form, fields, version), [form, fields, version]);
  // Before the first "Create link" only what the author has left is judged; after it, everything, as they type.
  const errors: FormErrors = attempted && 'errors' in built ? built.errors : attempted ? {} : blurErrors;

  // On a narrow screen the result column is below the form: bring the refusal into view.
  // (Braces: scrollIntoView may return a promise, and an effect must return nothing but a cleanup.)
  useEffect(() => {
    refusalBox.current?.scrollIntoView({ block: 'nearest' });
  }, [refusal]);

  useEffect(() => {
    const node = dialog.current;
    if (!node) return;
    // No close() on unmount: its close event would call onClose again; a removed dialog leaves the top layer anyway.
    if (!node.open) node.showModal();
  }, []);

  const update = (patch: Partial<EmbedForm>) => {
    if (patch.origins && patch.origins.length < form.origins.length) setBlurErrors({});
    setForm((f) => ({ ...f, ...patch }));
  };

  const create = async () => {
    setAttempted(true);
    setRefusal(undefined);
    if ('errors' in built) {
      // Take the author to the first field that needs them.
      requestAnimationFrame(() => dialog.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const body = built.body;
    setBusy(true);
    try {
      const minted = await mint(pageId, body);
      if (!minted.ok) {
        setRefusal({ message: minted.message, code: minted.code, status: minted.status, hint: refusalHint(minted, body) });
        return;
      }
      setLink({ link: minted.link, key: JSON.stringify(body) });
      const studio = window.location.origin;
      if (body.origins.includes(studio)) {
        setPreview({ url: minted.link.embed_url, expiresAt: minted.link.expires_at, own: true });
        return;
      }
      setPreview(undefined);
      // The author's link keeps exactly their origins; the preview gets its own short link this studio may frame.
      const forPreview = await mint(pageId, { ...body, origins: [studio], ttl_seconds: PREVIEW_TTL_SECONDS });
      setPreview(forPreview.ok ? { url: forPreview.link.embed_url, expiresAt: forPreview.link.expires_at, own: false } : { error: forPreview.message });
    } finally {
      setBusy(false);
    }
  };

  const stale = link !== undefined && (!('body' in built) || JSON.stringify(built.body) !== link.key);

  return (
    <dialog
      ref={dialog}
      className={styles.dialog}
      aria-labelledby="share-embed-title"
      aria-describedby="share-embed-subtitle"
      onClose={onClose}
      data-testid="share-embed-dialog"
    >
      <div className={styles.header}>
        <h2 id="share-embed-title" className={styles.title}>
          Share → Embed
        </h2>
        <span id="share-embed-subtitle" className={styles.subtitle}>
          A signed link that shows “{pageName}” inside another site
        </span>
        <button type="button" className={`st-button ${styles.close}`} onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
      <div className={styles.body}>
        <form
          className={styles.form}
          noValidate
          aria-label="Embed settings"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          {unsaved ? <p className={styles.note}>The embed shows the saved page: your unsaved changes are not in it until you save.</p> : null}
          <AudienceField form={form} onChange={update} />
          <LifetimeField form={form} error={errors.ttl} onChange={update} />
          <OriginsField form={form} errors={errors} onChange={update} onCheck={(i, message) => setBlurErrors((e) => ({ ...e, [`origins.${i}`]: message ?? '' }))} />
          <ParamsField form={form} fields={fields} errors={errors} onChange={update} />
          <SliceField form={form} error={errors.slice} onChange={update} />
          <VersionField form={form} version={version} error={errors.version} onChange={update} />
          <ThemeField theme={form.theme} onChange={update} />
          <div className={styles.actions}>
            <button type="submit" className={`st-button st-primary ${styles.primary}`} disabled={busy}>
              {busy ? 'Creating…' : link ? 'Create new link' : 'Create link'}
            </button>
            <span className={styles.error} role="status">
              {attempted && 'errors' in built ? 'Fix the marked fields first.' : refusal ? 'Not created: the server refused it.' : ''}
            </span>
          </div>
        </form>
        <section className={styles.result} aria-label="Embed link and preview" aria-busy={busy}>
          {refusal ? (
            <div ref={refusalBox} className={styles.refusal} role="alert" data-testid="embed-refusal">
              <strong>The server refused the link</strong>
              {refusal.message} <span className={styles.mono}>({refusal.code}{refusal.status ? `, HTTP ${refusal.status}` : ''})</span>
              {refusal.hint ? <div>{refusal.hint}</div> : null}
            </div>
          ) : null}
          {link ? (
            <EmbedResult link={link.link} preview={preview} theme={form.theme} stale={stale} pageName={pageName} />
          ) : refusal ? null : (
            <p className={styles.placeholder}>Choose the settings, then Create link: the URL, the snippet to paste and a live preview appear here.</p>
          )}
        </section>
      </div>
    </dialog>
  );
}
