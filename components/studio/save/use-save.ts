'use client';
/**
 * Saving a page through the app's own routes (POST /api/pages for a new page,
 * PATCH /api/pages/:id with the version it was loaded at). A save that would
 * overwrite a newer version is refused by the platform (409) and comes back
 * as a conflict holding their text, so the author can compare and choose:
 * keep mine (saved over theirs, expecting their version) or take theirs (mine
 * is set aside as a draft, never dropped). A save refused by validation keeps
 * the text and answers the diagnostics that say why.
 */
import { useRouter } from 'next/navigation';
import { useCallback, useRef, useState } from 'react';
import type { Diagnostic } from '../../../lib/spec/diagnostics';
import { pageTextOf } from '../../../lib/spec/page-text';

export interface SavedPage {
  text: string;
  version?: number | string;
  updatedAt?: string;
  id?: string;
}

export interface Conflict {
  /** The platform's current page, as editor text. */
  theirs: string;
  /** The text whose save was refused. */
  mine: string;
  version?: number | string;
  updatedAt?: string;
}

export interface SaveProblem {
  message: string;
  conflict?: Conflict;
}

interface SaveAnswer {
  page?: { id: string; version?: number | string; updated_at?: string };
  error?: { code: string; message: string };
  diagnostics?: Diagnostic[];
  current?: { version?: number | string; updated_at?: string; name: string; tags?: string[]; declared_queries?: unknown[]; spec: unknown };
}

export interface SaveOptions {
  /** The current editor text (read when a save starts). */
  latest: { current: string };
  /** Called once the platform confirmed a save of `text`: the draft may go. */
  onSaved(text: string): void;
  /** Diagnostics of a refused save, for the editor and the problems list. */
  onRefused(text: string, diagnostics: Diagnostic[]): void;
  /** Takes theirs: the editor shows `theirs`; `mine` must stay recoverable. */
  onTakeTheirs(theirs: string, mine: string, base: { version?: number | string; updatedAt?: string }): void;
}

export function useSave(initial: SavedPage, { latest, onSaved, onRefused, onTakeTheirs }: SaveOptions) {
  const router = useRouter();
  const [saved, setSaved] = useState<SavedPage>(initial);
  const [isSaving, setSaving] = useState(false);
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState<SaveProblem | undefined>();
  const saving = useRef(false);

  const save = useCallback(
    async (expected?: { version?: number | string; updatedAt?: string }) => {
      // One save at a time: Ctrl+S twice on a new page must not create two pages.
      if (saving.current) return;
      saving.current = true;
      const body = latest.current;
      setSaving(true);
      setStatus('Saving…');
      setProblem(undefined);
      try {
        const response = await fetch(saved.id ? `/api/pages/${encodeURIComponent(saved.id)}` : '/api/pages', {
          method: saved.id ? 'PATCH' : 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            text: body,
            expectedVersion: expected ? expected.version : saved.version,
            expectedUpdatedAt: expected ? expected.updatedAt : saved.updatedAt,
          }),
        });
        const result = (await response.json()) as SaveAnswer;
        if (response.ok && result.page) {
          const page = result.page;
          setSaved({ text: body, version: page.version, updatedAt: page.updated_at, id: page.id });
          onSaved(body);
          setStatus(`Saved${page.version !== undefined ? ` (version ${page.version})` : ''}`);
          if (!saved.id) router.replace(`/pages/${encodeURIComponent(page.id)}/edit`);
          return;
        }
        if (response.status === 409 && result.current) {
          setProblem({
            message: result.error?.message ?? 'This page changed since you opened it',
            conflict: { theirs: pageTextOf(result.current), mine: body, version: result.current.version, updatedAt: result.current.updated_at },
          });
        } else {
          if (result.diagnostics?.length) onRefused(body, result.diagnostics);
          setProblem({ message: `${result.error?.message ?? `Saving failed (HTTP ${response.status})`}. Your text is kept.` });
        }
        setStatus('Not saved');
      } catch (error) {
        setProblem({ message: `Saving failed: ${(error as Error).message}. Your text is kept in this browser.` });
        setStatus('Not saved');
      } finally {
        saving.current = false;
        setSaving(false);
      }
    },
    [saved, latest, onSaved, onRefused, router],
  );

  /** Saves mine over theirs: the expected version is theirs, so a third writer in between is caught again. */
  const keepMine = useCallback(() => {
    const conflict = problem?.conflict;
    if (conflict) void save({ version: conflict.version, updatedAt: conflict.updatedAt });
  }, [problem, save]);

  const takeTheirs = useCallback(() => {
    const conflict = problem?.conflict;
    if (!conflict) return;
    const base = { version: conflict.version, updatedAt: conflict.updatedAt };
    setSaved((s) => ({ ...s, text: conflict.theirs, ...base }));
    setProblem(undefined);
    setStatus('Loaded their version; yours is kept as a draft');
    onTakeTheirs(conflict.theirs, latest.current, base);
  }, [problem, latest, onTakeTheirs]);

  /** A restored draft was written against the version it was loaded with: saving it must not silently overwrite a newer one. */
  const rebase = useCallback((base: { version?: number | string; updatedAt?: string } | undefined) => {
    if (base) setSaved((s) => ({ ...s, version: base.version ?? s.version, updatedAt: base.updatedAt ?? s.updatedAt }));
  }, []);

  return { saved, isSaving, status, setStatus, problem, dismissProblem: () => setProblem(undefined), save, keepMine, takeTheirs, rebase };
}
