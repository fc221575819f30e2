'use client';
/**
 * Two texts side by side in Monaco's diff editor, read-only: the original on
 * the left, the modified text on the right. Load this module only through
 * `next/dynamic` with `ssr: false` (it imports Monaco).
 */
import { useEffect, useRef } from 'react';
import { isDarkNow } from '../../theme';
import * as monaco from '../monaco';

export interface TextDiffProps {
  original: string;
  modified: string;
}

export default function TextDiff({ original, modified }: TextDiffProps) {
  const container = useRef<HTMLDivElement>(null);
  const diffRef = useRef<monaco.editor.IStandaloneDiffEditor | null>(null);

  useEffect(() => {
    if (!container.current) return;
    monaco.editor.setTheme(isDarkNow() ? 'vs-dark' : 'vs');
    const diff = monaco.editor.createDiffEditor(container.current, {
      readOnly: true,
      originalEditable: false,
      automaticLayout: true,
      renderSideBySide: true,
      // Side by side however narrow the dialog: both versions stay in view.
      useInlineViewWhenSpaceIsLimited: false,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 13,
      wordWrap: 'on',
      ariaLabel: 'Differences',
    });
    diffRef.current = diff;
    return () => {
      const models = diff.getModel();
      diff.dispose();
      models?.original.dispose();
      models?.modified.dispose();
      diffRef.current = null;
    };
  }, []);

  useEffect(() => {
    const diff = diffRef.current;
    if (!diff) return;
    const previous = diff.getModel();
    // Models without a path: the page schema (matched on inmemory://spec/*) stays the editor's; JSON gives the colours.
    diff.setModel({ original: monaco.editor.createModel(original, 'json'), modified: monaco.editor.createModel(modified, 'json') });
    previous?.original.dispose();
    previous?.modified.dispose();
  }, [original, modified]);

  return <div ref={container} style={{ width: '100%', height: '100%' }} data-testid="text-diff" />;
}
