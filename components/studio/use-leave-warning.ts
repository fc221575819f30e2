'use client';
/**
 * Asks before the tab closes, reloads or navigates away while the page has
 * changes the platform has not confirmed. (The draft in this browser keeps
 * them either way; the warning saves a trip back to restore it.)
 */
import { useEffect } from 'react';

export function useLeaveWarning(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Browsers before Chrome 119 asked only when returnValue was set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
}
