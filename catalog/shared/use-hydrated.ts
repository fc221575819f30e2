'use client';
import { useEffect, useState } from 'react';

/**
 * False on the server and in the browser's first (hydrating) render, true
 * after: recharts draws nothing on the server, so a chart shows its
 * placeholder until this turns true, and the browser's first render matches
 * the server's HTML.
 */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
