'use client';
/**
 * The authoring studio: the page's JSON on the left, validated as you type;
 * a live preview over real query results on the right; every problem listed
 * below. The draft is kept in this browser until it is saved, so a reload, a
 * crash or a refused save loses nothing. Saving goes through the app's own
 * routes: the browser never holds the API key.
 */
import dynamic from 'next/dynamic';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { Diagnostic } from '../../lib/spec/diagnostics';
import type { PaletteEntry } from '../../lib/spec/palette';
import { formatDocument } from '../../lib/spec/normalise';
import { PageView } from '../page-renderer/page-view';
import { ShareEmbedButton } from '../share/share-embed-button';
import type { EditorHandle } from './json-editor';
import { ProblemsPanel } from './problems-panel';
import { QueryStrip } from './query-strip';
import { useSave, type Conflict } from './save/use-save';
import { useDraft } from './use-draft';
import { useLeaveWarning } from './use-leave-warning';
import { useSaveShortcut } from './use-save-shortcut';
import { usePreview } from './use-preview';
import { documentPointerOfNode, nodePointerFor } from './spec-pointers';
import type { TextEditor } from './properties-panel/properties-panel';
import { AuthoringSide } from './authoring-side';

// The save dialogs are loaded when one first opens (a conflict, Review changes), not with the editor.
const ConflictDialog = dynamic(() => import('./save/save-dialogs').then((m) => m.ConflictDialog), { ssr: false });
const ReviewChangesDialog = dynamic(() => import('./save/save-dialogs').then((m) => m.ReviewChangesDialog), { ssr: false });

const JsonEditor = dynamic(() => import('./json-editor'), {
  ssr: false,
  loading: () => <div className="ap-empty">Loading the editor…</div>,
});
const QueriesPanel = dynamic(() => import('./queries-panel/queries-panel'), {
  ssr: false,
  loading: () => <div className="ap-empty">Loading the queries…</div>,
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
  /** The catalog as the Components palette offers it. */
  palette: readonly PaletteEntry[];
}

export function Studio({ initialText, pageId, version, updatedAt, schema, schemaId, draftKey = 'new', palette }: StudioProps) {
  const [text, setText] = useState(initialText);
  const [reviewing, setReviewing] = useState(false);
  const [hiddenConflict, setHiddenConflict] = useState<Conflict | undefined>();
  // The save flow owns the status line; the preview reports its failures there too.
  const reportStatus = useRef<(message: string) => void>(() => undefined);
  // The text the last panel edit produced: its preview needs no typing pause.
  const panelText = useRef<string | undefined>(undefined);
  const { preview, setPreview, render, revision, checking } = usePreview(text, (message) => reportStatus.current(message), panelText);
  const [queriesOpen, setQueriesOpen] = useState(false);
  // The preview node whose JSON holds the editor's cursor: outlined in the preview.
  const [cursorNode, setCursorNode] = useState<string | undefined>();
  const latest = useRef(text);
  latest.current = text;
  const editor = useRef<EditorHandle | null>(null);
  // The panels write through the editor (one undo step per change); their edits are marked for a quicker preview.
  const panelEditor = useMemo(() => {
    const handle: { current: TextEditor | null } = {
      current: {
        applyEdits(make, group) {
          editor.current?.applyEdits(make, group);
          panelText.current = latest.current;
        },
        closeEditGroup: () => editor.current?.closeEditGroup(),
      },
    };
    return handle;
  }, []);
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
  reportStatus.current = setStatus;
  const dirty = text !== saved.text;
  const draft = useDraft(`amdahl:draft:${saved.id ?? draftKey}`, text, saved.text, { version: saved.version, updatedAt: saved.updatedAt });
  draftRef.current = draft;

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
            onChange={(changed) => {
              latest.current = changed;
              setText(changed);
            }}
            diagnostics={diagnostics}
            diagnosticsFor={preview?.for}
            schema={schema}
            schemaId={schemaId}
            outcomes={render?.outcomes}
            handleRef={editor}
            onCursorPointer={(pointer) => setCursorNode(nodePointerFor(latest.current, pointer))}
          />
        </div>
      </div>
      <section className="st-queries" aria-label="Queries">
        <button className="st-queries-toggle" aria-expanded={queriesOpen} onClick={() => setQueriesOpen((open) => !open)}>
          {queriesOpen ? '▾' : '▸'} Queries
        </button>
        {queriesOpen ? (
          <div className="st-queries-body">
            <QueriesPanel text={text} onTextChange={setText} />
          </div>
        ) : null}
      </section>
      <div
        className="st-preview"
        data-testid="preview"
        onClick={(event) => {
          // A click on a node selects its JSON in the editor.
          const node = (event.target as Element).closest?.('[data-pointer]');
          const pointer = node?.getAttribute('data-pointer');
          if (pointer) editor.current?.selectPointer(documentPointerOfNode(latest.current, pointer));
        }}
      >
        {cursorNode ? <style>{`.st-preview [data-pointer=${JSON.stringify(cursorNode)}] { outline: 2px solid var(--ap-accent); outline-offset: -2px; }`}</style> : null}
        {render ? <QueryStrip outcomes={render.outcomes} /> : null}
        {render ? (
          previewTree
        ) : (
          <div className="ap-empty" style={{ height: 200 }}>
            {preview ? 'Fix the JSON to see the preview' : 'Running the page’s queries…'}
          </div>
        )}
      </div>
      <AuthoringSide
        text={text}
        palette={palette}
        schema={schema}
        selected={cursorNode === undefined ? undefined : documentPointerOfNode(text, cursorNode)}
        outcomes={render?.outcomes}
        diagnostics={current ? diagnostics : []}
        editor={panelEditor}
        onSelect={(pointer) => editor.current?.selectPointer(pointer, false)}
      />
      <ProblemsPanel diagnostics={diagnostics} stale={!current} onSelect={(d) => d.line && editor.current?.reveal(d.line, d.column ?? 1)} />
    </div>
  );
}
