'use client';
/**
 * The live preview: the text goes to /api/preview a moment after the last
 * keystroke, with the keys of the query results this tab already holds
 * (./kept-results.ts). The server runs only the queries whose SQL or params
 * changed, so an edit to the spec alone reaches no platform.
 */
import { useEffect, useRef, useState } from 'react';
import type { RenderData } from '../../lib/host/host';
import type { Diagnostic } from '../../lib/spec/diagnostics';
import { KeptResults } from './kept-results';

export interface PreviewState {
  for: string;
  diagnostics: Diagnostic[];
}

interface PreviewAnswer {
  diagnostics?: Diagnostic[];
  render?: RenderData;
  error?: { message: string };
}

async function ask(text: string, known: string[], signal: AbortSignal): Promise<PreviewAnswer> {
  const response = await fetch('/api/preview', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text, known }),
    signal,
  });
  return (await response.json()) as PreviewAnswer;
}

/** The wait after a keystroke in the editor (half-typed JSON is common), and after an edit from a panel (always a whole value). */
export const TYPING_DELAY_MS = 350;
export const PANEL_DELAY_MS = 120;

/** `quick` holds the text a panel just wrote: its preview is asked after PANEL_DELAY_MS instead. */
export function usePreview(text: string, onProblem: (message: string) => void, quick?: { readonly current: string | undefined }) {
  const [preview, setPreview] = useState<PreviewState | undefined>();
  const [render, setRender] = useState<RenderData | undefined>();
  const [revision, setRevision] = useState(0);
  const [checking, setChecking] = useState(false);
  const latest = useRef(text);
  latest.current = text;
  const kept = useRef<KeptResults | null>(null);
  kept.current ??= new KeptResults();
  const problem = useRef(onProblem);
  problem.current = onProblem;

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      setChecking(true);
      try {
        let body = await ask(text, kept.current!.known(), controller.signal);
        let merged = body.render && kept.current!.merge(body.render);
        // A kept result went missing between asking and answering: ask for everything.
        if (body.render && !merged) {
          body = await ask(text, [], controller.signal);
          merged = body.render && kept.current!.merge(body.render);
        }
        if (latest.current !== text) return;
        setPreview({ for: text, diagnostics: body.diagnostics ?? [] });
        if (merged) {
          setRender(merged);
          setRevision((r) => r + 1);
        }
        if (body.error) problem.current(`Preview failed: ${body.error.message}`);
      } catch (error) {
        if ((error as Error).name !== 'AbortError') problem.current(`Preview failed: ${(error as Error).message}`);
      } finally {
        if (latest.current === text) setChecking(false);
      }
    }, quick?.current === text ? PANEL_DELAY_MS : TYPING_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text]);

  return { preview, setPreview, render, revision, checking };
}
