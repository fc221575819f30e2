'use client';
/**
 * Keeps the editor's unsaved text in localStorage, so a reload, a crash or a
 * refused save loses nothing. A draft found on load is offered, never applied
 * silently, and is not overwritten until the author restores or discards it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface DraftBase {
  version?: number | string;
  updatedAt?: string;
}

interface StoredDraft {
  text: string;
  savedAt: number;
  /** The stored version the draft was written against. */
  base?: DraftBase;
  /** Why the draft was kept, when it was not simply left unsaved (for example set aside by "Take theirs"). */
  note?: string;
}

function read(key: string): StoredDraft | undefined {
  try {
    const raw = window.localStorage.getItem(key);
    const value = raw ? (JSON.parse(raw) as StoredDraft) : undefined;
    return value && typeof value.text === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

export function useDraft(key: string, text: string, savedText: string, base: DraftBase) {
  const [offer, setOffer] = useState<StoredDraft | undefined>();
  const offered = useRef(false);
  const pending = useRef(false);
  const restoredBase = useRef(false);
  const baseRef = useRef(base);
  // A restored draft keeps the base it was written against until it is saved.
  if (!pending.current && !restoredBase.current) baseRef.current = base;

  useEffect(() => {
    if (offered.current) return;
    offered.current = true;
    const stored = read(key);
    if (stored && stored.text !== savedText) {
      pending.current = true;
      setOffer(stored);
    }
  }, [key, savedText]);

  useEffect(() => {
    if (pending.current) return;
    const timer = setTimeout(() => {
      try {
        if (text !== savedText) window.localStorage.setItem(key, JSON.stringify({ text, savedAt: Date.now(), base: baseRef.current }));
        else window.localStorage.removeItem(key);
      } catch {
        // Storage full or disabled: the editor still holds the text.
      }
    }, 300);
    return () => clearTimeout(timer);
  }, [key, text, savedText]);

  const restore = useCallback((): { text: string; base?: DraftBase } => {
    const value = { text: offer?.text ?? text, base: offer?.base };
    if (offer?.base) {
      baseRef.current = offer.base;
      restoredBase.current = true;
    }
    pending.current = false;
    setOffer(undefined);
    return value;
  }, [offer, text]);

  const discard = useCallback(() => {
    pending.current = false;
    setOffer(undefined);
    try {
      window.localStorage.removeItem(key);
    } catch {
      // nothing to remove
    }
  }, [key]);

  const clear = useCallback(() => {
    restoredBase.current = false;
    try {
      window.localStorage.removeItem(key);
    } catch {
      // nothing to remove
    }
  }, [key]);

  /**
   * Keeps `mine` as the offered draft while the editor shows other text (theirs, after a conflict):
   * written at once, offered until restored or discarded, and offered again after a reload.
   */
  const setAside = useCallback(
    (mine: string, mineBase: DraftBase, note: string) => {
      const stored: StoredDraft = { text: mine, savedAt: Date.now(), base: mineBase, note };
      pending.current = true;
      restoredBase.current = false;
      try {
        window.localStorage.setItem(key, JSON.stringify(stored));
      } catch {
        // Storage full or disabled: the offer below still holds it for this tab.
      }
      setOffer(stored);
    },
    [key],
  );

  return { offer, restore, discard, clear, setAside };
}
