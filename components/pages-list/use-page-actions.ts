'use client';
/**
 * Duplicate, archive and undo, through the app's own routes. A failure
 * leaves the list as it was and says why; an archived row is hidden at once
 * and shown again if the archive fails or is undone.
 */
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Notice } from './list-notice';
import type { PageRow } from './page-row';

/** How long an archive's Undo stays on screen. */
export const UNDO_MS = 20_000;

async function post<T>(path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw new Error('The studio did not answer (network error): nothing was changed by this click; try again');
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!response.ok) {
    const message = (parsed as { error?: { message?: string } } | null)?.error?.message;
    throw new Error(message ? `${message} (HTTP ${response.status})` : `The studio answered HTTP ${response.status}`);
  }
  return parsed as T;
}

const pagePath = (id: string, action: string) => `/api/pages/${encodeURIComponent(id)}/${action}`;

export function usePageActions({ firstScreenHref }: { firstScreenHref: string }) {
  const router = useRouter();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [highlighted, setHighlighted] = useState<string | null>(null);
  const expiry = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const show = useCallback((next: Notice | null, ttlMs?: number) => {
    clearTimeout(expiry.current);
    setNotice(next);
    if (next && ttlMs) expiry.current = setTimeout(() => setNotice(null), ttlMs);
  }, []);
  useEffect(() => () => clearTimeout(expiry.current), []);

  const mark = (id: string, on: boolean) =>
    setBusy((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const hide = (id: string, on: boolean) =>
    setHidden((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  async function duplicate(row: PageRow): Promise<void> {
    mark(row.id, true);
    try {
      const copy = await post<{ id: string; name: string }>(pagePath(row.id, 'duplicate'));
      setHighlighted(copy.id);
      show({ kind: 'duplicated', id: copy.id, name: copy.name });
      // The copy is the newest page: it is on the first screen (when the filters let it in).
      if (`${window.location.pathname}${window.location.search}` === firstScreenHref) router.refresh();
      else router.push(firstScreenHref);
    } catch (error) {
      show({ kind: 'error', message: `Could not duplicate “${row.name}”: ${(error as Error).message}` });
    } finally {
      mark(row.id, false);
    }
  }

  async function archive(row: PageRow): Promise<void> {
    mark(row.id, true);
    hide(row.id, true);
    try {
      const done = await post<{ id: string; name: string; previousStatus: 'draft' | 'published'; version?: number | string }>(pagePath(row.id, 'archive'));
      show({ kind: 'archived', ...done }, UNDO_MS);
      router.refresh();
    } catch (error) {
      hide(row.id, false);
      show({ kind: 'error', message: `Could not archive “${row.name}”: ${(error as Error).message}` });
    } finally {
      mark(row.id, false);
    }
  }

  async function undo(): Promise<void> {
    if (notice?.kind !== 'archived') return;
    const archived = notice;
    mark(archived.id, true);
    try {
      await post(pagePath(archived.id, 'restore'), { status: archived.previousStatus, ...(archived.version !== undefined ? { version: archived.version } : {}) });
      hide(archived.id, false);
      setHighlighted(archived.id);
      show({ kind: 'restored', id: archived.id, name: archived.name });
      router.refresh();
    } catch (error) {
      show({ kind: 'error', message: `Could not undo the archive of “${archived.name}”: ${(error as Error).message}` });
    } finally {
      mark(archived.id, false);
    }
  }

  return { notice, busy, hidden, highlighted, duplicate, archive, undo, dismiss: () => show(null) };
}
