'use client';
/**
 * A Custom node's own HTML, run in a sandboxed frame (lib/render/custom-sandbox.ts):
 * `sandbox="allow-scripts"` without allow-same-origin, a bootstrap document
 * served with a CSP that allows no network, and the author's HTML and the
 * bound rows posted to it once it says it is ready. The frame grows to the
 * height its content reports.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { CUSTOM_MESSAGES, SANDBOX_MAX_HEIGHT, SANDBOX_PATH } from '../../lib/render/custom-sandbox';

export interface SandboxFrameProps {
  html: string;
  rows: readonly Record<string, unknown>[];
  title: string;
  height: number;
}

export function SandboxFrame({ html, rows, title, height }: SandboxFrameProps) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [shown, setShown] = useState(height);
  // Other html or other rows load a fresh frame (the bootstrap renders once); the same ones, re-rendered, keep it.
  const signature = useMemo(() => JSON.stringify([html, rows]), [html, rows]);
  const [generation, setGeneration] = useState(0);
  const last = useRef(signature);
  useEffect(() => {
    if (last.current === signature) return;
    last.current = signature;
    setGeneration((g) => g + 1);
  }, [signature]);

  useEffect(() => {
    const post = () => frame.current?.contentWindow?.postMessage({ type: CUSTOM_MESSAGES.render, html, rows }, '*');
    const onMessage = (event: MessageEvent) => {
      if (!frame.current || event.source !== frame.current.contentWindow) return;
      const data = event.data as { type?: unknown; height?: unknown } | null;
      if (data?.type === CUSTOM_MESSAGES.ready) post();
      else if (data?.type === CUSTOM_MESSAGES.size && typeof data.height === 'number' && Number.isFinite(data.height)) {
        setShown(Math.max(0, Math.min(SANDBOX_MAX_HEIGHT, Math.round(data.height))));
      }
    };
    window.addEventListener('message', onMessage);
    // A frame drawn on the server (a view, an embed) may have loaded and said ready before this page listened: post now too.
    post();
    return () => window.removeEventListener('message', onMessage);
  }, [html, rows, generation]);

  return (
    <iframe
      key={generation}
      ref={frame}
      src={SANDBOX_PATH}
      sandbox="allow-scripts"
      referrerPolicy="no-referrer"
      title={title}
      style={{ width: '100%', height: shown, border: 0, display: 'block' }}
    />
  );
}
