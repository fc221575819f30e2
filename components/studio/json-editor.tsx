'use client';
/**
 * The Monaco JSON editor, bundled from the npm package (no CDN). The page's
 * JSON Schema drives completion and hover; every diagnostic comes from the
 * server's validator as markers, so the editor, the API and the CLI agree.
 * Monaco's own schema validation is off so problems are not reported twice.
 * Only the editor core and the JSON and SQL languages load (./monaco.ts).
 * Load this module only through `next/dynamic` with `ssr: false`.
 */
import { useEffect, useRef } from 'react';
import type { Diagnostic } from '../../lib/spec/diagnostics';
import type { QueryOutcome } from '../../lib/render/run-queries';
import { isDarkNow, THEME_EVENT } from '../theme';
import { registerEditorIntel } from './editor-intel';
import * as monaco from './monaco';
import type { Edit } from './properties-panel/prop-edits';
import { pointerAtOffset, rangeOfPointer } from './spec-pointers';

const MODEL_URI = monaco.Uri.parse('inmemory://spec/page.json');

export interface EditorHandle {
  reveal(line: number, column: number): void;
  format(): void;
  /** Puts the cursor just inside the value a JSON pointer names and reveals it (and focuses the editor unless `focus` is false); false when the text has no such value. */
  selectPointer(pointer: string, focus?: boolean): boolean;
  /**
   * Applies jsonc-parser edits computed from the editor's current text, through
   * the editor (so its undo undoes them). Edits with the same `group` (one
   * control being typed in) join one undo step; without a group each call is one.
   */
  applyEdits(make: (text: string) => readonly Edit[], group?: string): void;
  /** The next edit starts a new undo step. */
  closeEditGroup(): void;
}

export interface JsonEditorProps {
  value: string;
  onChange(value: string): void;
  diagnostics: readonly Diagnostic[];
  /** The text the diagnostics were computed for; markers wait until it matches the editor's text. */
  diagnosticsFor: string | undefined;
  schema: object;
  schemaId: string;
  /** The latest preview's query outcomes: result columns for completion, rows for hover. */
  outcomes?: Readonly<Record<string, QueryOutcome>>;
  handleRef?: { current: EditorHandle | null };
  /** The JSON pointer of the value under the cursor, as the cursor moves. */
  onCursorPointer?(pointer: string): void;
}

export default function JsonEditor({ value, onChange, diagnostics, diagnosticsFor, schema, schemaId, outcomes, handleRef, onCursorPointer }: JsonEditorProps) {
  const container = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const onCursorRef = useRef(onCursorPointer);
  onCursorRef.current = onCursorPointer;
  const intelRef = useRef({ schema, outcomes, diagnostics, diagnosticsFor });
  intelRef.current = { schema, outcomes, diagnostics, diagnosticsFor };

  useEffect(() => {
    monaco.jsonDefaults.setDiagnosticsOptions({
      validate: true,
      allowComments: false,
      trailingCommas: 'error',
      enableSchemaRequest: false,
      schemaValidation: 'ignore',
      schemas: [{ uri: schemaId, fileMatch: ['inmemory://spec/*'], schema }],
    });
  }, [schema, schemaId]);

  useEffect(() => {
    if (!container.current) return;
    const model = monaco.editor.getModel(MODEL_URI) ?? monaco.editor.createModel(value, 'json', MODEL_URI);
    model.setValue(value);
    const editor = monaco.editor.create(container.current, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      tabSize: 2,
      scrollBeyondLastLine: false,
      wordWrap: 'on',
      fixedOverflowWidgets: true,
      renderValidationDecorations: 'on',
      ariaLabel: 'Page JSON',
    });
    editorRef.current = editor;
    const sub = model.onDidChangeContent(() => onChangeRef.current(model.getValue()));
    const cursor = editor.onDidChangeCursorPosition((e) => onCursorRef.current?.(pointerAtOffset(model.getValue(), model.getOffsetAt(e.position))));
    const intel = registerEditorIntel(monaco, () => {
      const { schema, outcomes, diagnostics, diagnosticsFor } = intelRef.current;
      return { schema, outcomes, diagnostics: diagnosticsFor === model.getValue() ? diagnostics : [] };
    });
    // Ctrl/Cmd+S is the studio's, on the whole page (use-save-shortcut.ts), not the editor's.
    // The panels' edits (see applyEdits) group by control; typing in the editor starts afresh.
    let openGroup: string | undefined;
    const focus = editor.onDidFocusEditorText(() => {
      if (openGroup !== undefined) model.pushStackElement();
      openGroup = undefined;
    });
    if (handleRef) {
      handleRef.current = {
        reveal(line, column) {
          editor.revealPositionInCenter({ lineNumber: line, column });
          editor.setPosition({ lineNumber: line, column });
          editor.focus();
        },
        format() {
          void editor.getAction('editor.action.formatDocument')?.run();
        },
        selectPointer(pointer, focus = true) {
          const range = rangeOfPointer(model.getValue(), pointer);
          if (!range) return false;
          const position = model.getPositionAt(range.offset + 1);
          editor.setPosition(position);
          editor.revealPositionInCenter(position);
          if (focus) editor.focus();
          return true;
        },
        applyEdits(make, group) {
          const edits = make(model.getValue());
          if (!edits.length) return;
          if (group === undefined || group !== openGroup) model.pushStackElement();
          openGroup = group;
          editor.executeEdits(
            'amdahl-panel',
            edits.map((e) => {
              const start = model.getPositionAt(e.offset);
              const end = model.getPositionAt(e.offset + e.length);
              return { range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column), text: e.content };
            }),
          );
          if (group === undefined) model.pushStackElement();
        },
        closeEditGroup() {
          if (openGroup !== undefined) model.pushStackElement();
          openGroup = undefined;
        },
      };
    }
    return () => {
      sub.dispose();
      cursor.dispose();
      focus.dispose();
      intel.dispose();
      editor.dispose();
      model.dispose();
      editorRef.current = null;
      if (handleRef) handleRef.current = null;
    };
    // The editor is created once; later values flow in through the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Monaco paints its own colours: follow the page's theme (the system's, or the header's choice).
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => monaco.editor.setTheme(isDarkNow() ? 'vs-dark' : 'vs');
    apply();
    media.addEventListener('change', apply);
    window.addEventListener(THEME_EVENT, apply);
    return () => {
      media.removeEventListener('change', apply);
      window.removeEventListener(THEME_EVENT, apply);
    };
  }, []);

  // Outside changes (a restored draft, a reload after a conflict) replace the text as one undoable edit.
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (model && model.getValue() !== value) {
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text: value }], () => null);
    }
  }, [value]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    if (diagnosticsFor !== model.getValue()) return;
    monaco.editor.setModelMarkers(
      model,
      'amdahl',
      diagnostics
        .filter((d) => d.line !== undefined && d.code !== 'invalid-json')
        .map((d) => ({
          severity: d.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
          message: d.hint ? `${d.message}\n${d.hint}` : d.message,
          code: d.code,
          source: 'amdahl',
          startLineNumber: d.line!,
          startColumn: d.column!,
          endLineNumber: d.endLine ?? d.line!,
          endColumn: Math.max(d.endColumn ?? d.column! + 1, d.endLine && d.endLine > d.line! ? 1 : d.column! + 1),
        })),
    );
  }, [diagnostics, diagnosticsFor]);

  return <div ref={container} style={{ width: '100%', height: '100%' }} data-testid="json-editor" />;
}
