'use client';
/**
 * The authoring studio: the page's JSON on the left, validated as you type;
 * a live preview over real query results on the right; every problem listed
 * below. The draft is kept in this browser until it is saved, so a reload, a
 * crash or a refused save loses nothing. Saving goes through the app's own
 * routes: the browser never holds the API key.
 */
import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Diagnostic } from '../../lib/spec/diagnostics';
import { formatDocument } from '../../lib/spec/normalise';
import { pageTextOf } from '../../lib/spec/page-text';
import type { RenderData } from '../../lib/host/host';
import { PageView } from '../page-renderer/page-view';
import { ShareEmbedButton } from '../share/share-embed-button';
import type { EditorHandle } from './json-editor';
import { ProblemsPanel } from './problems-panel';
import { QueryStrip } from './query-strip';
import { useDraft } from './use-draft';
import { useLeaveWarning } from './use-leave-warning';
import { useSaveShortcut } from './use-save-shortcut';

const JsonEditor = dynamic(() => import('./json-editor'), {
  ssr: false,
  loading: () => <div className="ap-empty">Loading the editor…</div>,
});

export interface StudioProps {
  initialText: string;
  pageId?: string;
  version?: number | string;
  updatedAt?: string;
  schema: object;
  schemaId: string;
  /** Where an unsaved new page keeps its draft (one per template). */
  draftKey?: string;
}

interface PreviewState {
  for: string;
  diagnostics: Diagnostic[];
}

interface SaveProblem {
  message: string;
  conflict?: { version?: number | string; updated_at?: string; text: string };
}

