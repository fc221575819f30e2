'use client';
/**
 * The authoring studio: the page's JSON on the left, validated as you type;
 * a live preview over real query results on the right; every problem listed
 * below. The draft is kept in this browser until it is saved, so a reload, a
 * crash or a refused save loses nothing. Saving goes through the app's own
 * routes: the browser never holds the API key.
 */
import dynamic from 'next/dynamic';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Diagnostic } from '../../lib/spec/diagnostics';
import { formatDocument } from '../../lib/spec/normalise';
import type { RenderData } from '../../lib/host/host';
import { PageView } from '../page-renderer/page-view';
import { ShareEmbedButton } from '../share/share-embed-button';
import type { EditorHandle } from './json-editor';
import { ProblemsPanel } from './problems-panel';
import { QueryStrip } from './query-strip';
import { ConflictDialog, ReviewChangesDialog } from './save/save-dialogs';
import { useSave, type Conflict } from './save/use-save';
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

export function Studio({ initialText, pageId, version, updatedAt, schema, schemaId, draftKey = 'new' }: StudioProps) {
  const [text, setText] = useState(initialText);
  const [preview, setPreview] = useState<PreviewState | undefined>();
  const [render, setRender] = useState<RenderData | undefined>();
  const [revision, setRevision] = useState(0);
  const [checking, setChecking] = useState(false);
  const [reviewing, setReviewing] = useState(false);
  const [hiddenConflict, setHiddenConflict] = useState<Conflict | undefined>();
  const latest = useRef(text);
  latest.current = text;
  const editor = useRef<EditorHandle | null>(null);
  const draftRef = useRef<ReturnType<typeof useDraft> | null>(null);
  const { saved, isSaving, status, setStatus, problem, save, keepMine, takeTheirs, rebase } = useSave(
    { text: initialText, version, updatedAt, id: pageId },
    {
      latest,
      onSaved: useCallback(() => draftRef.current?.clear(), []),
      onRefused: useCallback((body: string, found: Diagnostic[]) => setPreview({ for: body, diagnostics: found }), []),
      onTakeTheirs: useCallback((theirs: string, mine: string, base: { version?: number | string; updatedAt?: string }) => {
        setText(theirs);
        draftRef.current?.setAside(mine, base, 'Your version, set aside when you took theirs');
      }, []),
    },
  );
  const dirty = text !== saved.text;
  const draft = useDraft(`amdahl:draft:${saved.id ?? draftKey}`, text, saved.text, { version: saved.version, updatedAt: saved.updatedAt });
  draftRef.current = draft;

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

  // A keystroke re-renders the studio; the preview's tree (every node's props resolved, charts drawn) only changes with a new render.
  const previewTree = useMemo(() => (render ? <PageView page={render.page} outcomes={render.outcomes} revision={revision} /> : null), [render, revision]);
  const diagnostics = preview?.diagnostics ?? [];
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const current = preview?.for === text;

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
        <button className="st-button" onClick={() => setReviewing(true)} disabled={!dirty} title="Compare the saved version with your text before saving">
          Review changes
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
            {draft.offer.note ?? 'An unsaved draft of this page'} from {new Date(draft.offer.savedAt).toLocaleString()} is kept in this browser.{' '}
            <button
              className="st-button"
              onClick={() => {
                const restored = draft.restore();
                rebase(restored.base);
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
                <button className="st-button" onClick={() => setHiddenConflict(undefined)}>
                  Compare versions
                </button>
              </>
            ) : null}
          </div>
        ) : null}
        {problem?.conflict && hiddenConflict !== problem.conflict ? (
          <ConflictDialog conflict={problem.conflict} busy={isSaving} onKeepMine={keepMine} onTakeTheirs={takeTheirs} onClose={() => setHiddenConflict(problem.conflict)} />
        ) : null}
        {reviewing ? (
          <ReviewChangesDialog
            saved={saved.text}
            current={text}
            version={saved.version}
            busy={isSaving}
            onSave={() => {
              setReviewing(false);
              void save();
            }}
            onClose={() => setReviewing(false)}
          />
        ) : null}
        <div style={{ height: draft.offer || problem ? 'calc(100% - 48px)' : '100%' }}>
          <JsonEditor
            value={text}
            onChange={setText}
            diagnostics={diagnostics}
            diagnosticsFor={preview?.for}
            schema={schema}
            schemaId={schemaId}
            handleRef={editor}
          />
        </div>
      </div>
      <div className="st-preview" data-testid="preview">
        {render ? <QueryStrip outcomes={render.outcomes} /> : null}
        {render ? (
          previewTree
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
