'use client';
/**
 * One declared query's SQL in a small Monaco editor (PostgreSQL highlighting,
 * completion from ./sql-completion.ts). The JSON document is the source of
 * truth: text from it replaces the editor's when they differ, and each edit
 * here goes back up at once. A run's error position becomes a marker.
 */
import { useEffect, useRef } from 'react';
import { isDarkNow } from '../../theme';
import * as monaco from '../monaco';
import { registerSqlCompletion, SQL_LANGUAGE } from './sql-completion';

export interface SqlMarker {
  line: number;
  column: number;
  message: string;
}

interface Props {
  /** Names the editor's model: one per declared query. */
  index: number;
  value: string;
  onChange(sql: string): void;
  marker?: SqlMarker;
  label: string;
}

export function SqlEditor({ index, value, onChange, marker, label }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const applying = useRef(false);

  useEffect(() => {
    if (!container.current) return;
    registerSqlCompletion();
    const uri = monaco.Uri.parse(`inmemory://query/${index}.sql`);
    const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(value, SQL_LANGUAGE, uri);
    if (model.getValue() !== value) model.setValue(value);
    const editor = monaco.editor.create(container.current, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 12,
      lineNumbers: 'on',
      lineNumbersMinChars: 2,
      folding: false,
      glyphMargin: false,
      scrollBeyondLastLine: false,
      wordWrap: 'on',
      fixedOverflowWidgets: true,
      renderLineHighlight: 'none',
      ariaLabel: label,
      theme: isDarkNow() ? 'vs-dark' : 'vs',
    });
    editorRef.current = editor;
    const sub = model.onDidChangeContent(() => {
      if (!applying.current) onChangeRef.current(model.getValue());
    });
    return () => {
      sub.dispose();
      editor.dispose();
      model.dispose();
      editorRef.current = null;
    };
    // Created once per query; later values flow in through the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [index]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model || model.getValue() === value) return;
    applying.current = true;
    try {
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text: value }], () => null);
    } finally {
      applying.current = false;
    }
  }, [value]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      'amdahl-run',
      marker
        ? [{ severity: monaco.MarkerSeverity.Error, message: marker.message, startLineNumber: marker.line, startColumn: marker.column, endLineNumber: marker.line, endColumn: Math.max(marker.column + 1, model.getWordAtPosition({ lineNumber: marker.line, column: marker.column })?.endColumn ?? 0) }]
        : [],
    );
  }, [marker, value]);

  return <div ref={container} className="st-sql-editor" data-testid={`sql-editor-${index}`} />;
}