export function Studio({ initialText, pageId, version, updatedAt, schema, schemaId, draftKey = 'new' }: StudioProps) {
  const router = useRouter();
  const [text, setText] = useState(initialText);
  const [saved, setSaved] = useState({ text: initialText, version, updatedAt, id: pageId });
  const [preview, setPreview] = useState<PreviewState | undefined>();
  const [render, setRender] = useState<RenderData | undefined>();
  const [revision, setRevision] = useState(0);
  const [checking, setChecking] = useState(false);
  const [isSaving, setSaving] = useState(false);
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState<SaveProblem | undefined>();
  const latest = useRef(text);
  latest.current = text;
  const editor = useRef<EditorHandle | null>(null);
  const dirty = text !== saved.text;
  const draft = useDraft(`amdahl:draft:${saved.id ?? draftKey}`, text, saved.text, { version: saved.version, updatedAt: saved.updatedAt });

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      setChecking(true);
      try {
        const response = await fetch('/api/preview', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text }),
          signal: controller.signal,
        });
        const body = (await response.json()) as { diagnostics?: Diagnostic[]; render?: RenderData; error?: { message: string } };
        if (latest.current !== text) return;
        setPreview({ for: text, diagnostics: body.diagnostics ?? [] });
        if (body.render) {
          setRender(body.render);
          setRevision((r) => r + 1);
        }
        if (body.error) setStatus(`Preview failed: ${body.error.message}`);
      } catch (error) {
        if ((error as Error).name !== 'AbortError') setStatus(`Preview failed: ${(error as Error).message}`);
      } finally {
        if (latest.current === text) setChecking(false);
      }
    }, 350);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text]);

  const diagnostics = preview?.diagnostics ?? [];
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const current = preview?.for === text;

  const saving = useRef(false);
  const save = useCallback(
    async (overwrite?: { version?: number | string; updated_at?: string }) => {
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
            expectedVersion: overwrite ? overwrite.version : saved.version,
            expectedUpdatedAt: overwrite ? overwrite.updated_at : saved.updatedAt,
          }),
        });
        const result = (await response.json()) as {
          page?: { id: string; version?: number | string; updated_at?: string };
          error?: { code: string; message: string };
          diagnostics?: Diagnostic[];
          current?: { version?: number | string; updated_at?: string; name: string; tags?: string[]; declared_queries?: unknown[]; spec: unknown };
        };
        if (response.ok && result.page) {
          const page = result.page;
          setSaved({ text: body, version: page.version, updatedAt: page.updated_at, id: page.id });
          draft.clear();
          setStatus(`Saved${page.version !== undefined ? ` (version ${page.version})` : ''}`);
          if (!saved.id) router.replace(`/pages/${encodeURIComponent(page.id)}/edit`);
          return;
        }
        if (response.status === 409 && result.current) {
          setProblem({
            message: result.error?.message ?? 'This page changed since you opened it',
            conflict: { version: result.current.version, updated_at: result.current.updated_at, text: pageTextOf(result.current) },
          });
        } else {
          if (result.diagnostics?.length) setPreview({ for: body, diagnostics: result.diagnostics });
          setProblem({ message: result.error?.message ?? `Saving failed (HTTP ${response.status})` });
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
    [saved, draft, router],
  );

  useSaveShortcut(() => void save());
  useLeaveWarning(dirty);

  const format = () => {
    // Formatting a page with errors could drop what the author meant: fix first.
    if (!current || errors > 0) {
      setStatus(current ? 'Fix the errors before formatting' : 'Wait for the check before formatting');
      return;
    }
    setText(formatDocument(JSON.parse(text)));
  };

  const name = useMemo(() => {
    try {
      const value = JSON.parse(text) as { name?: unknown };
      return typeof value.name === 'string' ? value.name : 'Untitled page';
    } catch {
      return 'Untitled page';
    }
  }, [text]);

  return (
    <div className="st-studio">
      <div className="st-toolbar">
        <strong>{name}</strong>
        {dirty ? (
          <span className="st-tag" data-testid="dirty" title="Changes not saved to the platform yet (kept as a draft in this browser). Ctrl/Cmd+S saves.">
            unsaved
          </span>
        ) : null}
        <button className="st-button st-primary" onClick={() => void save()} disabled={isSaving} title="Ctrl/Cmd+S">
          Save
        </button>
        <button className="st-button" onClick={format}>
          Format
        </button>
        {saved.id ? (
          <a className="st-button" href={`/pages/${encodeURIComponent(saved.id)}`} target="_blank" rel="noreferrer">
            Open view
          </a>
        ) : null}
        <ShareEmbedButton pageId={saved.id} pageName={name} version={saved.version} pageText={saved.text} unsaved={dirty} />
        <span className="st-status" role="status" aria-live="polite">
          {checking ? 'Checking… ' : ''}
          {status}
          {preview ? `${status ? ' · ' : ''}${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${current ? '' : ' (checking)'}` : ''}
        </span>
      </div>
      <div className="st-editor">
        {draft.offer ? (
          <div className="st-banner st-banner-info" role="alert">
            An unsaved draft of this page from {new Date(draft.offer.savedAt).toLocaleString()} is kept in this browser.{' '}
            <button
              className="st-button"
              onClick={() => {
                const restored = draft.restore();
                // The draft was written against the version it was loaded with: saving it must not silently overwrite a newer one.
                setSaved((s) => ({ ...s, version: restored.base?.version ?? s.version, updatedAt: restored.base?.updatedAt ?? s.updatedAt }));
                setText(restored.text);
              }}
            >
              Restore draft
            </button>{' '}
            <button className="st-button" onClick={draft.discard}>
              Discard it
            </button>
          </div>
        ) : null}
        {problem ? (
          <div className="st-banner st-banner-error" role="alert" data-testid="save-problem">
            {problem.message}
            {problem.conflict ? (
              <>
                {' '}
                <button className="st-button" onClick={() => void save(problem.conflict)}>
                  Overwrite with mine
                </button>{' '}
                <button
                  className="st-button"
                  onClick={() => {
                    setSaved((s) => ({ ...s, text: problem.conflict!.text, version: problem.conflict!.version, updatedAt: problem.conflict!.updated_at }));
                    setText(problem.conflict!.text);
                    setProblem(undefined);
                  }}
                >
                  Discard mine, load theirs
                </button>
              </>
            ) : null}
          </div>
        ) : null}
        <div style={{ height: draft.offer || problem ? 'calc(100% - 48px)' : '100%' }}>
          <JsonEditor
            value={text}
            onChange={setText}
            diagnostics={diagnostics}
            diagnosticsFor={preview?.for}
            schema={schema}
            schemaId={schemaId}
            outcomes={render?.outcomes}
            handleRef={editor}
          />
        </div>
      </div>
      <div className="st-preview" data-testid="preview">
        {render ? <QueryStrip outcomes={render.outcomes} /> : null}
        {render ? (
          <PageView page={render.page} outcomes={render.outcomes} revision={revision} />
        ) : (
          <div className="ap-empty" style={{ height: 200 }}>
            {preview ? 'Fix the JSON to see the preview' : 'Running the page’s queries…'}
          </div>
        )}
      </div>
      <ProblemsPanel diagnostics={diagnostics} stale={!current} onSelect={(d) => d.line && editor.current?.reveal(d.line, d.column ?? 1)} />
    </div>
  );
}
