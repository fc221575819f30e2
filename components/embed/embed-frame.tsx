'use client';
/**
 * The embed's frame: its theme, and its height posted to the page that
 * frames it, so `embed.js` there can size the iframe. The height goes only to
 * origins the token allows (the browser drops it for any other parent).
 */
import { useEffect, useRef, type ReactNode } from 'react';

export const RESIZE_MESSAGE = 'amdahl-embed:resize';

interface Props {
  pageId: string;
  theme: 'auto' | 'light' | 'dark';
  origins: string[];
  /** A public token without origins may be framed anywhere: its height may go to any parent. */
  anyOrigin: boolean;
  children: ReactNode;
}

export function EmbedFrame({ pageId, theme, origins, anyOrigin, children }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const node = ref.current;
    if (!node || window.parent === window) return;
    const targets = anyOrigin ? ['*'] : origins;
    let last = -1;
    const post = () => {
      const height = Math.ceil(node.getBoundingClientRect().height);
      if (height === last) return;
      last = height;
      for (const origin of targets) window.parent.postMessage({ type: RESIZE_MESSAGE, page: pageId, height }, origin);
    };
    const observer = new ResizeObserver(post);
    observer.observe(node);
    post();
    return () => observer.disconnect();
  }, [pageId, origins, anyOrigin]);
  return (
    <div ref={ref} className="ap-embed" data-theme={theme} data-embed-page={pageId}>
      {children}
    </div>
  );
}
