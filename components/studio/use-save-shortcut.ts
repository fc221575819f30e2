'use client';
/**
 * Ctrl+S (Cmd+S on a Mac) saves from anywhere on a studio page: the editor,
 * a banner's button just clicked, the preview, the page itself. Listening on
 * the window in the capture phase sees the key before any element can stop
 * it, and the browser's own "Save page as" dialog never opens.
 */
import { useEffect, useRef } from 'react';

/** True for Ctrl+S or Cmd+S (with or without Shift), on any keyboard layout that produces an "s" or sits on the S key. */
export function isSaveShortcut(event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey'>): boolean {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return false;
  return event.key.toLowerCase() === 's' || event.code === 'KeyS';
}

export function useSaveShortcut(save: () => void): void {
  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isSaveShortcut(event)) return;
      event.preventDefault();
      // Holding the keys down repeats the event: one save per press.
      if (!event.repeat) saveRef.current();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, []);
}
